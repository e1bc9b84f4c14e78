/** Jest global teardown: drops the run's databases and stops the embedded server, if any. */
export default async function globalTeardown(): Promise<void> {
  const teardown = (globalThis as Record<string, unknown>).__flowledgerTeardown as (() => Promise<void>) | undefined;
  await teardown?.();
}
