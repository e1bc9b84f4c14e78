/** Ready when every subgraph answers its health check (which includes its database). */
export async function checkSubgraphs(subgraphUrls: Record<string, string>, timeoutMs = 2000) {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ready' : `HTTP ${response.status}`] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries);
  return { ready: entries.every(([, status]) => status === 'ready'), subgraphs };
}
