// Chinese search by character bigrams: a GIN index on text[] serves even two-character terms (芯片, 轴承),
// which trigram indexes cannot. Unigrams are kept too, so a one-character search is served as well.

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function searchTokens(...texts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const chars = [...normalizeForSearch(text)];
    for (let i = 0; i < chars.length; i++) {
      tokens.add(chars[i]!);
      if (i + 1 < chars.length) tokens.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...tokens];
}

/** Tokens a matching record must all contain: bigrams of the query (its one character when it has one). */
export function queryTokens(query: string): string[] {
  const chars = [...normalizeForSearch(query)];
  if (chars.length === 0) return [];
  if (chars.length === 1) return chars;
  const tokens = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i]! + chars[i + 1]!);
  return [...tokens];
}
