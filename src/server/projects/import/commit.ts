import { clockNow } from '../../../shared/calendar.ts';
import { sql } from 'drizzle-orm';
import { appendAuditBatch, diffFields, subjectOf, type AuditEntry } from '../../audit/recorder.ts';
import { bulkInsert } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import type { Actor, RequestMeta } from '../../http/actor.ts';
import { conflict } from '../../http/errors.ts';
import { AUDITED_FIELDS, flagDuplicatesBatch } from '../commands.ts';
import { bulkUpdateProjects, lockProjectVersions } from '../repository.ts';
import { projectCodeSequences, projectEvents, projects } from '../schema.ts';
import type { ImportPlan, RowPlan } from './plan.ts';

type Create = Extract<RowPlan, { action: 'create' }>;
type Update = Extract<RowPlan, { action: 'update' }>;

/**
 * Writes a checked plan in one transaction: new projects (codes reserved per unit and year in blocks), updates (only
 * rows that changed; refused whole with 409 if any of their projects changed since the plan read them), the history
 * events and one audit row per project. Unchanged rows write nothing.
 */
export async function commitImport(db: Db, actor: Actor, meta: RequestMeta, plan: ImportPlan, today: string): Promise<void> {
  const creates = plan.rows.filter((p): p is Create => p.action === 'create');
  const updates = plan.rows.filter((p): p is Update => p.action === 'update');
  if (creates.length === 0 && updates.length === 0) return;
  await db.transaction(async (tx) => {
    const versions = await lockProjectVersions(
      tx,
      updates.map((u) => u.before.id),
    );
    const stale = updates.filter((u) => versions.get(u.before.id) !== u.before.version);
    if (stale.length > 0)
      throw conflict({ projects: stale.map((u) => ({ row: u.row, code: u.before.code, version: versions.get(u.before.id) ?? null })) });

    const groups = new Map<string, Create[]>();
    for (const plan of creates) {
      const key = `${plan.values.unitCode}|${(plan.values.firstReportedOn ?? today).slice(0, 4)}`;
      groups.set(key, [...(groups.get(key) ?? []), plan]);
    }
    const inserted: { id: string; code: string; stage: string; existsFrom: string; [field: string]: unknown }[] = [];
    for (const [key, group] of groups) {
      const [unitCode, yearText] = key.split('|') as [string, string];
      const year = Number(yearText);
      const [sequence] = await tx
        .insert(projectCodeSequences)
        .values({ unitCode, year, next: group.length + 1 })
        .onConflictDoUpdate({
          target: [projectCodeSequences.unitCode, projectCodeSequences.year],
          set: { next: sql`${projectCodeSequences.next} + ${group.length}` },
        })
        .returning({ next: projectCodeSequences.next });
      const first = sequence!.next - group.length;
      const rows = group.map((plan, index) => ({
        ...plan.values,
        code: `${unitCode}-${year}-${String(first + index).padStart(4, '0')}`,
        unitPath: plan.unitPath,
        createdBy: actor.userId,
        createdAt: clockNow(),
        updatedAt: clockNow(),
      }));
      for (let i = 0; i < rows.length; i += 5_000)
        inserted.push(
          ...((await bulkInsert(tx, projects, rows.slice(i, i + 5_000), [
            'id',
            'code',
            'existsFrom',
            ...AUDITED_FIELDS,
          ])) as typeof inserted),
        );
    }
    await bulkUpdateProjects(
      tx,
      updates.map((u) => ({ ...u.values, id: u.before.id, unitPath: u.unitPath, existsFrom: u.existsFrom })),
    );

    const who = { recordedBy: actor.userId, recordedByName: actor.displayName, recordedAt: clockNow() };
    await bulkInsert(tx, projectEvents, [
      ...inserted.map((row) => ({
        projectId: row.id,
        kind: 'imported',
        stage: row.stage,
        eventDate: row.existsFrom,
        evidence: 'Excel 导入',
        ...who,
      })),
      ...updates.flatMap((u) =>
        u.events.map((e) => ({
          projectId: u.before.id,
          kind: e.kind,
          stage: e.stage,
          fromStage: e.fromStage ?? null,
          eventDate: e.eventDate,
          evidence: e.evidence ?? null,
          reason: e.reason ?? null,
          details: e.details ?? null,
          ...who,
        })),
      ),
    ]);
    await flagDuplicatesBatch(
      tx,
      inserted.map((row) => row.id),
    );
    const audit: AuditEntry[] = [
      ...inserted.map((row) => ({
        action: 'project.import_create',
        objectType: 'project',
        objectId: row.code,
        changes: diffFields(null, row as Record<string, unknown>, AUDITED_FIELDS as unknown as string[]),
      })),
      ...updates.map((u) => ({
        action: 'project.import_update',
        objectType: 'project',
        objectId: u.before.code,
        changes: Object.fromEntries(u.changes.map((c) => [c.field, { before: c.from, after: c.to }])),
        ...(u.reason ? { detail: u.reason } : {}),
      })),
    ];
    await appendAuditBatch(tx, subjectOf(actor), meta, audit);
  });
}
