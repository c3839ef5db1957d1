// Which ledger project a row of a sheet is. Pure: the caller hands in the projects of the scope.
// Keys in order: 项目编号; else 统一社会信用代码 + 项目名称; else 所属单位 + 项目名称 (names compared by `matchName`);
// else, when the row closely resembles projects in scope (the duplicate rules: name key, distinctive bigrams, same
// investor, same credit code), those are candidates a person decides between. Only a row like nothing is new.
import {
  bigramSet,
  matchName,
  normalizeForSearch,
  nameKey,
  nameSimilarity,
  SIMILAR_INVESTOR,
  SIMILAR_NAME,
  SIMILAR_NAME_WITH_INVESTOR,
} from './search.ts';

export interface MatchableProject {
  id: string;
  code: string;
  name: string;
  unitCode: string;
  investorName: string;
  investorCreditCode: string | null;
}

/** What a row says about which project it is. */
export interface RowIdentity {
  code: string | null;
  creditCode: string | null;
  name: string;
  unitCode: string;
  investorName: string | null;
}

/** Why a candidate looks like the row. */
export const MATCH_REASONS = ['same_name', 'name_key', 'similar_name', 'same_investor', 'credit_code'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];
export const MATCH_REASON_LABELS: Record<MatchReason, { zh: string; en: string }> = {
  same_name: { zh: '名称相同', en: 'Same name' },
  name_key: { zh: '名称主干相同（仅期次、“项目”等字样不同）', en: 'Same name apart from phase or filler words' },
  similar_name: { zh: '名称高度相似', en: 'Very similar name' },
  same_investor: { zh: '投资方相同且名称相近', en: 'Same investor, similar name' },
  credit_code: { zh: '统一社会信用代码相同', en: 'Same credit code' },
};

export interface Candidate<P extends MatchableProject> {
  project: P;
  reasons: MatchReason[];
  score: number;
}

export type MatchOutcome<P extends MatchableProject> =
  | { kind: 'matched'; by: 'code' | 'credit_name' | 'unit_name'; project: P }
  | { kind: 'unknown_code' }
  | { kind: 'review'; candidates: Candidate<P>[] }
  | { kind: 'new' };

/** At most this many candidates are offered for one row: the most alike. */
export const MAX_CANDIDATES = 5;
/**
 * Look-alikes are searched exhaustively among the row's own unit (up to this many projects holding its rarest bigrams) …
 * and among other units of the scope until this many more have been examined: where a name's rarest bigrams are held by
 * thousands of projects, other units' look-alikes are best effort (the exact keys are always checked).
 */
const FUZZY_SCAN_UNIT = 20_000;
const FUZZY_SCAN = 1_000;

/** The first position in an ascending list holding a value ≥ `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class ProjectMatcher<P extends MatchableProject> {
  private readonly byCode = new Map<string, P>();
  private readonly byCreditName = new Map<string, P[]>();
  private readonly byUnitName = new Map<string, P[]>();
  private readonly byName = new Map<string, P[]>();
  private readonly byNameKey = new Map<string, P[]>();
  private readonly byCredit = new Map<string, P[]>();
  private names: GramIndex | null = null;
  private investors: GramIndex | null = null;

  private readonly projects: readonly P[];
  /** each unit's projects are one index range (the projects are ordered by unit, then code) */
  private readonly unitRanges = new Map<string, [number, number]>();

  constructor(projects: readonly P[]) {
    this.projects = [...projects].sort((a, b) =>
      a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
    );
    this.projects.forEach((project, i) => {
      const range = this.unitRanges.get(project.unitCode);
      if (range) range[1] = i + 1;
      else this.unitRanges.set(project.unitCode, [i, i + 1]);
    });
    for (const project of this.projects) {
      const name = matchName(project.name);
      this.byCode.set(project.code, project);
      push(this.byUnitName, `${project.unitCode}|${name}`, project);
      push(this.byName, name, project);
      const key = nameKey(project.name);
      if (key) push(this.byNameKey, key, project);
      if (project.investorCreditCode) {
        const credit = project.investorCreditCode.toUpperCase();
        push(this.byCreditName, `${credit}|${name}`, project);
        push(this.byCredit, credit, project);
      }
    }
  }

  all(): readonly P[] {
    return this.projects;
  }

  /** The project a code names, when it is in scope. */
  projectByCode(code: string): P | undefined {
    return this.byCode.get(code);
  }

  match(row: RowIdentity): MatchOutcome<P> {
    if (row.code) {
      const project = this.byCode.get(row.code);
      return project ? { kind: 'matched', by: 'code', project } : { kind: 'unknown_code' };
    }
    const name = matchName(row.name);
    const credit = row.creditCode?.toUpperCase() ?? null;
    if (credit) {
      const found = this.byCreditName.get(`${credit}|${name}`) ?? [];
      if (found.length === 1) return { kind: 'matched', by: 'credit_name', project: found[0]! };
      if (found.length > 1)
        return {
          kind: 'review',
          candidates: this.rank(
            row,
            found.map((project) => ({ project, reasons: ['same_name', 'credit_code'], score: 1 })),
          ),
        };
    }
    const sameUnit = this.byUnitName.get(`${row.unitCode}|${name}`) ?? [];
    if (sameUnit.length === 1) return { kind: 'matched', by: 'unit_name', project: sameUnit[0]! };
    const candidates = this.candidates(row);
    return candidates.length > 0 ? { kind: 'review', candidates } : { kind: 'new' };
  }

  /** Projects that look like the row, the most alike first (the same unit before others at equal likeness). */
  candidates(row: RowIdentity): Candidate<P>[] {
    const found = new Map<string, Candidate<P>>();
    const add = (project: P, reason: MatchReason, score: number) => {
      const entry = found.get(project.id);
      if (!entry) found.set(project.id, { project, reasons: [reason], score });
      else {
        if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
        entry.score = Math.max(entry.score, score);
      }
    };
    const name = matchName(row.name);
    for (const project of this.byName.get(name) ?? []) add(project, 'same_name', 1);
    const key = nameKey(row.name);
    if (key) for (const project of this.byNameKey.get(key) ?? []) add(project, 'name_key', 0.95);
    const credit = row.creditCode?.toUpperCase();
    if (credit) {
      for (const project of this.byCredit.get(credit) ?? []) {
        const score = nameSimilarity(project.name, row.name);
        if (score >= SIMILAR_NAME_WITH_INVESTOR) add(project, 'credit_code', Math.max(0.9, score));
      }
    }
    // every project of the scope with a name at least SIMILAR_NAME alike …
    const names = this.nameGrams();
    const rowName = names.of(row.name);
    const own = this.unitRanges.get(row.unitCode);
    for (const [i, score] of names.alike(rowName, SIMILAR_NAME, own)) add(this.projects[i]!, 'similar_name', score);
    // … and with the same investor (nearly the same name) and a name half as alike
    if (row.investorName) {
      const investors = this.investorGrams();
      for (const [i] of investors.alike(investors.of(row.investorName), SIMILAR_INVESTOR, own)) {
        const score = names.dice(i, rowName);
        if (score >= SIMILAR_NAME_WITH_INVESTOR) add(this.projects[i]!, 'same_investor', score);
      }
    }
    return this.rank(row, [...found.values()]);
  }

  private rank(row: RowIdentity, list: Candidate<P>[]): Candidate<P>[] {
    const sameUnit = (c: Candidate<P>) => (c.project.unitCode === row.unitCode ? 1 : 0);
    return list
      .sort((a, b) => b.score - a.score || sameUnit(b) - sameUnit(a) || a.project.code.localeCompare(b.project.code))
      .slice(0, MAX_CANDIDATES);
  }

  private nameGrams(): GramIndex {
    return (this.names ??= new GramIndex(this.projects.map((p) => p.name)));
  }
  private investorGrams(): GramIndex {
    return (this.investors ??= new GramIndex(this.projects.map((p) => p.investorName)));
  }
}

/** A text's bigrams as integer ids, and its size (bigrams unknown to the index count in the size, never in postings). */
interface Grams {
  ids: number[];
  size: number;
  text: string;
}

/**
 * Bigram postings over texts (project names, or investors) for finding every text at least `t` alike (Dice) to a
 * query — exactly and cheaply. Dice ≥ t needs at least m = ⌈t·a / (2 − t)⌉ of the query's a bigrams shared; of the k
 * bigrams some text holds, a text above the threshold holds one of the k − m + 1 rarest (prefix filtering): only those
 * postings are walked (at most
 * `FUZZY_SCAN` texts), and each Dice is a loop over the text's integer bigram ids against the query's marks.
 */
class GramIndex {
  private readonly idOf = new Map<string, number>();
  /** every text's bigram ids, back to back (one array: scanning thousands of texts stays in cache), and where each begins */
  private readonly ids: Int32Array;
  private readonly starts: Int32Array;
  private readonly postings: number[][] = [];
  private marks = new Uint8Array(0);
  private seen: Uint8Array;

  constructor(private readonly source: readonly string[]) {
    const all: number[] = [];
    this.starts = new Int32Array(source.length + 1);
    source.forEach((text, i) => {
      for (const gram of bigramSet(text)) {
        let id = this.idOf.get(gram);
        if (id === undefined) {
          id = this.idOf.size;
          this.idOf.set(gram, id);
          this.postings.push([]);
        }
        all.push(id);
        this.postings[id]!.push(i);
      }
      this.starts[i + 1] = all.length;
    });
    this.ids = Int32Array.from(all);
    this.seen = new Uint8Array(source.length);
  }

  of(text: string): Grams {
    const grams = bigramSet(text);
    const ids: number[] = [];
    for (const gram of grams) {
      const id = this.idOf.get(gram);
      if (id !== undefined) ids.push(id);
    }
    return { ids, size: grams.size, text };
  }

  /** Dice of text i with the query. */
  dice(i: number, query: Grams): number {
    const from = this.starts[i]!;
    const to = this.starts[i + 1]!;
    if (to === from || query.size === 0) return normalizeForSearch(this.source[i]!) === normalizeForSearch(query.text) ? 1 : 0;
    this.mark(query, 1);
    let shared = 0;
    for (let k = from; k < to; k++) shared += this.marks[this.ids[k]!]!;
    this.mark(query, 0);
    return (2 * shared) / (to - from + query.size);
  }

  /**
   * Every text at least `threshold` alike to the query, with its Dice: those of `first` (an index range, the row's own
   * unit) all, then others until `FUZZY_SCAN` have been examined.
   */
  alike(query: Grams, threshold: number, first?: readonly [number, number]): [number, number][] {
    const a = query.size;
    if (a === 0) return [];
    const needed = Math.max(1, Math.ceil((threshold * a) / (2 - threshold) - 1e-9));
    // only bigrams some text holds can be shared: a text misses at most (known − needed) of them
    const known = query.ids.length;
    if (known < needed) return [];
    const rarest = query.ids
      .map((id) => this.postings[id]!)
      .sort((x, y) => x.length - y.length)
      .slice(0, known - needed + 1);
    const seen = this.seen;
    const scanned: number[] = [];
    const take = (list: number[], from: number, to: number, limit: number) => {
      for (let k = from; k < to && scanned.length < limit; k++) {
        const i = list[k]!;
        if (seen[i]) continue;
        seen[i] = 1;
        scanned.push(i);
      }
    };
    if (first) for (const list of rarest) take(list, lowerBound(list, first[0]), lowerBound(list, first[1]), FUZZY_SCAN_UNIT);
    const bound = scanned.length + FUZZY_SCAN;
    for (const list of rarest) if (scanned.length < bound) take(list, 0, list.length, bound);
    this.mark(query, 1);
    const { marks, ids, starts } = this;
    const found: [number, number][] = [];
    for (let n = 0; n < scanned.length; n++) {
      const i = scanned[n]!;
      seen[i] = 0;
      const from = starts[i]!;
      const to = starts[i + 1]!;
      let shared = 0;
      for (let k = from; k < to; k++) shared += marks[ids[k]!]!;
      const score = (2 * shared) / (to - from + a);
      if (score >= threshold) found.push([i, score]);
    }
    this.mark(query, 0);
    return found;
  }

  private mark(query: Grams, value: 0 | 1): void {
    if (this.marks.length < this.idOf.size) this.marks = new Uint8Array(this.idOf.size);
    for (const id of query.ids) this.marks[id] = value;
  }
}

/** What one row of a sheet does, decided from the matcher and the user's decisions. */
export type Assignment<P extends MatchableProject> =
  | { row: number; kind: 'update'; project: P; by: 'code' | 'credit_name' | 'unit_name' | 'decision' }
  | { row: number; kind: 'create' }
  | { row: number; kind: 'review'; candidates: Candidate<P>[] }
  | { row: number; kind: 'unknown_code' }
  | { row: number; kind: 'unknown_decision'; code: string }
  | { row: number; kind: 'same_project'; earlier: number; project: P }
  | { row: number; kind: 'same_new_project'; earlier: number }
  | { row: number; kind: 'undecided'; candidates: Candidate<P>[] };

/**
 * Assigns every row to at most one project and every project to at most one row: a second row that finds a project
 * already taken, or a second new row of the same unit and name, is reported against the first, never merged silently.
 * A 待确认 row takes the user's decision (`create` or a project code in scope); without one it stays `review`, or is
 * `undecided` when decisions are required (the commit).
 */
export function assignRows<P extends MatchableProject>(
  rows: (RowIdentity & { row: number })[],
  matcher: ProjectMatcher<P>,
  decisions: Record<string, string>,
  requireDecisions: boolean,
): Assignment<P>[] {
  const claimedBy = new Map<string, number>();
  const newKeys = new Map<string, number>();
  const take = (row: number, project: P, by: 'code' | 'credit_name' | 'unit_name' | 'decision'): Assignment<P> => {
    const earlier = claimedBy.get(project.id);
    if (earlier !== undefined) return { row, kind: 'same_project', earlier, project };
    claimedBy.set(project.id, row);
    return { row, kind: 'update', project, by };
  };
  return rows.map((identity): Assignment<P> => {
    const { row } = identity;
    const outcome = matcher.match(identity);
    if (outcome.kind === 'unknown_code') return { row, kind: 'unknown_code' };
    if (outcome.kind === 'matched') return take(row, outcome.project, outcome.by);
    const decision = decisions[String(row)];
    if (outcome.kind === 'review' && decision === undefined)
      return requireDecisions
        ? { row, kind: 'undecided', candidates: outcome.candidates }
        : { row, kind: 'review', candidates: outcome.candidates };
    if (decision !== undefined && decision !== 'create') {
      const project = matcher.projectByCode(decision);
      return project ? take(row, project, 'decision') : { row, kind: 'unknown_decision', code: decision };
    }
    const key = `${identity.unitCode}|${matchName(identity.name)}`;
    const earlier = newKeys.get(key);
    if (earlier !== undefined) return { row, kind: 'same_new_project', earlier };
    newKeys.set(key, row);
    return { row, kind: 'create' };
  });
}

/** Why two projects may be one (a duplicate flag for a reviewer). */
export const DUPLICATE_REASONS = ['credit_code', 'similar_name', 'similar_investor'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, { zh: string; en: string }> = {
  credit_code: { zh: '信用代码相同', en: 'Same credit code' },
  similar_name: { zh: '名称相似', en: 'Similar name' },
  similar_investor: { zh: '投资方相同', en: 'Same investor' },
};
