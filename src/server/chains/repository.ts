// The chains and chain_links tables' SQL (their owner): a chain with its links, the chains a unit sees (its own and
// those of the units above it), the names the ledger may use (链名称 and 链名称/环节名称).
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { subtreePattern } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { chainLinks, chains } from './schema.ts';

export type ChainRow = typeof chains.$inferSelect;
export type ChainLinkRow = typeof chainLinks.$inferSelect;
export const AUDITED = ['unitCode', 'name', 'description', 'adoptedFrom'] as const;

/** Chains of the unit at `path` or of a unit above it (a unit reads the chains its city or province drew). */
export const chainsAboveOrAt = (path: string): SQL => sql`${path} like ${chains.unitPath} || '%'`;

export async function findChain(db: DbOrTx, id: string): Promise<(ChainRow & { unitName: string; links: ChainLinkRow[] }) | undefined> {
  const [row] = await db
    .select({ chain: chains, unitName: units.name })
    .from(chains)
    .innerJoin(units, eq(units.code, chains.unitCode))
    .where(eq(chains.id, id));
  if (!row) return undefined;
  const links = await db.select().from(chainLinks).where(eq(chainLinks.chainId, id)).orderBy(asc(chainLinks.position));
  return { ...row.chain, unitName: row.unitName, links };
}

/** The chains a unit sees: its own and those of the units above it, nearest first. */
export async function chainsSeenBy(db: DbOrTx, unitPath: string) {
  return db
    .select({
      chain: chains,
      unitName: units.name,
      links: sql<number>`(select count(*)::int from ${chainLinks} where ${chainLinks.chainId} = ${chains.id})`,
    })
    .from(chains)
    .innerJoin(units, eq(units.code, chains.unitCode))
    .where(chainsAboveOrAt(unitPath))
    .orderBy(sql`length(${chains.unitPath}) desc`, asc(chains.name));
}

export async function chainNameTaken(db: DbOrTx, unitCode: string, name: string, except?: string): Promise<boolean> {
  const rows = await db
    .select({ id: chains.id })
    .from(chains)
    .where(and(eq(chains.unitCode, unitCode), eq(chains.name, name)));
  return rows.some((row) => row.id !== except);
}

export async function insertChain(db: DbOrTx, values: typeof chains.$inferInsert): Promise<ChainRow> {
  const [created] = await db.insert(chains).values(values).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateChainRow(db: DbOrTx, id: string, values: Partial<typeof chains.$inferInsert>): Promise<void> {
  await db.update(chains).set(values).where(eq(chains.id, id));
}

export async function deleteChainRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(chains).where(eq(chains.id, id));
}

/** Writes a chain's links as given: links no longer named are removed (callers check nothing sits on them first). */
export async function writeLinks(db: DbOrTx, chainId: string, links: Omit<typeof chainLinks.$inferInsert, 'chainId'>[]): Promise<void> {
  const keys = links.map((link) => link.key);
  const existing = await db.select({ key: chainLinks.key }).from(chainLinks).where(eq(chainLinks.chainId, chainId));
  const removed = existing.map((row) => row.key).filter((key) => !keys.includes(key));
  if (removed.length) await db.delete(chainLinks).where(and(eq(chainLinks.chainId, chainId), inArray(chainLinks.key, removed)));
  // names are unique per chain: clear the kept links' names first, so two links may swap names in one edit
  if (existing.length)
    await db
      .update(chainLinks)
      .set({ name: sql`${chainLinks.key} || chr(1)` })
      .where(eq(chainLinks.chainId, chainId));
  if (links.length === 0) return;
  await db
    .insert(chainLinks)
    .values(links.map((link) => ({ ...link, chainId })))
    .onConflictDoUpdate({
      target: [chainLinks.chainId, chainLinks.key],
      set: {
        name: sql`excluded.name`,
        segment: sql`excluded.segment`,
        parentKey: sql`excluded.parent_key`,
        keywords: sql`excluded.keywords`,
        products: sql`excluded.products`,
        position: sql`excluded.position`,
      },
    });
}

/** Every name the ledger's 产业链 field may hold from the chains: `链名称` and `链名称/环节名称`. */
export async function chainLabels(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ chain: chains.name, link: chainLinks.name })
    .from(chains)
    .leftJoin(chainLinks, eq(chainLinks.chainId, chains.id));
  const labels = new Set<string>();
  for (const row of rows) {
    labels.add(row.chain);
    if (row.link) labels.add(`${row.chain}/${row.link}`);
  }
  return [...labels];
}

/** The links of chains, found by chain name and link name (the import's 产业链环节 column), among the chains seen at `unitPath`. */
export async function linksByName(db: DbOrTx, unitPath: string) {
  return db
    .select({ chainId: chains.id, chainName: chains.name, chainPath: chains.unitPath, key: chainLinks.key, name: chainLinks.name })
    .from(chainLinks)
    .innerJoin(chains, eq(chains.id, chainLinks.chainId))
    .where(sql`(${chainsAboveOrAt(unitPath)} or ${chains.unitPath} like ${unitPath} || '%')`)
    .orderBy(sql`length(${chains.unitPath}) desc`);
}

/** The paths of units below a chain's unit that keep a chain of that name of their own (their projects are labelled after theirs). */
export async function ownCopiesBelow(db: DbOrTx, chain: { id: string; unitPath: string; name: string }): Promise<string[]> {
  const rows = await db
    .select({ path: chains.unitPath })
    .from(chains)
    .where(
      and(
        eq(chains.name, chain.name),
        sql`${chains.id} <> ${chain.id}`,
        sql`${chains.unitPath} like ${subtreePattern(chain.unitPath)}`,
        sql`${chains.unitPath} <> ${chain.unitPath}`,
      ),
    );
  return rows.map((row) => row.path);
}

export async function countChains(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(chains);
  return row?.n ?? 0;
}

/** Chain and link names of these chains (to label companies' links). */
export async function linkNamesOf(db: DbOrTx, chainIds: readonly string[]) {
  const chainNames = new Map<string, string>();
  const linkNames = new Map<string, string>();
  if (chainIds.length) {
    const rows = await db
      .select({ id: chains.id, chain: chains.name, key: chainLinks.key, link: chainLinks.name })
      .from(chains)
      .leftJoin(chainLinks, eq(chainLinks.chainId, chains.id))
      .where(inArray(chains.id, [...new Set(chainIds)]));
    for (const row of rows) {
      chainNames.set(row.id, row.chain);
      if (row.key) linkNames.set(`${row.id}/${row.key}`, row.link ?? row.key);
    }
  }
  return {
    chainName: (id: string) => chainNames.get(id) ?? '',
    linkName: (id: string, key: string) => linkNames.get(`${id}/${key}`) ?? key,
  };
}
