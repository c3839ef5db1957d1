// The companies and company_links tables' SQL (their owner): found, listed within a subtree, matched for an import
// (by credit code, else name), written in bulk, and counted per link of a chain for the chain map.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { escapeLike, withinSubtree } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { companies, companyLinks } from './schema.ts';

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
] as const;

export interface CompanyFilter {
  scopePath: string;
  /** also targets kept by the units above (a district works on the city's targets too) */
  abovePaths?: string[];
  kind?: 'local' | 'target' | undefined;
  tag?: string | undefined;
  chainId?: string | undefined;
  linkKey?: string | undefined;
  q?: string | undefined;
}

/** Local firms located in the subtree; targets kept by the subtree or by a unit above it. */
export function companyConditions(filter: CompanyFilter): SQL[] {
  const seen = filter.abovePaths?.length
    ? or(
        withinSubtree(companies.unitPath, filter.scopePath),
        and(eq(companies.kind, 'target'), inArray(companies.unitPath, filter.abovePaths)),
      )!
    : withinSubtree(companies.unitPath, filter.scopePath);
  const conditions: SQL[] = [seen];
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
      .select({ company: companies, unitName: units.name })
      .from(companies)
      .innerJoin(units, eq(units.code, companies.unitCode))
      .where(where)
      .orderBy(desc(companies.updatedAt), asc(companies.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(companies)
      .where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.company, unitName: r.unitName })), total: total?.n ?? 0 };
}

/** Every company of a filter, in pages of `size` by id (an export never holds more than one page). */
export async function* companiesInBatches(db: DbOrTx, filter: CompanyFilter, size = 2000) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .select({ company: companies, unitName: units.name })
      .from(companies)
      .innerJoin(units, eq(units.code, companies.unitCode))
      .where(and(...companyConditions(filter), sql`${companies.id} > ${after}`))
      .orderBy(asc(companies.id))
      .limit(size);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r.company, unitName: r.unitName }));
    after = rows[rows.length - 1]!.company.id;
    if (rows.length < size) return;
  }
}

export async function findCompany(db: DbOrTx, id: string): Promise<(CompanyRow & { unitName: string }) | undefined> {
  const [row] = await db
    .select({ company: companies, unitName: units.name })
    .from(companies)
    .innerJoin(units, eq(units.code, companies.unitCode))
    .where(eq(companies.id, id));
  return row ? { ...row.company, unitName: row.unitName } : undefined;
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
      targets: sql<number>`count(*) filter (where ${companies.kind} = 'target' and (${inSubtree} or ${above}))::int`,
    })
    .from(companyLinks)
    .innerJoin(companies, eq(companies.id, companyLinks.companyId))
    .where(eq(companyLinks.chainId, chainId))
    .groupBy(companyLinks.linkKey);
}
