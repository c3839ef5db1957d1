// The reads of one project's page beyond its record: events, arrivals, attachments, open duplicate flags; and the
// reviewer's list of open duplicate flags. The SQL is here; routes call these functions.
import { and, asc, desc, eq, inArray, or, sql, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { subtreePattern } from '../db/scope.ts';
import { unitsByCodes, unitWithChildren } from '../units/repository.ts';
import { summarizeByChild, type Summary } from './repository.ts';
import { projectArrivals, projectAttachments, projectDuplicateFlags, projectEvents, projects } from './schema.ts';

const eventsOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectEvents).where(eq(projectEvents.projectId, projectId)).orderBy(asc(projectEvents.recordedAt));

const arrivalsOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectArrivals).where(eq(projectArrivals.projectId, projectId)).orderBy(asc(projectArrivals.arrivedOn));

const attachmentsOf = (db: DbOrTx, projectId: string) =>
  db
    .select({
      id: projectAttachments.id,
      filename: projectAttachments.filename,
      size: projectAttachments.size,
      mimeType: projectAttachments.mimeType,
      eventId: projectAttachments.eventId,
      uploadedAt: projectAttachments.uploadedAt,
    })
    .from(projectAttachments)
    .where(eq(projectAttachments.projectId, projectId));

const openDuplicatesOf = (db: DbOrTx, projectId: string) =>
  db
    .select({
      id: projectDuplicateFlags.id,
      reason: projectDuplicateFlags.reason,
      score: projectDuplicateFlags.score,
      otherCode: projects.code,
      otherName: projects.name,
      otherUnitCode: projects.unitCode,
    })
    .from(projectDuplicateFlags)
    .innerJoin(projects, eq(projects.id, projectDuplicateFlags.otherProjectId))
    .where(and(eq(projectDuplicateFlags.projectId, projectId), eq(projectDuplicateFlags.status, 'open')));

/** Everything the detail page shows besides the record itself. */
export async function projectDetailParts(db: DbOrTx, projectId: string) {
  const [events, arrivals, attachments, duplicates] = await Promise.all([
    eventsOf(db, projectId),
    arrivalsOf(db, projectId),
    attachmentsOf(db, projectId),
    openDuplicatesOf(db, projectId),
  ]);
  return { events, arrivals, attachments, duplicates };
}
export type ProjectDetailParts = Awaited<ReturnType<typeof projectDetailParts>>;

/** One attachment of one project (its bytes), or undefined. */
export async function attachmentOf(db: DbOrTx, projectId: string, attachmentId: string) {
  const [file] = await db
    .select()
    .from(projectAttachments)
    .where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, projectId)));
  return file;
}

/** Either side of a flag belongs to the caller's subtree: scoped in the query, before the limit. */
const flagSideWithin = (column: AnyColumn, unitPath: string) =>
  sql`exists (select 1 from ${projects} p where p.id = ${column} and p.unit_path like ${subtreePattern(unitPath)})`;

const flagProjectColumns = {
  id: projects.id,
  code: projects.code,
  name: projects.name,
  investorName: projects.investorName,
  unitCode: projects.unitCode,
  totalInvestmentWan: projects.totalInvestmentWan,
  stage: projects.stage,
};
export type FlagProject = Omit<{ [K in keyof typeof flagProjectColumns]: (typeof flagProjectColumns)[K]['_']['data'] }, 'id'>;

/** The open duplicate flags touching the caller's subtree, newest first, with both projects' summaries. */
export async function openDuplicateFlags(db: DbOrTx, unitPath: string, limit: number) {
  const flags = await db
    .select()
    .from(projectDuplicateFlags)
    .where(
      and(
        eq(projectDuplicateFlags.status, 'open'),
        or(flagSideWithin(projectDuplicateFlags.projectId, unitPath), flagSideWithin(projectDuplicateFlags.otherProjectId, unitPath)),
      ),
    )
    .orderBy(desc(projectDuplicateFlags.createdAt))
    .limit(limit);
  const ids = [...new Set(flags.flatMap((f) => [f.projectId, f.otherProjectId]))];
  const rows = ids.length ? await db.select(flagProjectColumns).from(projects).where(inArray(projects.id, ids)) : [];
  const byId = new Map(rows.map(({ id, ...rest }) => [id, rest]));
  return flags.map((flag) => ({ flag, project: byId.get(flag.projectId) ?? null, other: byId.get(flag.otherProjectId) ?? null }));
}

export interface ChildSummary extends Summary {
  unit: { code: string; name: string; level: string };
}

/**
 * 按下级汇总: a unit's summary with one row per direct child (every active child, with zeros where it has none) and
 * the projects registered at the unit itself; the rows add up to the unit's figures.
 */
export async function summaryByChild(
  db: DbOrTx,
  scopePath: string,
  asOf: string,
  ladderYi: number[],
): Promise<Summary & { direct: Summary; children: ChildSummary[] }> {
  const code = scopePath.split('/').filter(Boolean).at(-1) ?? '';
  const [{ total, byChild }, family] = await Promise.all([summarizeByChild(db, scopePath, asOf, ladderYi), unitWithChildren(db, code)]);
  const zero = (): Summary => ({
    count: 0,
    totalInvestmentWan: 0,
    byStage: Object.fromEntries(Object.keys(total.byStage).map((stage) => [stage, 0])) as Summary['byStage'],
    byTier: total.byTier.map((t) => ({ thresholdYi: t.thresholdYi, count: 0 })),
    terminated: 0,
  });
  const children = family.filter((u) => u.code !== code);
  // a child deactivated since its projects were entered still has them: it keeps its row
  const missing = [...byChild.keys()].filter((c) => c && !children.some((u) => u.code === c));
  const all = [...children, ...(await unitsByCodes(db, missing))];
  return {
    ...total,
    direct: byChild.get('') ?? zero(),
    children: all.map((u) => ({ unit: { code: u.code, name: u.name, level: u.level }, ...(byChild.get(u.code) ?? zero()) })),
  };
}
