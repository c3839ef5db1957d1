// Which ledger project a row of a sheet is. Pure: the caller hands in the projects of the scope.
// Keys in order: 项目编号; else 统一社会信用代码 + 项目名称; else 所属单位 + 项目名称 (names compared by `matchName`);
// else, when the row closely resembles projects in scope (the duplicate rules: name key, distinctive bigrams, same
// investor, same credit code), those are candidates a person decides between. Only a row like nothing is new.
import { distinctiveBigrams, matchName, nameKey, nameSimilarity, normalizeForSearch, SIMILAR_INVESTOR, SIMILAR_NAME, SIMILAR_NAME_WITH_INVESTOR } from './search.ts';

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

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

function bigramsOf(text: string): Set<string> {
  const chars = [...normalizeForSearch(text)];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

export class ProjectMatcher<P extends MatchableProject> {
  private readonly byCode = new Map<string, P>();
  private readonly byCreditName = new Map<string, P[]>();
  private readonly byUnitName = new Map<string, P[]>();
  private readonly byName = new Map<string, P[]>();
  private readonly byNameKey = new Map<string, P[]>();
  private readonly byCredit = new Map<string, P[]>();
  private bigrams: Map<string, number[]> | null = null;

  constructor(private readonly projects: readonly P[]) {
    for (const project of projects) {
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
      if (found.length > 1) return { kind: 'review', candidates: this.rank(row, found.map((project) => ({ project, reasons: ['same_name', 'credit_code'], score: 1 }))) };
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
        const similarity = nameSimilarity(project.name, row.name);
        if (similarity >= SIMILAR_NAME_WITH_INVESTOR) add(project, 'credit_code', Math.max(0.9, similarity));
      }
    }
    for (const project of this.bigramCandidates(row.name)) {
      const similarity = nameSimilarity(project.name, row.name);
      if (similarity >= SIMILAR_NAME) add(project, 'similar_name', similarity);
      else if (row.investorName && similarity >= SIMILAR_NAME_WITH_INVESTOR) {
        const investor = nameSimilarity(project.investorName, row.investorName);
        if (investor >= SIMILAR_INVESTOR) add(project, 'same_investor', similarity);
      }
    }
    return this.rank(row, [...found.values()]);
  }

  private rank(row: RowIdentity, list: Candidate<P>[]): Candidate<P>[] {
    const sameUnit = (c: Candidate<P>) => (c.project.unitCode === row.unitCode ? 1 : 0);
    return list.sort((a, b) => b.score - a.score || sameUnit(b) - sameUnit(a) || a.project.code.localeCompare(b.project.code)).slice(0, MAX_CANDIDATES);
  }

  /** Projects holding every bigram of one of the name's distinctive groups (as the GIN query of the duplicate rules). */
  private bigramCandidates(name: string): P[] {
    const groups = distinctiveBigrams(name);
    if (groups.length === 0) return [];
    const index = this.bigramIndex();
    const hits = new Set<number>();
    for (const group of groups) {
      const lists = group.map((gram) => index.get(gram) ?? []).sort((a, b) => a.length - b.length);
      if (lists.some((list) => list.length === 0)) continue;
      let current = new Set(lists[0]);
      for (const list of lists.slice(1)) {
        const next = new Set<number>();
        for (const i of list) if (current.has(i)) next.add(i);
        current = next;
        if (current.size === 0) break;
      }
      for (const i of current) hits.add(i);
    }
    return [...hits].map((i) => this.projects[i]!);
  }

  /** Built on first need: a re-import whose rows all match by key never pays for it. */
  private bigramIndex(): Map<string, number[]> {
    if (this.bigrams) return this.bigrams;
    const index = new Map<string, number[]>();
    this.projects.forEach((project, i) => {
      for (const gram of bigramsOf(project.name)) push(index, gram, i);
    });
    this.bigrams = index;
    return index;
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
export function assignRows<P extends MatchableProject>(rows: (RowIdentity & { row: number })[], matcher: ProjectMatcher<P>, decisions: Record<string, string>, requireDecisions: boolean): Assignment<P>[] {
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
    if (outcome.kind === 'review' && decision === undefined) return requireDecisions ? { row, kind: 'undecided', candidates: outcome.candidates } : { row, kind: 'review', candidates: outcome.candidates };
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
