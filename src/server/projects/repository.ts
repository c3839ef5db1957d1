import { clockNow, timeZone } from '../../shared/calendar.ts';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  getTableName,
  gte,
  ilike,
  inArray,
  lte,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import { STAGES, type ProjectStatus, type Stage } from '../../shared/projects/stages.ts';
import { queryTokens } from '../../shared/projects/search.ts';
import { reachingColumns } from '../../shared/projects/milestones.ts';
import { NO_SOURCE, type SourceStep } from '../../shared/projects/classification.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { executePrepared } from '../db/prepared.ts';
import { units } from '../units/schema.ts';
import { currentUnitNames } from '../units/repository.ts';
import { projectArrivals, projectDeletionMark, projects } from './schema.ts';
import { escapeLike, subtreePattern, withinSubtree } from '../db/scope.ts';

export type ProjectRow = typeof projects.$inferSelect;

export const projectsWithin = (path: string): SQL => withinSubtree(projects.unitPath, path);

export const DATE_COLUMNS = {
  firstReported: projects.firstReportedOn,
  entered: projects.existsFrom, // 纳入台账: first reported, else the earliest stage date
  negotiating: projects.negotiatingOn,
  signed: projects.signedOn,
  registered: projects.registeredOn,
  started: projects.startedOn,
  completed: projects.completedOn,
  producing: projects.producingOn,
  at_capacity: projects.atCapacityOn,
  listed: projects.listedOn,
  terminated: projects.terminatedOn,
} as const;
export type DateFilterKey = keyof typeof DATE_COLUMNS;

export interface ProjectFilter {
  scopePath: string;
  parkCode?: string | undefined;
  stages?: Stage[] | undefined;
  /** minimum tier index (1 = the first ladder step) */
  minTier?: number | undefined;
  capitalTypes?: string[] | undefined;
  industrySection?: string | undefined;
  industryDivision?: string | undefined;
  chain?: string | undefined;
  level?: string | undefined;
  sponsorLeader?: string | undefined;
  leadSource?: string | undefined;
  /** 跟踪人; null: a name that matches nobody (no projects) */
  ownerUserId?: string | null | undefined;
  statuses?: ProjectStatus[] | undefined;
  projectType?: string | undefined;
  q?: string | undefined;
  dateRanges?: { key: DateFilterKey; from?: string | undefined; to?: string | undefined }[];
  /** further conditions, e.g. the projects behind an indicator */
  extra?: SQL[];
}

export function filterConditions(filter: ProjectFilter): SQL[] {
  const conditions: SQL[] = [projectsWithin(filter.scopePath)];
  if (filter.parkCode) conditions.push(or(eq(projects.parkCode, filter.parkCode), eq(projects.unitCode, filter.parkCode)) as SQL);
  if (filter.stages?.length) conditions.push(inArray(projects.stage, filter.stages));
  if (filter.minTier) conditions.push(gte(projects.tierIndex, filter.minTier));
  if (filter.capitalTypes?.length) conditions.push(inArray(projects.capitalType, filter.capitalTypes));
  if (filter.industrySection) conditions.push(eq(projects.industrySection, filter.industrySection));
  if (filter.industryDivision) conditions.push(eq(projects.industryDivision, filter.industryDivision));
  if (filter.chain) conditions.push(eq(projects.chain, filter.chain));
  if (filter.level) conditions.push(sql`${filter.level} = any(${projects.levels})`);
  if (filter.sponsorLeader) conditions.push(eq(projects.sponsorLeader, filter.sponsorLeader));
  if (filter.leadSource)
    conditions.push(filter.leadSource === NO_SOURCE ? sql`${projects.leadSource} is null` : eq(projects.leadSource, filter.leadSource));
  if (filter.ownerUserId !== undefined)
    conditions.push(filter.ownerUserId === null ? sql`false` : eq(projects.ownerUserId, filter.ownerUserId));
  if (filter.statuses?.length) conditions.push(inArray(projects.status, filter.statuses));
  if (filter.projectType) conditions.push(eq(projects.projectType, filter.projectType));
  if (filter.q) {
    const tokens = queryTokens(filter.q);
    // The GIN index on the bigrams narrows the rows; ILIKE keeps only true substring matches.
    if (tokens.length > 0) conditions.push(sql`${projects.searchTokens} @> ${sql.param(tokens)}::text[]`);
    const pattern = `%${escapeLike(filter.q.trim())}%`;
    conditions.push(or(ilike(projects.name, pattern), ilike(projects.investorName, pattern), ilike(projects.code, pattern)) as SQL);
  }
  for (const range of filter.dateRanges ?? []) {
    const column = DATE_COLUMNS[range.key];
    if (range.from) conditions.push(gte(column, range.from));
    if (range.to) conditions.push(lte(column, range.to));
  }
  conditions.push(...(filter.extra ?? []));
  return conditions;
}

/** The token of the last deletion of a project (migration 0028's trigger changes it), as an SQL expression. */
export const projectDeletionTokenSql = sql<string>`(select ${projectDeletionMark.token}::text from ${projectDeletionMark} where ${projectDeletionMark.id} = 1)`;

export const SORTABLE = {
  code: projects.code,
  name: projects.name,
  totalInvestmentWan: projects.totalInvestmentWan,
  signedOn: projects.signedOn,
  startedOn: projects.startedOn,
  updatedAt: projects.updatedAt,
  stage: sql`array_position(array[${sql.join(
    STAGES.map((s) => sql`${s}`),
    sql`, `,
  )}]::text[], ${projects.stage})`,
} as const;
export type SortKey = keyof typeof SORTABLE;

export interface ListedProject extends ProjectRow {
  unitName: string;
  parkName: string | null;
}

/** A page's select list for a set of columns, and how each value is read (as drizzle's select would read it). */
interface Selection {
  text: SQL;
  read: (raw: Record<string, unknown>) => ListedProject;
  /** the rows are labelled with their unit's (and park's) name after the query, from the unit tree */
  unitName: boolean;
  parkName: boolean;
}
const selections = new Map<string, Selection>();

/**
 * The select list of a list page, written once per column set. The ledger list is the most asked question: drizzle's
 * select builder spent ~0.3 ms a request rebuilding this same text (a third of what the API adds to its SQL), so only
 * the filter is built per request. Unit and park names are not joined: the codes are read and named from the unit
 * tree each instance keeps current (`currentUnitNames`).
 */
function selectionOf(columns: readonly (keyof ListedProject)[] | undefined): Selection {
  const key = columns ? [...columns].sort().join(',') : '*';
  const known = selections.get(key);
  if (known) return known;
  const wanted = (column: keyof ListedProject) => !columns || columns.includes(column);
  const unitName = wanted('unitName');
  const parkName = wanted('parkName');
  const table = getTableName(projects);
  const parts: string[] = [];
  const readers: [string, (value: unknown) => unknown][] = [];
  for (const [name, column] of Object.entries(getTableColumns(projects)) as [keyof ProjectRow, AnyColumn][]) {
    if (!wanted(name) && !(name === 'unitCode' && unitName) && !(name === 'parkCode' && parkName)) continue;
    parts.push(`"${table}"."${column.name}" as "${name}"`);
    readers.push([name, (value) => (value === null || value === undefined ? null : column.mapFromDriverValue(value))]);
  }
  const selection: Selection = {
    text: sql.raw(parts.join(', ')),
    read: (raw) => {
      const row: Record<string, unknown> = { unitName: '', parkName: null };
      for (const [name, read] of readers) row[name] = read(raw[name]);
      return row as unknown as ListedProject;
    },
    unitName,
    parkName,
  };
  selections.set(key, selection);
  return selection;
}

/**
 * A page of the ledger with its count and total. With `columns`, the rows hold only those (a list asking for some
 * fields reads no more than it sends: `columnsOfFields` in the presenter says which). `unitTreeToken` is the session's
 * token of the unit tree, under which the rows' unit names are read from this instance's copy.
 */
export async function listProjects(
  db: DbOrTx,
  filter: ProjectFilter,
  page: { page: number; pageSize: number; sort: SortKey; order: 'asc' | 'desc' },
  columns?: readonly (keyof ListedProject)[],
  unitTreeToken?: string | null,
): Promise<{ rows: ListedProject[]; total: number; totalInvestmentWan: number }> {
  const where = and(...filterConditions(filter));
  const sortColumn = SORTABLE[page.sort];
  const selection = selectionOf(columns);
  // The page and its totals are independent: on a PostgreSQL pool they run side by side.
  // the totals (the longer statement) are sent first
  const [[totals], rows] = await Promise.all([
    executePrepared(
      db,
      sql`select count(*)::int as "count", coalesce(sum(${projects.totalInvestmentWan}), 0)::float8 as "sum" from ${projects} where ${where}`,
    ).then((result) => rowsOf<{ count: number; sum: number }>(result)),
    executePrepared(
      db,
      sql`select ${selection.text} from ${projects} where ${where}
          order by ${page.order === 'asc' ? asc(sortColumn) : desc(sortColumn)}, ${asc(projects.code)}
          limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
    ).then((result) => rowsOf<Record<string, unknown>>(result).map(selection.read)),
  ]);
  if (selection.unitName || selection.parkName) {
    const codes = new Set<string>();
    for (const row of rows) {
      if (selection.unitName) codes.add(row.unitCode);
      if (selection.parkName && row.parkCode) codes.add(row.parkCode);
    }
    const names = await currentUnitNames(db, unitTreeToken, [...codes]);
    for (const row of rows) {
      if (selection.unitName) row.unitName = names.get(row.unitCode) ?? '';
      if (selection.parkName) row.parkName = row.parkCode ? (names.get(row.parkCode) ?? null) : null;
    }
  }
  return { rows, total: totals?.count ?? 0, totalInvestmentWan: totals?.sum ?? 0 };
}

export async function findProjectByCode(db: DbOrTx, code: string): Promise<ListedProject | undefined> {
  const [row] = await db
    .select({
      project: projects,
      unitName: units.name,
      parkName: sql<string | null>`(select ${units.name} from ${units} where ${units.code} = ${projects.parkCode})`,
    })
    .from(projects)
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(eq(projects.code, code));
  return row ? { ...row.project, unitName: row.unitName, parkName: row.parkName } : undefined;
}

/** The stage on `asOf` in SQL, the same rule as `stageAsOf` in src/shared/projects/stages.ts. */
export function stageAsOfSql(asOf: string): SQL {
  const d = sql`${asOf}::date`;
  return sql`case
    when ${projects.atCapacityOn} <= ${d} then 'at_capacity'
    when ${projects.producingOn} <= ${d} then 'producing'
    when ${projects.completedOn} <= ${d} then 'completed'
    when ${projects.startedOn} <= ${d} then 'started'
    when ${projects.registeredOn} <= ${d} then 'registered'
    when ${projects.signedOn} <= ${d} then 'signed'
    when ${projects.negotiatingOn} <= ${d} then 'negotiating'
    when ${projects.leadOn} <= ${d} then 'lead'
    when ${projects.stage} = 'lead' then 'lead'
    else 'negotiating' end`;
}

export interface Summary {
  count: number;
  totalInvestmentWan: number;
  byStage: Record<Stage, number>;
  byTier: { thresholdYi: number; count: number }[];
  terminated: number;
}

/**
 * Projects of a subtree that existed on `asOf`, each at the stage it was in that day. Projects terminated on or
 * before `asOf` count only in `terminated`. `byTier` is cumulative ("X亿元以上"), one entry per ladder step.
 */
export async function summarize(db: DbOrTx, scopePath: string, asOf: string, ladderYi: number[]): Promise<Summary> {
  return (await summarizeByChild(db, scopePath, asOf, ladderYi)).total;
}

/**
 * The summary of a subtree and of each of its direct children, from one grouped scan: the next code in each
 * project's unit path after `scopePath` names the child it lies under ('' = registered at the unit itself), so the
 * children's figures and the unit's own add up to the subtree's by construction.
 */
// terminated on or before the day: counted apart from every stage
const terminatedBy = (asOf: string) => sql`(${projects.status} = 'terminated' and ${projects.terminatedOn} <= ${asOf}::date)`;

/**
 * The subtree's projects by the stage each was in on `asOf`, those terminated by then left out: `summarize`'s
 * `byStage` alone (the cockpit's funnel), without its per-child, investment and tier columns — on PGlite, where the
 * cockpit's statements run one by one, those cost half again as much as the scan.
 */
export async function stageCountsAsOf(db: DbOrTx, scopePath: string, asOf: string): Promise<Record<Stage, number>> {
  const rows = rowsOf<{ stage: Stage; count: number }>(
    await db.execute(sql`select ${stageAsOfSql(asOf)} as stage, count(*) filter (where not ${terminatedBy(asOf)})::int as count
      from ${projects} where ${projectsWithin(scopePath)} and ${projects.existsFrom} <= ${asOf}::date
      group by 1`),
  );
  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const row of rows) byStage[row.stage] += Number(row.count);
  return byStage;
}

export async function summarizeByChild(
  db: DbOrTx,
  scopePath: string,
  asOf: string,
  ladderYi: number[],
): Promise<{ total: Summary; byChild: Map<string, Summary> }> {
  const terminated = terminatedBy(asOf);
  // grouped by tier as well, the cumulative tier counts added up here: one FILTER per ladder step made PostgreSQL
  // evaluate the terminated rule nine times a row, and misjudge the groups so that it ran the scan on one core
  const rows = rowsOf<{ child: string | null; stage: Stage; tier: number; count: number; total: number; terminated: number }>(
    await db.execute(sql`select split_part(substr(${projects.unitPath}, ${scopePath.length + 1}), '/', 1) as child,
      ${stageAsOfSql(asOf)} as stage, ${projects.tierIndex} as tier,
      count(*) filter (where not ${terminated})::int as count,
      coalesce(sum(${projects.totalInvestmentWan}) filter (where not ${terminated}), 0)::float8 as total,
      count(*) filter (where ${terminated})::int as terminated
      from ${projects} where ${projectsWithin(scopePath)} and ${projects.existsFrom} <= ${asOf}::date
      group by 1, 2, 3`),
  );
  const empty = (): Summary => ({
    count: 0,
    totalInvestmentWan: 0,
    byStage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    byTier: ladderYi.map((yi) => ({ thresholdYi: yi, count: 0 })),
    terminated: 0,
  });
  const total = empty();
  const byChild = new Map<string, Summary>();
  for (const row of rows) {
    const child = row.child ?? '';
    const into = byChild.get(child) ?? empty();
    byChild.set(child, into);
    const count = Number(row.count);
    const tierIndex = Number(row.tier);
    for (const summary of [into, total]) {
      summary.count += count;
      summary.totalInvestmentWan += Number(row.total);
      summary.terminated += Number(row.terminated);
      summary.byStage[row.stage] += count;
      // "X亿元以上": step i (0-based) counts every project whose tier is above it
      summary.byTier.forEach((tier, i) => (tier.count += tierIndex >= i + 1 ? count : 0));
    }
  }
  const round = (summary: Summary) => (summary.totalInvestmentWan = Math.round(summary.totalInvestmentWan * 10_000) / 10_000);
  round(total);
  byChild.forEach(round);
  return { total, byChild };
}

/** Kanban: per stage its count, total, and the largest projects. */
export async function board(db: DbOrTx, filter: ProjectFilter, perStage: number) {
  const where = and(...filterConditions({ ...filter, statuses: filter.statuses ?? ['normal', 'paused'] }));
  const totals = await db
    .select({
      stage: projects.stage,
      count: sql<number>`count(*)::int`,
      sum: sql<number>`coalesce(sum(${projects.totalInvestmentWan}), 0)::float8`,
    })
    .from(projects)
    .where(where)
    .groupBy(projects.stage);
  const ranked = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from (select ${projects.id} as id, row_number() over (partition by ${projects.stage} order by ${projects.totalInvestmentWan} desc, ${projects.code}) as rank from ${projects} where ${where}) ranked where rank <= ${perStage}`,
    ),
  );
  const items = ranked.length
    ? await db
        .select({ project: projects, unitName: units.name })
        .from(projects)
        .innerJoin(units, eq(units.code, projects.unitCode))
        .where(
          inArray(
            projects.id,
            ranked.map((r) => r.id),
          ),
        )
        .orderBy(desc(projects.totalInvestmentWan))
    : [];
  return STAGES.map((stage) => {
    const total = totals.find((t) => t.stage === stage);
    return {
      stage,
      count: total?.count ?? 0,
      totalInvestmentWan: total?.sum ?? 0,
      items: items.filter((i) => i.project.stage === stage).map((i) => ({ ...i.project, unitName: i.unitName, parkName: null })),
    };
  });
}

/** What matching a sheet's rows needs of every project in scope: narrow, so 100,000 of them load in a fraction of a second. */
export async function matchablesWithin(
  db: DbOrTx,
  scopePath: string,
): Promise<{ id: string; code: string; name: string; unitCode: string; investorName: string; investorCreditCode: string | null }[]> {
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      unitCode: projects.unitCode,
      investorName: projects.investorName,
      investorCreditCode: projects.investorCreditCode,
    })
    .from(projects)
    .where(projectsWithin(scopePath))
    .orderBy(asc(projects.code));
}

/** Whole records by id, in batches (a parameter list stays small). */
export async function projectsByIds(db: DbOrTx, ids: string[]): Promise<ProjectRow[]> {
  const rows: ProjectRow[] = [];
  for (let i = 0; i < ids.length; i += 5_000)
    rows.push(
      ...(await db
        .select()
        .from(projects)
        .where(inArray(projects.id, ids.slice(i, i + 5_000)))),
    );
  return rows;
}

/** Locks the rows for the caller's transaction and returns their versions. */
export async function lockProjectVersions(tx: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows = await tx
      .select({ id: projects.id, version: projects.version })
      .from(projects)
      .where(inArray(projects.id, ids.slice(i, i + 5_000)))
      .orderBy(asc(projects.id))
      .for('update');
    for (const row of rows) versions.set(row.id, row.version);
  }
  return versions;
}

/**
 * Rewrites whole records in one statement per batch (from one JSON parameter, as `bulkInsert`), bumping each version.
 * `rows` carry the id and every column to set.
 */
export async function bulkUpdateProjects(tx: DbOrTx, rows: (Partial<ProjectRow> & { id: string })[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(projects) as Record<string, { name: string }>;
  const keys = Object.keys(columns).filter(
    (key) =>
      key !== 'id' && key !== 'version' && key !== 'updatedAt' && rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  const assignments = sql.raw(keys.map((key) => `"${columns[key]!.name}" = x."${columns[key]!.name}"`).join(', '));
  for (let i = 0; i < rows.length; i += 2_000) {
    const payload = rows.slice(i, i + 2_000).map((row) => {
      const out: Record<string, unknown> = { id: row.id };
      for (const key of keys) {
        const value = (row as Record<string, unknown>)[key];
        out[columns[key]!.name] = value instanceof Date ? value.toISOString() : (value ?? null);
      }
      return out;
    });
    await tx.execute(sql`update ${projects} p set ${assignments}, version = p.version + 1, updated_at = ${clockNow().toISOString()}::timestamptz
      from jsonb_populate_recordset(null::projects, ${JSON.stringify(payload)}::jsonb) x where p.id = x.id`);
  }
}

/** Names of projects by id (other capabilities label their rows with them). */
export async function projectNamesByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(sql`${projects.id} = any(${sql.param(unique)}::uuid[])`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

const live = sql`${projects.status} <> 'terminated'`;

/** 挂钩领导 of a subtree's live projects, with how many each sponsors (most first). */
export async function sponsorLeaderCounts(db: DbOrTx, scopePath: string): Promise<{ leader: string; projects: number }[]> {
  const rows = await db
    .select({ leader: projects.sponsorLeader, count: sql<number>`count(*)::int` })
    .from(projects)
    .where(and(projectsWithin(scopePath), sql`${projects.sponsorLeader} is not null and ${projects.sponsorLeader} <> ''`, live))
    .groupBy(projects.sponsorLeader)
    .orderBy(sql`count(*) desc`, asc(projects.sponsorLeader));
  return rows.map((row) => ({ leader: row.leader!, projects: row.count }));
}

/** The live projects one leader sponsors in a subtree, largest first (at most `limit`), with their unit's name. */
export async function projectsOfSponsor(
  db: DbOrTx,
  scopePath: string,
  leader: string,
  limit = 500,
): Promise<{ project: ProjectRow; unitName: string }[]> {
  return db
    .select({ project: projects, unitName: units.name })
    .from(projects)
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(and(projectsWithin(scopePath), eq(projects.sponsorLeader, leader), live))
    .orderBy(sql`${projects.totalInvestmentWan} desc`)
    .limit(limit);
}

/** Projects of a subtree meeting `condition`, counted and summed per investment tier (tier 0: below the first step). */
export async function tierCounts(db: DbOrTx, scopePath: string, condition: SQL) {
  const rows = await db.execute(
    sql`select ${projects.tierIndex} as tier, count(*)::int as count, coalesce(sum(${projects.totalInvestmentWan}), 0)::float8 as investment from ${projects} where ${projectsWithin(scopePath)} and ${condition} group by 1 order by 1`,
  );
  return rowsOf<{ tier: number; count: number; investment: number }>(rows);
}

/** The largest projects of a subtree meeting `condition`, by total investment. */
export async function largestProjects(db: DbOrTx, scopePath: string, condition: SQL, limit: number) {
  return db
    .select({
      code: projects.code,
      name: projects.name,
      unitName: units.name,
      totalInvestmentWan: projects.totalInvestmentWan,
      capitalType: projects.capitalType,
      stage: projects.stage,
      status: projects.status,
      signedOn: projects.signedOn,
    })
    .from(projects)
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(sql`${projectsWithin(scopePath)} and ${condition}`)
    .orderBy(desc(projects.totalInvestmentWan))
    .limit(limit);
}

/** Projects of the subtree placed on these 产业链 labels (链名称/环节名称), by stage; terminated ones left out. */
export async function stageCountsByChain(db: DbOrTx, scopePath: string, labels: readonly string[]) {
  if (labels.length === 0) return [];
  return db
    .select({ chain: projects.chain, stage: projects.stage, n: sql<number>`count(*)::int` })
    .from(projects)
    .where(and(projectsWithin(scopePath), inArray(projects.chain, [...labels]), sql`${projects.status} <> 'terminated'`))
    .groupBy(projects.chain, projects.stage);
}

/** Projects of a subtree by chain label (all statuses), leaving out the subtrees in `except`: who a link's rename or removal touches. */
const labelled = (scopePath: string, labels: readonly string[], except: readonly string[]): SQL =>
  and(
    projectsWithin(scopePath),
    inArray(projects.chain, [...labels]),
    ...except.map((path) => sql`${projects.unitPath} not like ${subtreePattern(path)}`),
  )!;

export async function countByChainLabel(db: DbOrTx, scopePath: string, labels: readonly string[], except: readonly string[]) {
  if (labels.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ chain: projects.chain, n: sql<number>`count(*)::int` })
    .from(projects)
    .where(labelled(scopePath, labels, except))
    .groupBy(projects.chain);
  return new Map(rows.map((row) => [row.chain ?? '', row.n]));
}

/** Renames chain labels in one statement (swaps included), each project's version bumped; the projects as before and after. */
export async function relabelChains(
  db: DbOrTx,
  scopePath: string,
  renames: ReadonlyMap<string, string>,
  except: readonly string[],
  stamp: Date,
) {
  if (renames.size === 0) return [];
  const before = await db
    .select()
    .from(projects)
    .where(labelled(scopePath, [...renames.keys()], except))
    .for('update');
  if (before.length === 0) return [];
  const mapping = JSON.stringify(Object.fromEntries(renames));
  const after = await db
    .update(projects)
    .set({ chain: sql`${mapping}::jsonb ->> ${projects.chain}`, version: sql`${projects.version} + 1`, updatedAt: stamp })
    .where(
      inArray(
        projects.id,
        before.map((row) => row.id),
      ),
    )
    .returning();
  const byId = new Map(after.map((row) => [row.id, row]));
  return before.map((row) => ({ before: row, after: byId.get(row.id)! }));
}

/** The day a project's lead came: its 线索 date, else the day it was first reported, else the day it was entered. */
const leadDay = () =>
  sql`coalesce(${projects.leadOn}, ${projects.firstReportedOn}, (${projects.createdAt} at time zone ${timeZone()})::date)`;

/** Projects whose lead came in a year (the cohort of the lead-source conversion). */
export const leadCohort = (year: number): SQL => sql`${leadDay()} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`;

/** A project has reached the step by now (a skipped stage counts as passed; 在谈 also by a stage past 线索). */
export function reachedStep(step: SourceStep): SQL {
  const any = (columns: string[]) => sql.raw(`(${columns.map((c) => `"projects"."${c}" is not null`).join(' or ')})`);
  if (step === 'leads') return sql`true`;
  if (step === 'negotiating') return sql`(${any(['negotiating_on', ...reachingColumns('signed')])} or ${projects.stage} <> 'lead')`;
  return any(reachingColumns(step));
}

/**
 * 线索来源 conversion: the projects of a subtree whose lead came in a year, by source, with how many reached 在谈, 签约
 * and 开工 by now and their investment — each count the very condition the list's drill-down adds.
 */
export async function conversionBySource(db: DbOrTx, scopePath: string, year: number) {
  const counted = (step: SourceStep) => sql<number>`count(*) filter (where ${reachedStep(step)})::int`;
  return db
    .select({
      source: projects.leadSource,
      leads: sql<number>`count(*)::int`,
      negotiating: counted('negotiating'),
      signed: counted('signed'),
      started: counted('started'),
      investmentWan: sql<number>`coalesce(sum(${projects.totalInvestmentWan}), 0)::float8`,
      signedInvestmentWan: sql<number>`coalesce(sum(${projects.totalInvestmentWan}) filter (where ${reachedStep('signed')}), 0)::float8`,
    })
    .from(projects)
    .where(and(projectsWithin(scopePath), leadCohort(year)))
    .groupBy(projects.leadSource);
}

/** The project behind `projectId` has reached 签约 (or later) and is not terminated: a pipeline's company counts as signed. */
export const projectSigned = (projectId: SQL | AnyColumn): SQL =>
  sql`exists (select 1 from ${projects} where ${projects.id} = ${projectId} and ${projects.stage} in ('signed', 'registered', 'started', 'completed', 'producing', 'at_capacity') and ${projects.status} <> 'terminated')`;

/** Code, name and stage of projects by id (a company's page links its ledger project). */
export async function projectsBriefByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { code: string; name: string; stage: string; unitPath: string }>();
  const rows = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, stage: projects.stage, unitPath: projects.unitPath })
    .from(projects)
    .where(inArray(projects.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Projects of the subtree classified by a chain's name alone (链名称, not yet on a link): the ones to place. */
export async function projectsOnChainOnly(db: DbOrTx, scopePath: string, chainName: string, limit: number) {
  const where = and(projectsWithin(scopePath), eq(projects.chain, chainName));
  const [rows, [total]] = await Promise.all([
    db
      .select({ code: projects.code, name: projects.name, stage: projects.stage, unitName: units.name })
      .from(projects)
      .innerJoin(units, eq(units.code, projects.unitCode))
      .where(where)
      .orderBy(asc(projects.code))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** What an event, an advisor's page or a scoreboard lists of a project: who, where, how much, how far. */
const projectLine = {
  id: projects.id,
  code: projects.code,
  name: projects.name,
  unitCode: projects.unitCode,
  unitPath: projects.unitPath,
  unitName: units.name,
  investorName: projects.investorName,
  capitalType: projects.capitalType,
  projectType: projects.projectType,
  chain: projects.chain,
  stage: projects.stage,
  status: projects.status,
  totalInvestmentWan: projects.totalInvestmentWan,
  totalInvestmentUsdWan: projects.totalInvestmentUsdWan,
  signedOn: projects.signedOn,
  startedOn: projects.startedOn,
};
export type ProjectLine = {
  id: string;
  code: string;
  name: string;
  unitCode: string;
  unitPath: string;
  unitName: string;
  investorName: string;
  capitalType: string;
  projectType: string;
  chain: string | null;
  stage: Stage;
  status: ProjectStatus;
  totalInvestmentWan: number;
  totalInvestmentUsdWan: number | null;
  signedOn: string | null;
  startedOn: string | null;
};

export async function projectLinesByCodes(db: DbOrTx, codes: readonly string[]): Promise<ProjectLine[]> {
  if (codes.length === 0) return [];
  return db
    .select(projectLine)
    .from(projects)
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(inArray(projects.code, [...new Set(codes)]));
}

export async function projectLinesByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, ProjectLine>> {
  const result = new Map<string, ProjectLine>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 5_000) {
    const rows = await db
      .select(projectLine)
      .from(projects)
      .innerJoin(units, eq(units.code, projects.unitCode))
      .where(inArray(projects.id, unique.slice(i, i + 5_000)));
    for (const row of rows) result.set(row.id, row);
  }
  return result;
}

/** 实际到资 of projects in a year (their arrivals dated in it), 万元 by project: an advisor's reward basis. */
export async function arrivedInYear(db: DbOrTx, projectIds: readonly string[], year: number): Promise<Map<string, number>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .select({ projectId: projectArrivals.projectId, wan: sql<number>`sum(${projectArrivals.amountWan})::float8` })
    .from(projectArrivals)
    .where(
      and(
        sql`${projectArrivals.projectId} = any(${sql.param([...projectIds])}::uuid[])`,
        sql`${projectArrivals.arrivedOn} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
      ),
    )
    .groupBy(projectArrivals.projectId);
  return new Map(rows.map((r) => [r.projectId, r.wan]));
}

/**
 * The scoreboard's ledger measures of the people following projects (跟踪人) over a period: projects entered
 * (纳入台账, new leads), brought to 在谈 and signed in it, and the signed ones' investment. The same date columns as
 * the list's `owner=` + `dateField=` filter, so each figure opens exactly its projects.
 */
export async function ownerMeasures(db: DbOrTx, scopePath: string, userIds: readonly string[], first: string, last: string) {
  const result = new Map<string, { leads: number; negotiating: number; signed: number; signedInvestmentWan: number }>();
  if (userIds.length === 0) return result;
  const inRange = (column: AnyColumn) => sql`${column} between ${first}::date and ${last}::date`;
  const rows = await db
    .select({
      userId: projects.ownerUserId,
      leads: sql<number>`count(*) filter (where ${inRange(projects.existsFrom)})::int`,
      negotiating: sql<number>`count(*) filter (where ${inRange(projects.negotiatingOn)})::int`,
      signed: sql<number>`count(*) filter (where ${inRange(projects.signedOn)})::int`,
      signedWan: sql<number>`coalesce(sum(${projects.totalInvestmentWan}) filter (where ${inRange(projects.signedOn)}), 0)::float8`,
    })
    .from(projects)
    .where(and(projectsWithin(scopePath), sql`${projects.ownerUserId} = any(${sql.param([...userIds])}::uuid[])`))
    .groupBy(projects.ownerUserId);
  for (const row of rows)
    if (row.userId)
      result.set(row.userId, { leads: row.leads, negotiating: row.negotiating, signed: row.signed, signedInvestmentWan: row.signedWan });
  return result;
}
