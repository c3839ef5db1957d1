import { clockNow } from '../../shared/calendar.ts';
import { eq } from 'drizzle-orm';
import { childLevelsAllowed, childPath, kindsForLevel, nextChildCode, UNIT_LEVEL_LABELS, type UnitLevel } from '../../shared/units.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { presentUnit } from './presenter.ts';
import { childCodes, findUnit, unitUsage, type UnitRow } from './repository.ts';
import { units } from './schema.ts';

const AUDITED_FIELDS = ['name', 'shortName', 'kind', 'active', 'parentCode', 'level'] as const;

export interface CreateUnitInput {
  parentCode: string;
  level: 'park' | 'town';
  kind: string;
  name: string;
  shortName?: string | undefined;
  code?: string | undefined;
}

/** Admins add parks and towns under a city, district or park of their scope; codes extend the parent's. */
export async function createUnit(db: Db, actor: Actor, meta: RequestMeta, input: CreateUnitInput): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    const parent = await findUnit(tx, input.parentCode);
    if (!parent) throw notFound();
    assertInScope(actor, parent.path);
    const parentLevel = parent.level as UnitLevel;
    if (!childLevelsAllowed(parentLevel).includes(input.level)) {
      throw new AppError('UNIT_LEVEL_NOT_ALLOWED', {
        parent: UNIT_LEVEL_LABELS[parentLevel][meta.lang],
        child: UNIT_LEVEL_LABELS[input.level][meta.lang],
      });
    }
    if (!kindsForLevel(input.level).includes(input.kind as never)) throw new AppError('VALIDATION', { detail: `kind ${input.kind}` });
    const name = input.name.trim();
    const siblings = await tx.select({ name: units.name }).from(units).where(eq(units.parentCode, parent.code));
    if (siblings.some((s) => s.name === name)) throw new AppError('DUPLICATE', { what: name });
    let code = input.code?.trim();
    if (code) {
      if (!new RegExp(`^${parent.code}\\d{3}$`).test(code))
        throw new AppError('VALIDATION', {
          detail:
            meta.lang === 'zh'
              ? `编码须为上级编码 ${parent.code} 加三位数字`
              : `the code must be the parent's ${parent.code} and three digits`,
        });
      if (await findUnit(tx, code)) throw new AppError('DUPLICATE', { what: code });
    } else {
      code = nextChildCode(parent.code, input.level, await childCodes(tx, parent.code));
    }
    const [created] = await tx
      .insert(units)
      .values({
        code,
        name,
        shortName: input.shortName?.trim() || name,
        level: input.level,
        kind: input.kind,
        parentCode: parent.code,
        path: childPath(parent.path, code),
        depth: parent.depth + 1,
        sortOrder: 900,
        isReference: false,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'unit.create',
      objectType: 'unit',
      objectId: code,
      changes: diffFields(null, created, AUDITED_FIELDS),
    });
    return created;
  });
}

export interface UpdateUnitInput {
  version: number;
  name?: string | undefined;
  shortName?: string | undefined;
  kind?: string | undefined;
  active?: boolean | undefined;
}

/** Names and kinds of admin-added units change; GB/T 2260 units only get a short name. A stale version is refused. */
export async function updateUnit(db: Db, actor: Actor, meta: RequestMeta, code: string, input: UpdateUnitInput) {
  return db.transaction(async (tx) => {
    const before = await findUnit(tx, code);
    if (!before) throw notFound();
    assertInScope(actor, before.path);
    if (before.version !== input.version) throw conflict(presentUnit(before));
    if (before.isReference && (input.name !== undefined || input.kind !== undefined || input.active === false))
      throw new AppError('REFERENCE_UNIT');
    if (input.kind !== undefined && !kindsForLevel(before.level as UnitLevel).includes(input.kind as never))
      throw new AppError('VALIDATION', { detail: `kind ${input.kind}` });
    if (code === actor.unitCode && input.active === false)
      throw new AppError('SELF_CHANGE', { what: meta.lang === 'zh' ? '所在单位' : 'own unit' });
    const [after] = await tx
      .update(units)
      .set({
        name: input.name?.trim() ?? before.name,
        shortName: input.shortName?.trim() ?? before.shortName,
        kind: input.kind ?? before.kind,
        active: input.active ?? before.active,
        version: before.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(units.code, code))
      .returning();
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'unit.update',
      objectType: 'unit',
      objectId: code,
      changes: diffFields(before, after, AUDITED_FIELDS),
    });
    return after;
  });
}

/** Only an admin-added unit with nothing below it and nobody in it can be deleted; otherwise deactivate it. */
export async function deleteUnit(db: Db, actor: Actor, meta: RequestMeta, code: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findUnit(tx, code);
    if (!before) throw notFound();
    assertInScope(actor, before.path);
    if (before.isReference) throw new AppError('REFERENCE_UNIT');
    const usage = await unitUsage(tx, code);
    const zh = meta.lang === 'zh';
    if (usage.children > 0) throw new AppError('UNIT_IN_USE', { what: zh ? '下级单位' : 'sub-units' });
    if (usage.departments > 0) throw new AppError('UNIT_IN_USE', { what: zh ? '部门' : 'departments' });
    if (usage.users > 0) throw new AppError('UNIT_IN_USE', { what: zh ? '用户' : 'users' });
    await tx.delete(units).where(eq(units.code, code));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'unit.delete',
      objectType: 'unit',
      objectId: code,
      changes: diffFields(before, null, AUDITED_FIELDS),
    });
  });
}
