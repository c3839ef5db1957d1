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

/** Words that say nothing about which project it is; left out of name keys and of duplicate candidates. */
const FILLER = /(项目|工程|建设|新建|扩建|一期|二期|三期|四期|[一二三四1-4]期|有限责任公司|股份有限公司|有限公司|集团|公司)/g;

/** A project name reduced to what identifies it: `年产5000万片功率芯片项目（一期）` → `年产5000万片功率芯片`. */
export function nameKey(name: string): string {
  return normalizeForSearch(name).replace(FILLER, '');
}

const COMMON_BIGRAMS = new Set([
  '年产',
  '生产',
  '基地',
  '研发',
  '产业',
  '业化',
  '化项',
  '制造',
  '科技',
  '技有',
  '智能',
  '新型',
  '高端',
  '设备',
  '材料',
  '万件',
  '万套',
  '万吨',
  '万台',
  '项目',
  '有限',
  '公司',
]);

/** The bigrams of a name's key that say which project it is: no common filler, no bare numbers. */
export const distinctiveGrams = (name: string): string[] =>
  queryTokens(nameKey(name)).filter((g) => !COMMON_BIGRAMS.has(g) && !/^\d+$/.test(g));

/** A few bigrams of a name that are not common filler, for finding candidates through the GIN index. */
export function distinctiveBigrams(name: string, count = 3): string[][] {
  const grams = distinctiveGrams(name);
  if (grams.length === 0) return [];
  const head = grams.slice(0, count);
  const tail = grams.slice(-count);
  return JSON.stringify(head) === JSON.stringify(tail) ? [head] : [head, tail];
}

/** The character bigrams of a text after the search normalization (what name similarity compares). */
export function bigramSet(text: string): Set<string> {
  const chars = [...normalizeForSearch(text)];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return set;
}

/** Dice coefficient of two bigram sets; texts too short for bigrams are alike only when equal. */
export function diceOf(x: Set<string>, y: Set<string>, a: string, b: string): number {
  if (x.size === 0 || y.size === 0) return normalizeForSearch(a) === normalizeForSearch(b) ? 1 : 0;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Bigram similarity of two names (Dice coefficient), after the search normalization. */
export function nameSimilarity(a: string, b: string): number {
  return diceOf(bigramSet(a), bigramSet(b), a, b);
}

// The duplicate rules' thresholds: a name this alike is a likely duplicate; with the same investor, a name half as alike is.
export const SIMILAR_NAME = 0.8;
export const SIMILAR_INVESTOR = 0.95;
export const SIMILAR_NAME_WITH_INVESTOR = 0.5;

const OPEN_BRACKETS = /[（(［[【〔｛{〖〘]/g;
const CLOSE_BRACKETS = /[）)］\]】〕｝}〗〙]/g;

/**
 * A project name as two sheets of one office write it: whitespace dropped, full-width folded to half-width, every kind
 * of bracket made one, a trailing 项目 dropped, Latin letters in one case. `年产5000万片 芯片项目（一期）` and
 * `年产5000万片芯片(一期)` are the same name; `…（一期）` and `…（二期）` are not.
 */
export function matchName(name: string): string {
  let text = name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(OPEN_BRACKETS, '(')
    .replace(CLOSE_BRACKETS, ')')
    .toLowerCase();
  while (text.endsWith('项目') && text.length > 2) text = text.slice(0, -2);
  return text;
}
