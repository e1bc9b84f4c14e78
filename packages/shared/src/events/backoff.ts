/** Retry delay after the n-th failed publish: 1 min doubling to a 60 min cap (1, 2, 4, 8, 16, 32, 60, 60 …). */
export function retryDelayMs(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, failures - 1)) * 60_000;
}
