/** Text for ILIKE that matches only itself: the user's %, _ and \ taken literally (a case-insensitive equality). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A case-insensitive "contains" pattern for ILIKE, with the user's % and _ taken literally. */
export function likePattern(search: string): string {
  return `%${likeLiteral(search)}%`;
}
