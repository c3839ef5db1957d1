// Department writes, each in one transaction with its audit row.
import { z } from 'zod';
import { clockNow } from '../../shared/calendar.ts';
import { DEPARTMENT_KINDS } from '../../shared/departments.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { findUnit } from '../units/repository.ts';
import { usersInDepartment } from '../users/repository.ts';
import { presentDepartment } from './presenter.ts';
import { AUDITED, deleteDepartmentRow, findDepartment, insertDepartment, nameTaken, updateDepartmentRow } from './repository.ts';

export const departmentBody = z.object({
  name: z.string().trim().min(2).max(60),
  kind: z.enum(DEPARTMENT_KINDS),
  contactName: z.string().trim().max(30).nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/)
    .nullish()
    .or(z.literal('')),
});

export async function createDepartment(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  input: z.infer<typeof departmentBody> & { unitCode: string },
) {
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitCode);
    if (!unit) throw notFound();
    assertInScope(actor, unit.path);
    if (await nameTaken(tx, unit.code, input.name)) throw new AppError('DUPLICATE', { what: input.name });
    const created = await insertDepartment(tx, {
      unitCode: unit.code,
      name: input.name,
      kind: input.kind,
      contactName: input.contactName || null,
      contactPhone: input.contactPhone || null,
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'department.create',
      objectType: 'department',
      objectId: created.id,
      changes: diffFields(null, created, AUDITED),
    });
    return presentDepartment(created, { unitName: unit.name, users: 0 });
  });
}

export async function updateDepartment(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: Partial<z.infer<typeof departmentBody>> & { version: number; active?: boolean | undefined },
) {
  return db.transaction(async (tx) => {
    const before = await findDepartment(tx, id);
    if (!before) throw notFound();
    assertInScope(actor, before.unitPath);
    if (before.version !== input.version) throw conflict(presentDepartment(before, { unitName: before.unitName }));
    if (input.name && input.name !== before.name) {
      if (await nameTaken(tx, before.unitCode, input.name)) throw new AppError('DUPLICATE', { what: input.name });
    }
    const after = await updateDepartmentRow(tx, id, {
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      contactName: input.contactName === undefined ? before.contactName : input.contactName || null,
      contactPhone: input.contactPhone === undefined ? before.contactPhone : input.contactPhone || null,
      active: input.active ?? before.active,
      version: before.version + 1,
      updatedAt: clockNow(),
    });
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'department.update',
      objectType: 'department',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
    });
    return presentDepartment(after, { unitName: before.unitName });
  });
}

export async function deleteDepartment(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await findDepartment(tx, id);
    if (!before) throw notFound();
    assertInScope(actor, before.unitPath);
    if ((await usersInDepartment(tx, id)) > 0) throw new AppError('UNIT_IN_USE', { what: meta.lang === 'zh' ? '用户' : 'users' });
    await deleteDepartmentRow(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'department.delete',
      objectType: 'department',
      objectId: id,
      changes: diffFields(before, null, AUDITED),
    });
  });
}
