// 招商顾问: the register, attributions and the reward ledger, each write in one transaction with its audit row.
// The appointing unit keeps its advisors; only its own reviewers and leaders read rewards, and its reviewers approve
// (审定, which freezes the amount) and record payment (兑现).
import { z } from 'zod';
import { clockNow } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { isWithin } from '../../shared/units.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { assertInScope, assertObjectInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, hiddenObject, notFound } from '../http/errors.ts';
import { findProjectByCode } from '../projects/repository.ts';
import { findUnit } from '../units/repository.ts';
import { rewardLedger } from './queries.ts';
import {
  attribute,
  attributionOfProject,
  AUDITED,
  deleteAdvisorRow,
  deleteReward,
  detach,
  findAdvisor,
  hasRewards,
  insertAdvisor,
  insertReward,
  lockAdvisor,
  lockReward,
  markPaid,
  rewardRowsUpTo,
  updateAdvisorRow,
  type AdvisorRow,
} from './repository.ts';

const text = (max: number) => z.string().trim().max(max).nullish();
export const advisorBody = z.object({
  unit: z.string().regex(/^\d{6,15}$/),
  name: z.string().trim().min(1).max(60),
  organisation: text(200),
  title: text(100),
  field: text(200),
  phone: text(40),
  appointedOn: z.iso.date(),
  termEnd: z.iso.date().nullish(),
  publicServant: z.boolean().optional(),
  note: text(2000),
});
export type AdvisorInput = z.infer<typeof advisorBody>;
export const rewardStepBody = z.object({
  projectCode: z.string().trim().min(1).max(40),
  year: z.number().int().min(2000).max(2100),
  paidOn: z.iso.date().optional(),
  note: text(500),
});

const invalid = (detail: string) => new AppError('VALIDATION', { detail });
export const rewardsRestricted = () => new AppError('REWARDS_RESTRICTED');

/** An advisor works for the appointing unit and the units below it; the units above see them too. */
export const advisorVisible = (actor: Actor, advisor: { unitPath: string }) =>
  isWithin(advisor.unitPath, actor.unitPath) || isWithin(actor.unitPath, advisor.unitPath);

/** Rewards: the appointing unit's own reviewers and leaders, nobody else (not the units above, not its officers). */
export const mayReadRewards = (actor: Actor, advisor: { unitCode: string }) =>
  actor.unitCode === advisor.unitCode && actor.roles.some((r) => r === 'reviewer' || r === 'leader');
export const mayDecideRewards = (actor: Actor, advisor: { unitCode: string }) =>
  actor.unitCode === advisor.unitCode && actor.roles.includes('reviewer');

export async function readableAdvisor(db: DbOrTx, actor: Actor, id: string) {
  const found = await findAdvisor(db, id);
  if (!found) throw notFound();
  if (!advisorVisible(actor, found.advisor)) throw hiddenObject();
  return found;
}

async function resolveInput(db: DbOrTx, actor: Actor, meta: RequestMeta, input: AdvisorInput) {
  const zh = meta.lang === 'zh';
  const unit = await findUnit(db, input.unit);
  if (!unit) throw invalid(zh ? `单位“${input.unit}”不存在` : `no unit ${input.unit}`);
  assertInScope(actor, unit.path);
  if (input.termEnd && input.termEnd < input.appointedOn)
    throw invalid(zh ? '聘期结束日期不能早于聘任日期' : 'the term cannot end before it starts');
  return {
    unitCode: unit.code,
    unitPath: unit.path,
    name: input.name,
    organisation: input.organisation || null,
    title: input.title || null,
    field: input.field || null,
    phone: input.phone || null,
    appointedOn: input.appointedOn,
    termEnd: input.termEnd || null,
    publicServant: input.publicServant ?? false,
    note: input.note || null,
  };
}

export async function createAdvisor(db: Db, actor: Actor, meta: RequestMeta, input: AdvisorInput) {
  const values = await resolveInput(db, actor, meta, input);
  return db.transaction(async (tx) => {
    const created = await insertAdvisor(tx, { ...values, createdBy: actor.userId });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.create',
      objectType: 'advisor',
      objectId: created.id,
      changes: diffFields(null, created, AUDITED),
    });
    return { id: created.id };
  });
}

async function loadWritable(tx: DbOrTx, actor: Actor, id: string): Promise<AdvisorRow> {
  const advisor = await lockAdvisor(tx, id);
  if (!advisor) throw notFound();
  assertObjectInScope(actor, advisor.unitPath);
  return advisor;
}

export async function updateAdvisor(db: Db, actor: Actor, meta: RequestMeta, id: string, input: AdvisorInput & { version: number }) {
  const values = await resolveInput(db, actor, meta, input);
  return db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    if (before.version !== input.version) throw conflict({ version: before.version });
    // a masked number sent back (by someone who may not see contacts) leaves the number as it is
    const phone = values.phone?.includes('*') ? before.phone : values.phone;
    const after = await updateAdvisorRow(tx, id, { ...values, phone, version: before.version + 1, updatedAt: clockNow() });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.update',
      objectType: 'advisor',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
    });
    return { id };
  });
}

export async function deleteAdvisor(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    if (await hasRewards(tx, id)) throw new AppError('ADVISOR_HAS_REWARDS', { advisor: before.name });
    await deleteAdvisorRow(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.delete',
      objectType: 'advisor',
      objectId: id,
      changes: diffFields(before, null, AUDITED),
    });
  });
}

/** 顾问引荐: a project of the appointing unit's subtree, within the caller's, attributed to the advisor (one each). */
export async function attributeProject(db: Db, actor: Actor, meta: RequestMeta, id: string, code: string) {
  const zh = meta.lang === 'zh';
  const { advisor } = await readableAdvisor(db, actor, id);
  const project = await findProjectByCode(db, code);
  if (!project || !isWithin(project.unitPath, actor.unitPath))
    throw invalid(zh ? `项目“${code}”不存在或不在本单位范围内` : `no project ${code} in your scope`);
  if (!isWithin(project.unitPath, advisor.unitPath))
    throw invalid(zh ? `项目“${project.name}”不在聘任单位的范围内` : `project ${project.name} is outside the appointing unit`);
  return db.transaction(async (tx) => {
    const current = await attributionOfProject(tx, project.id);
    if (current?.advisorId === id) return { projectCode: project.code, advisorId: id };
    if (current) {
      const other = await findAdvisor(tx, current.advisorId);
      throw new AppError('PROJECT_ATTRIBUTED', { project: project.name, advisor: other?.advisor.name ?? '' });
    }
    await attribute(tx, { projectId: project.id, advisorId: id, attributedOn: todayIso(), attributedBy: actor.userId });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.attribute',
      objectType: 'project',
      objectId: project.id,
      changes: { advisor: { before: null, after: advisor.name } },
    });
    return { projectCode: project.code, advisorId: id };
  });
}

export async function detachProject(db: Db, actor: Actor, meta: RequestMeta, id: string, code: string) {
  const zh = meta.lang === 'zh';
  const { advisor } = await readableAdvisor(db, actor, id);
  const project = await findProjectByCode(db, code);
  if (!project || !isWithin(project.unitPath, actor.unitPath)) throw notFound();
  await db.transaction(async (tx) => {
    const current = await attributionOfProject(tx, project.id);
    if (current?.advisorId !== id) throw notFound();
    if ((await rewardRowsUpTo(tx, [project.id], 2100)).length)
      throw new AppError('REWARD_STATE', { detail: zh ? '该项目已有审定的奖励，不能解除归属' : 'the project has an approved reward' });
    await detach(tx, project.id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.detach',
      objectType: 'project',
      objectId: project.id,
      changes: { advisor: { before: advisor.name, after: null } },
    });
  });
}

/** 审定: the year's reward of one project frozen at what the rule gives now; only a reviewer of the appointing unit. */
export async function approveReward(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof rewardStepBody>) {
  const zh = meta.lang === 'zh';
  const { advisor } = await readableAdvisor(db, actor, id);
  if (!mayDecideRewards(actor, advisor)) throw rewardsRestricted();
  if (input.year > Number(todayIso().slice(0, 4))) throw invalid(zh ? '不能审定未来年度的奖励' : 'a future year cannot be approved');
  return db.transaction(async (tx) => {
    const line = (await rewardLedger(tx, [advisor], input.year)).find((l) => l.project.code === input.projectCode);
    if (!line) throw notFound();
    if (await lockReward(tx, line.project.id, input.year))
      throw new AppError('REWARD_STATE', { detail: zh ? '该年度奖励已审定' : 'this year’s reward is already approved' });
    const row = await insertReward(tx, {
      projectId: line.project.id,
      year: input.year,
      advisorId: id,
      basis: line.basis,
      basisWan: line.basisWan,
      perMille: line.perMille,
      amountWan: line.amountWan,
      approvedBy: actor.userId,
      approvedAt: clockNow(),
      note: input.note || null,
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.reward.approve',
      objectType: 'project',
      objectId: line.project.id,
      changes: {
        year: { before: null, after: input.year },
        amountWan: { before: null, after: row.amountWan },
        basisWan: { before: null, after: row.basisWan },
      },
    });
    return { projectCode: line.project.code, year: input.year, amountWan: row.amountWan, status: 'approved' as const };
  });
}

/** 兑现: the approved reward paid on a day; a reviewer of the appointing unit. */
export async function payReward(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof rewardStepBody>) {
  const zh = meta.lang === 'zh';
  const { advisor } = await readableAdvisor(db, actor, id);
  if (!mayDecideRewards(actor, advisor)) throw rewardsRestricted();
  const paidOn = input.paidOn ?? todayIso();
  if (paidOn > todayIso()) throw invalid(zh ? '兑现日期不能晚于今天' : 'the payment cannot be dated in the future');
  const project = await findProjectByCode(db, input.projectCode);
  if (!project) throw notFound();
  return db.transaction(async (tx) => {
    const row = await lockReward(tx, project.id, input.year);
    if (!row || row.advisorId !== id)
      throw new AppError('REWARD_STATE', { detail: zh ? '奖励尚未审定，不能兑现' : 'approve the reward before paying it' });
    if (row.paidOn) throw new AppError('REWARD_STATE', { detail: zh ? `该奖励已于 ${row.paidOn} 兑现` : `already paid on ${row.paidOn}` });
    const after = await markPaid(tx, project.id, input.year, paidOn, actor.userId);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.reward.pay',
      objectType: 'project',
      objectId: project.id,
      changes: { year: { before: null, after: input.year }, paidOn: { before: null, after: after.paidOn } },
    });
    return { projectCode: project.code, year: input.year, amountWan: after.amountWan, status: 'paid' as const };
  });
}

/** Withdraws an approval not yet paid (the amount is computed again from the rule). */
export async function revokeReward(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof rewardStepBody>) {
  const zh = meta.lang === 'zh';
  const { advisor } = await readableAdvisor(db, actor, id);
  if (!mayDecideRewards(actor, advisor)) throw rewardsRestricted();
  const project = await findProjectByCode(db, input.projectCode);
  if (!project) throw notFound();
  return db.transaction(async (tx) => {
    const row = await lockReward(tx, project.id, input.year);
    if (!row || row.advisorId !== id) throw notFound();
    if (row.paidOn) throw new AppError('REWARD_STATE', { detail: zh ? '已兑现的奖励不能撤销审定' : 'a paid reward cannot be withdrawn' });
    await deleteReward(tx, project.id, input.year);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'advisor.reward.revoke',
      objectType: 'project',
      objectId: project.id,
      changes: { year: { before: input.year, after: null }, amountWan: { before: row.amountWan, after: null } },
    });
    // what the rule gives now, as the ledger will show it
    const line = (await rewardLedger(tx, [advisor], input.year)).find((l) => l.project.id === project.id);
    return { projectCode: project.code, year: input.year, amountWan: line?.amountWan ?? 0, status: 'computed' as const };
  });
}
