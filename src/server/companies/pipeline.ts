// 招商推进: a company's stage, its assignment (交办 down the hierarchy, accepted or returned), its contacts — each
// write in one transaction with its history and audit rows. 在谈 creates the ledger project linked to the company;
// the ledger's 签约 makes the company signed (read from the project, so no write path can forget it).
import { z } from 'zod';
import { clockNow } from '../../shared/calendar.ts';
import {
  codeOf,
  CONTACT_KIND_LABELS,
  CONTACT_KINDS,
  linkLabel,
  PIPELINE_STAGE_LABELS,
  PIPELINE_STAGES,
  stageAfterContact,
  type PipelineStage,
} from '../../shared/chains/rules.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { isWithin } from '../../shared/units.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { linkNamesOf } from '../chains/repository.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { assertInScope, inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, hiddenObject, notFound } from '../http/errors.ts';
import { insertProject, loadNormalizeContext, validationError } from '../projects/commands.ts';
import { normalizeProject } from '../projects/input.ts';
import { findUnit } from '../units/repository.ts';
import { findActiveUserByUsername } from '../users/repository.ts';
import {
  AUDITED,
  findCompany,
  insertCompanyEvent,
  insertContact,
  linksOfCompanies,
  lockCompany,
  updateCompanyRow,
  type CompanyRow,
} from './repository.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const pipelineBody = z.object({
  stage: z.string().trim().min(1).max(20),
  assignee: z.string().trim().max(60).nullish(),
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .nullish(),
  reason: z.string().trim().max(500).nullish(),
  /** the ledger project 在谈 creates (its name, investment and capital type; the company's facts fill the rest) */
  project: z
    .object({
      name: z.string().trim().max(200).nullish(),
      totalInvestment: z.union([z.string().max(40), z.number()]).nullish(),
      capitalType: z.string().max(20).nullish(),
      unit: z
        .string()
        .regex(/^\d{6,15}$/)
        .nullish(),
    })
    .nullish(),
  version: z.number().int().optional(),
});
export const contactBody = z.object({
  on: isoDay,
  kind: z.string().trim().min(1).max(20),
  summary: z.string().trim().min(1).max(2000),
  counterpart: z.string().trim().max(100).nullish(),
  nextStep: z.string().trim().max(500).nullish(),
  nextOn: isoDay.nullish(),
});
export const assignmentBody = z.object({ action: z.enum(['accept', 'return']), note: z.string().trim().max(500).nullish() });

/** Who may work on a company: the units it belongs to (its own, or the one it is assigned to) and the units above them. */
export function assertWorkable(actor: Actor, company: Pick<CompanyRow, 'unitPath' | 'assignedUnitPath' | 'kind'>): void {
  if (inScope(actor, company.unitPath) || (company.assignedUnitPath && inScope(actor, company.assignedUnitPath))) return;
  // a target kept above is read below it but worked on only once assigned there
  if (company.kind === 'target' && isWithin(actor.unitPath, company.unitPath)) throw new AppError('FORBIDDEN');
  throw hiddenObject();
}

async function loadForWork(tx: DbOrTx, actor: Actor, id: string) {
  await lockCompany(tx, id);
  const company = await findCompany(tx, id);
  if (!company) throw notFound();
  assertWorkable(actor, company);
  return company;
}

const event = (actor: Actor, values: Omit<Parameters<typeof insertCompanyEvent>[1], 'byUserId' | 'byName' | 'on'>) => ({
  ...values,
  byUserId: actor.userId,
  byName: actor.displayName,
  on: todayIso(),
});

export async function setPipeline(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof pipelineBody>) {
  const zh = meta.lang === 'zh';
  const stage = codeOf(PIPELINE_STAGES, PIPELINE_STAGE_LABELS, input.stage);
  if (!stage)
    throw new AppError('VALIDATION', {
      detail: zh
        ? `阶段须为：${PIPELINE_STAGES.map((s) => PIPELINE_STAGE_LABELS[s].zh).join('、')}`
        : `stage: one of ${PIPELINE_STAGES.join(', ')}`,
    });
  const context = await loadNormalizeContext(db, meta.lang);
  return db.transaction(async (tx) => {
    const before = await loadForWork(tx, actor, id);
    if (input.version !== undefined && input.version !== before.version) throw conflict({ version: before.version });
    const current = (before.pipelineStage ?? 'target') as PipelineStage;
    if (stage === 'signed' && current !== 'signed')
      throw new AppError('VALIDATION', {
        detail: zh
          ? '签约以项目台账为准：请在关联的台账项目中登记签约，企业随之变为“签约”'
          : 'a signing is entered on the ledger project; the company follows it',
      });
    if (current === 'signed' && stage !== 'signed')
      throw new AppError('VALIDATION', { detail: zh ? '该企业的项目已在台账中签约' : 'the company’s project is signed on the ledger' });
    if (stage === 'dropped' && !input.reason)
      throw new AppError('VALIDATION', { detail: zh ? '放弃须填写原因' : 'dropping a company needs a reason' });

    const changes: Partial<CompanyRow> = {};
    const events: Parameters<typeof insertCompanyEvent>[1][] = [];
    if (stage !== current || before.pipelineStage === null) {
      changes.pipelineStage = stage;
      changes.dropReason = stage === 'dropped' ? (input.reason ?? null) : null;
      events.push(
        event(actor, { companyId: id, kind: 'stage', fromStage: before.pipelineStage, toStage: stage, note: input.reason ?? null }),
      );
    }
    // 交办: to a unit of the caller's scope, to be accepted or returned there
    if (input.unit && input.unit !== before.assignedUnitCode) {
      const unit = await findUnit(tx, input.unit);
      if (!unit) throw new AppError('VALIDATION', { detail: zh ? `单位“${input.unit}”不存在` : `unknown unit ${input.unit}` });
      assertInScope(actor, unit.path);
      Object.assign(changes, {
        assignedUnitCode: unit.code,
        assignedUnitPath: unit.path,
        assignmentStatus: 'pending',
        assignmentNote: null,
      });
      events.push(event(actor, { companyId: id, kind: 'assign', unitCode: unit.code, note: input.reason ?? null }));
    }
    if (input.assignee !== undefined && input.assignee !== null) {
      const user = input.assignee ? await findActiveUserByUsername(tx, input.assignee) : undefined;
      if (input.assignee && (!user || !inScope(actor, user.unitPath)))
        throw new AppError('VALIDATION', {
          detail: zh ? `跟踪人“${input.assignee}”不存在或不在您的管辖范围内` : `no user ${input.assignee} in your jurisdiction`,
        });
      changes.assigneeId = user?.id ?? null;
    }
    // 在谈: the ledger project, made once and linked
    if (stage === 'negotiating' && !before.projectId)
      changes.projectId = await createLedgerProject(tx, actor, meta, context, before, input.project ?? {});
    if (Object.keys(changes).length === 0) return { id, changed: false };
    await updateCompanyRow(tx, id, { ...changes, version: before.version + 1, updatedAt: clockNow() });
    for (const e of events) await insertCompanyEvent(tx, e);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'company.pipeline',
      objectType: 'company',
      objectId: id,
      changes: diffFields(before, { ...before, ...changes }, AUDITED),
      ...(input.reason ? { detail: input.reason } : {}),
    });
    return { id, changed: true };
  });
}

/** The ledger project of a company brought to 在谈: the company as investor, its first chain link, its industry. */
async function createLedgerProject(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  context: Awaited<ReturnType<typeof loadNormalizeContext>>,
  company: CompanyRow,
  project: NonNullable<z.infer<typeof pipelineBody>['project']>,
): Promise<string> {
  const zh = meta.lang === 'zh';
  const links = (await linksOfCompanies(tx, [company.id])).get(company.id) ?? [];
  const names = await linkNamesOf(
    tx,
    links.map((l) => l.chainId),
  );
  const chain = links[0] ? linkLabel(names.chainName(links[0].chainId), names.linkName(links[0].chainId, links[0].linkKey)) : null;
  // the project belongs where the work is: the unit asked for, else the assigned unit, else the company's own
  const unitCode = project.unit ?? company.assignedUnitCode ?? company.unitCode;
  const today = todayIso();
  const { values, problems } = normalizeProject(
    {
      unitCode,
      name: project.name || (zh ? `${company.name}投资项目` : `${company.name} investment project`),
      investorName: company.name,
      investorCreditCode: company.creditCode,
      capitalType: project.capitalType ?? 'domestic',
      totalInvestment: project.totalInvestment ?? null,
      industrySection: company.industrySection,
      industryDivision: company.industryDivision,
      chain,
      stage: 'negotiating',
      firstReportedOn: today,
      dates: { negotiating: today },
      remarks: zh ? '由招商推进（企业库）转入' : 'from the outreach pipeline',
    },
    { ...context, today },
  );
  if (!values) throw validationError(problems, meta.lang);
  return (await insertProject(tx, actor, meta, values)).id;
}

export async function answerAssignment(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof assignmentBody>) {
  const zh = meta.lang === 'zh';
  return db.transaction(async (tx) => {
    await lockCompany(tx, id);
    const before = await findCompany(tx, id);
    if (!before) throw notFound();
    if (!before.assignedUnitPath || !inScope(actor, before.assignedUnitPath)) {
      assertWorkable(actor, before);
      throw new AppError('VALIDATION', { detail: zh ? '该企业未交办给您的单位' : 'the company is not assigned to your unit' });
    }
    if (input.action === 'return' && !input.note)
      throw new AppError('VALIDATION', { detail: zh ? '退回须说明原因' : 'a return needs a reason' });
    const changes = {
      assignmentStatus: input.action === 'accept' ? ('accepted' as const) : ('returned' as const),
      assignmentNote: input.note ?? null,
    };
    await updateCompanyRow(tx, id, { ...changes, version: before.version + 1, updatedAt: clockNow() });
    await insertCompanyEvent(tx, event(actor, { companyId: id, kind: input.action, unitCode: actor.unitCode, note: input.note ?? null }));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: `company.assignment.${input.action}`,
      objectType: 'company',
      objectId: id,
      changes: diffFields(before, { ...before, ...changes }, AUDITED),
    });
    return { id };
  });
}

export async function addContact(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof contactBody>) {
  const zh = meta.lang === 'zh';
  const kind = codeOf(CONTACT_KINDS, CONTACT_KIND_LABELS, input.kind);
  if (!kind)
    throw new AppError('VALIDATION', {
      detail: zh
        ? `方式须为：${CONTACT_KINDS.map((k) => CONTACT_KIND_LABELS[k].zh).join('、')}`
        : `kind: one of ${CONTACT_KINDS.join(', ')}`,
    });
  const today = todayIso();
  if (input.on > today) throw new AppError('VALIDATION', { detail: zh ? '走访日期不能晚于今天' : 'the contact cannot be in the future' });
  if (input.nextOn && input.nextOn < input.on)
    throw new AppError('VALIDATION', { detail: zh ? '下一步日期不能早于本次日期' : 'the next step cannot come before this contact' });
  if (input.nextOn && !input.nextStep)
    throw new AppError('VALIDATION', { detail: zh ? '填写了下一步日期，请同时填写下一步工作' : 'say what the next step is' });
  return db.transaction(async (tx) => {
    const before = await loadForWork(tx, actor, id);
    const contact = await insertContact(tx, {
      companyId: id,
      on: input.on,
      kind,
      counterpart: input.counterpart || null,
      summary: input.summary,
      nextStep: input.nextStep || null,
      nextOn: input.nextOn || null,
      byUserId: actor.userId,
      byName: actor.displayName,
      unitCode: actor.unitCode,
    });
    const current = before.pipelineStage as PipelineStage | null;
    // a contact brings a company on (a call: 已联系; a visit: 已拜访); a local firm's aftercare visit leaves it out of the
    // pipeline until someone puts it there (an 增资 intention)
    const next = current === null && before.kind === 'local' ? null : stageAfterContact(current ?? 'target', kind);
    if (next !== current) {
      await updateCompanyRow(tx, id, { pipelineStage: next, version: before.version + 1, updatedAt: clockNow() });
      await insertCompanyEvent(tx, event(actor, { companyId: id, kind: 'stage', fromStage: current, toStage: next, note: null }));
    }
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'company.contact',
      objectType: 'company',
      objectId: id,
      changes: { contact: { before: null, after: { on: input.on, kind, summary: input.summary } } },
    });
    return contact;
  });
}
