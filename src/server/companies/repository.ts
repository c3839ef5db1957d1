// The companies and company_links tables' SQL (their owner): found, listed within a subtree, matched for an import
// (by credit code, else name), written in bulk, and counted per link of a chain for the chain map.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { escapeLike, subtreePattern, withinSubtree } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { projectSigned } from '../projects/repository.ts';
import { companies, companyContacts, companyEvents, companyLinks } from './schema.ts';

export type CompanyRow = typeof companies.$inferSelect;
export type CompanyValues = Omit<typeof companies.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'createdBy'>;
export interface CompanyLink {
  chainId: string;
  linkKey: string;
}
export const AUDITED = [
  'name',
  'creditCode',
  'kind',
  'unitCode',
  'location',
  'industrySection',
  'industryDivision',
  'tags',
  'listedCode',
  'revenueWan',
  'employees',
  'website',
  'contactName',
  'contactPhone',
  'notes',
  'pipelineStage',
  'assigneeId',
  'assignedUnitCode',
  'assignmentStatus',
  'assignmentNote',
  'dropReason',
  'projectId',
] as const;

/** The stage as it stands: 签约 once the linked ledger project is signed (whichever path signed it), else the stored one. */
export const effectiveStage = sql<
  string | null
>`case when ${companies.projectId} is not null and ${projectSigned(companies.projectId)} then 'signed' else ${companies.pipelineStage} end`;

export interface CompanyFilter {
  scopePath: string;
  /** also targets kept by the units above (a district works on the city's targets too) */
  abovePaths?: string[];
  kind?: 'local' | 'target' | undefined;
  tag?: string | undefined;
  chainId?: string | undefined;
  linkKey?: string | undefined;
  q?: string | undefined;
  stage?: string | undefined;
  assigneeId?: string | undefined;
}

/** Local firms located in the subtree; targets kept by the subtree or by a unit above it; companies assigned into it. */
export function companyConditions(filter: CompanyFilter): SQL[] {
  const seen = or(
    withinSubtree(companies.unitPath, filter.scopePath),
    withinSubtree(companies.assignedUnitPath, filter.scopePath),
    ...(filter.abovePaths?.length ? [and(eq(companies.kind, 'target'), inArray(companies.unitPath, filter.abovePaths))!] : []),
  )!;
  const conditions: SQL[] = [seen];
  if (filter.stage) conditions.push(sql`${effectiveStage} = ${filter.stage}`);
  if (filter.assigneeId) conditions.push(eq(companies.assigneeId, filter.assigneeId));
  if (filter.kind) conditions.push(eq(companies.kind, filter.kind));
  if (filter.tag) conditions.push(sql`${filter.tag} = any(${companies.tags})`);
  if (filter.chainId)
    conditions.push(
      sql`exists (select 1 from ${companyLinks} where ${companyLinks.companyId} = ${companies.id} and ${companyLinks.chainId} = ${filter.chainId}${
        filter.linkKey ? sql` and ${companyLinks.linkKey} = ${filter.linkKey}` : sql``
      })`,
    );
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(companies.name, pattern), ilike(companies.creditCode, pattern))!);
  }
  return conditions;
}

export async function listCompanies(db: DbOrTx, filter: CompanyFilter, page: { page: number; pageSize: number }) {
  const where = and(...companyConditions(filter));
  const [rows, [total]] = await Promise.all([
    db
      .select({ company: companies, unitName: units.name, stage: effectiveStage })
      .from(companies)
      .innerJoin(units, eq(units.code, companies.unitCode))
      .where(where)
      .orderBy(desc(companies.updatedAt), asc(companies.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    // joined as the page is, so every column of the correlated conditions is written with its table
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(companies)
      .innerJoin(units, eq(units.code, companies.unitCode))
      .where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r.company, pipelineStage: r.stage as CompanyRow['pipelineStage'], unitName: r.unitName })),
    total: total?.n ?? 0,
  };
}

/** Every company of a filter, in pages of `size` by id (an export never holds more than one page). */
export async function* companiesInBatches(db: DbOrTx, filter: CompanyFilter, size = 2000) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .select({ company: companies, unitName: units.name, stage: effectiveStage })
      .from(companies)
      .innerJoin(units, eq(units.code, companies.unitCode))
      .where(and(...companyConditions(filter), sql`${companies.id} > ${after}`))
      .orderBy(asc(companies.id))
      .limit(size);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r.company, pipelineStage: r.stage as CompanyRow['pipelineStage'], unitName: r.unitName }));
    after = rows[rows.length - 1]!.company.id;
    if (rows.length < size) return;
  }
}

/** A company with its unit's name; `pipelineStage` as it stands (签约 once its ledger project is signed). */
export async function findCompany(
  db: DbOrTx,
  id: string,
): Promise<(CompanyRow & { unitName: string; storedStage: CompanyRow['pipelineStage'] }) | undefined> {
  const [row] = await db
    .select({ company: companies, unitName: units.name, stage: effectiveStage })
    .from(companies)
    .innerJoin(units, eq(units.code, companies.unitCode))
    .where(eq(companies.id, id));
  return row
    ? {
        ...row.company,
        pipelineStage: row.stage as CompanyRow['pipelineStage'],
        storedStage: row.company.pipelineStage,
        unitName: row.unitName,
      }
    : undefined;
}

/** Locks a company row for a pipeline change (two officers moving one company at once: one waits, then sees the other's). */
export async function lockCompany(db: DbOrTx, id: string): Promise<void> {
  await db.select({ id: companies.id }).from(companies).where(eq(companies.id, id)).for('update');
}

export async function insertCompanyEvent(db: DbOrTx, values: typeof companyEvents.$inferInsert): Promise<void> {
  await db.insert(companyEvents).values(values);
}

export async function eventsOfCompany(db: DbOrTx, companyId: string) {
  return db
    .select()
    .from(companyEvents)
    .where(eq(companyEvents.companyId, companyId))
    .orderBy(desc(companyEvents.at), desc(companyEvents.id));
}

export async function insertContact(db: DbOrTx, values: typeof companyContacts.$inferInsert) {
  const [row] = await db.insert(companyContacts).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function contactsOfCompany(db: DbOrTx, companyId: string) {
  return db
    .select()
    .from(companyContacts)
    .where(eq(companyContacts.companyId, companyId))
    .orderBy(desc(companyContacts.on), desc(companyContacts.id));
}

/**
 * The funnel's rows: per company of the filter in the pipeline, its stage now, the furthest step it ever reached, the
 * day it entered the pipeline, its chains, tags, assignee and assigned unit.
 */
export async function funnelRows(db: DbOrTx, filter: CompanyFilter) {
  const furthest = sql<
    string | null
  >`(select ${companyEvents.toStage} from ${companyEvents} where ${companyEvents.companyId} = ${companies.id} and ${companyEvents.kind} = 'stage' and ${companyEvents.toStage} <> 'dropped'
    order by array_position(array['target','contacted','visited','intent','negotiating','signed']::text[], ${companyEvents.toStage}) desc limit 1)`;
  const entered = sql<string>`coalesce((select min(${companyEvents.on}) from ${companyEvents} where ${companyEvents.companyId} = ${companies.id} and ${companyEvents.kind} = 'stage'), (${companies.createdAt} at time zone 'Asia/Shanghai')::date)::text`;
  return (
    db
      .select({
        id: companies.id,
        stage: effectiveStage,
        furthest,
        entered,
        tags: companies.tags,
        assigneeId: companies.assigneeId,
        assignedUnitCode: companies.assignedUnitCode,
        unitCode: companies.unitCode,
        chains: sql<
          string[]
        >`coalesce((select array_agg(distinct ${companyLinks.chainId}::text) from ${companyLinks} where ${companyLinks.companyId} = ${companies.id}), '{}')`,
      })
      .from(companies)
      // joined so that every column is written with its table: the subqueries' correlations stay unambiguous
      .innerJoin(units, eq(units.code, companies.unitCode))
      .where(and(...companyConditions(filter), sql`${companies.pipelineStage} is not null`))
  );
}

/** Local firms of the subtree with their last contact, last visit, open intentions (有意向 / 在谈) and ledger project. */
export async function aftercareRows(db: DbOrTx, scopePath: string) {
  const last = (kinds: string[]) =>
    sql<
      string | null
    >`(select max(${companyContacts.on})::text from ${companyContacts} where ${companyContacts.companyId} = ${companies.id} and ${companyContacts.kind} in (${sql.join(
      kinds.map((k) => sql`${k}`),
      sql`, `,
    )}))`;
  return db
    .select({
      company: companies,
      unitName: units.name,
      stage: effectiveStage,
      lastContactOn: last(['phone', 'visit_in', 'visit_out', 'event']),
      lastVisitOn: last(['visit_in', 'visit_out']),
    })
    .from(companies)
    .innerJoin(units, eq(units.code, companies.unitCode))
    .where(and(withinSubtree(companies.unitPath, scopePath), eq(companies.kind, 'local')))
    .orderBy(asc(companies.name));
}

/**
 * Companies whose last contact agreed a next step due before `before` (跟进逾期), with the unit answerable for it: the
 * unit it is assigned to while the assignment stands, else the unit that keeps it. Signed and dropped ones are done.
 */
export async function overdueNextSteps(db: DbOrTx, scopePath: string, before: string) {
  const answerable = (column: 'code' | 'path') =>
    sql.raw(`case when c.assignment_status in ('pending', 'accepted') then c.assigned_unit_${column} else c.unit_${column} end`);
  const result =
    await db.execute(sql`select c.id::text as id, c.name, ${answerable('code')} as unit_code, ${answerable('path')} as unit_path,
      last.next_on::text as next_on, last.next_step, last.by_name
    from ${companies} c
    join lateral (select cc.next_on, cc.next_step, cc.by_name from ${companyContacts} cc where cc.company_id = c.id
      order by cc.on desc, cc.id desc limit 1) last on true
    where last.next_on < ${before}::date and ${answerable('path')} like ${subtreePattern(scopePath)}
      and coalesce(c.pipeline_stage, '') <> 'dropped' and not (c.project_id is not null and ${projectSigned(sql`c.project_id`)})`);
  return rowsOf<{
    id: string;
    name: string;
    unit_code: string;
    unit_path: string;
    next_on: string;
    next_step: string | null;
    by_name: string;
  }>(result);
}

/** Company names by id (an alert's subject). */
export async function companyNamesByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(inArray(companies.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What the follow-up alerts depend on: the last change of a company and the last contact logged. */
export async function companiesSignature(db: DbOrTx): Promise<string> {
  const result = await db.execute(
    sql`select (select max(updated_at) from ${companies})::text as companies, (select max(id) from ${companyContacts}) as contacts`,
  );
  return JSON.stringify(rowsOf(result)[0] ?? {});
}

/** The links of these companies, by company. */
export async function linksOfCompanies(db: DbOrTx, ids: readonly string[]): Promise<Map<string, CompanyLink[]>> {
  const byCompany = new Map<string, CompanyLink[]>();
  if (ids.length === 0) return byCompany;
  const rows = await db
    .select()
    .from(companyLinks)
    .where(inArray(companyLinks.companyId, [...ids]));
  for (const row of rows)
    byCompany.set(row.companyId, [...(byCompany.get(row.companyId) ?? []), { chainId: row.chainId, linkKey: row.linkKey }]);
  return byCompany;
}

/** The companies an import's rows may be: by credit code, or (without one) by exact name. */
export async function companiesMatching(db: DbOrTx, creditCodes: readonly string[], names: readonly string[]): Promise<CompanyRow[]> {
  const conditions: SQL[] = [];
  if (creditCodes.length) conditions.push(inArray(companies.creditCode, [...creditCodes]));
  if (names.length) conditions.push(inArray(companies.name, [...names]));
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(companies)
    .where(or(...conditions));
}

export async function insertCompanies(db: DbOrTx, rows: (typeof companies.$inferInsert)[]): Promise<CompanyRow[]> {
  const created: CompanyRow[] = [];
  for (let i = 0; i < rows.length; i += 500)
    created.push(
      ...(await db
        .insert(companies)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return created;
}

export async function updateCompanyRow(
  db: DbOrTx,
  id: string,
  values: Partial<typeof companies.$inferInsert>,
): Promise<CompanyRow | undefined> {
  const [after] = await db.update(companies).set(values).where(eq(companies.id, id)).returning();
  return after;
}

export async function deleteCompanyRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(companies).where(eq(companies.id, id));
}

/** Replaces the links of these companies with the given ones. */
export async function replaceCompanyLinks(db: DbOrTx, links: Map<string, CompanyLink[]>): Promise<void> {
  const ids = [...links.keys()];
  for (let i = 0; i < ids.length; i += 1000) await db.delete(companyLinks).where(inArray(companyLinks.companyId, ids.slice(i, i + 1000)));
  const rows = [...links].flatMap(([companyId, list]) => list.map((link) => ({ companyId, ...link })));
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(companyLinks)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
}

/** How many companies sit on each of these links of a chain (a link in use cannot be removed). */
export async function companiesOnLinks(db: DbOrTx, chainId: string, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: companyLinks.linkKey, n: sql<number>`count(*)::int` })
    .from(companyLinks)
    .where(and(eq(companyLinks.chainId, chainId), inArray(companyLinks.linkKey, [...keys])))
    .groupBy(companyLinks.linkKey);
  return new Map(rows.map((row) => [row.key, row.n]));
}

export async function companiesOfChain(db: DbOrTx, chainId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(companyLinks)
    .where(eq(companyLinks.chainId, chainId));
  return row?.n ?? 0;
}

/**
 * Per link of a chain: local firms located in the subtree, 链主 among them, and targets kept by the subtree or a unit
 * above it — one pass over the chain's company links.
 */
export async function companyCountsByLink(db: DbOrTx, chainId: string, scopePath: string, abovePaths: readonly string[]) {
  const inSubtree = withinSubtree(companies.unitPath, scopePath);
  const above = abovePaths.length ? inArray(companies.unitPath, [...abovePaths]) : sql`false`;
  return db
    .select({
      key: companyLinks.linkKey,
      local: sql<number>`count(*) filter (where ${companies.kind} = 'local' and ${inSubtree})::int`,
      leaders: sql<number>`count(*) filter (where ${companies.kind} = 'local' and ${inSubtree} and 'chain_leader' = any(${companies.tags}))::int`,
      targets: sql<number>`count(*) filter (where ${companies.kind} = 'target' and (${inSubtree} or ${above} or ${withinSubtree(companies.assignedUnitPath, scopePath)}))::int`,
    })
    .from(companyLinks)
    .innerJoin(companies, eq(companies.id, companyLinks.companyId))
    .where(eq(companyLinks.chainId, chainId))
    .groupBy(companyLinks.linkKey);
}
