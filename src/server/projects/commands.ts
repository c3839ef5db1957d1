import type { DuplicateReason } from '../../shared/projects/match.ts';
import { mayList } from '../../shared/projects/lifecycle.ts';
import { clockNow } from '../../shared/calendar.ts';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Lang } from '../../shared/errors.ts';
import { parseAmount, round4 } from '../../shared/projects/amounts.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import {
  distinctiveBigrams,
  nameSimilarity,
  SIMILAR_INVESTOR,
  SIMILAR_NAME,
  SIMILAR_NAME_WITH_INVESTOR,
} from '../../shared/projects/search.ts';
import {
  CONTRACT_KINDS,
  STAGE_LABELS,
  STAGES,
  stageIndex,
  TERMINATION_REASONS,
  type ProjectStatus,
  type Stage,
} from '../../shared/projects/stages.ts';
import { tierIndex } from '../../shared/projects/tiers.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { moveProjectAttribution } from '../advisors/repository.ts';
import { moveProjectListings } from '../events/repository.ts';
import { appendAudit, appendAuditBatch, diffFields, subjectOf, type AuditEntry } from '../audit/recorder.ts';
import { assertInScope, type Actor, type RequestMeta, assertObjectInScope } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { readStringList, readTierLadder } from '../settings/repository.ts';
import { findUnit } from '../units/repository.ts';
import {
  DATE_FIELDS,
  normalizeProject,
  stageDatesOf,
  type InputProblem,
  type NormalizeContext,
  type ProjectInput,
  type ProjectValues,
} from './input.ts';
import { chainLabels } from '../chains/repository.ts';
import { RateTable } from './rates.ts';
import { findProjectByCode, relabelChains, type ListedProject, type ProjectRow } from './repository.ts';
import { projectArrivals, projectAttachments, projectCodeSequences, projectDuplicateFlags, projectEvents, projects } from './schema.ts';

export async function loadNormalizeContext(db: DbOrTx, lang: Lang): Promise<NormalizeContext> {
  const [rates, ladder, listed, drawn] = await Promise.all([
    RateTable.load(db),
    readTierLadder(db),
    readStringList(db, 'ledger.chains'),
    chainLabels(db),
  ]);
  // the ⚙ list of chain names, and every chain drawn in 产业链图谱 with its links (链名称/环节名称)
  return { lang, rates, ladder, chains: [...new Set([...listed, ...drawn])] };
}

export function validationError(problems: InputProblem[], lang: Lang): AppError {
  const errors = problems.filter((p) => p.severity === 'error');
  return new AppError(
    'VALIDATION',
    { detail: errors.map((p) => p.message).join('；') || (lang === 'zh' ? '数据不完整' : 'incomplete data') },
    { problems },
  );
}

/** `321084-2026-0017`: unit code, year, a per-unit-and-year sequence taken atomically. Never changes afterwards. */
export async function nextProjectCode(tx: DbOrTx, unitCode: string, year: number): Promise<string> {
  const [row] = await tx
    .insert(projectCodeSequences)
    .values({ unitCode, year, next: 2 })
    .onConflictDoUpdate({
      target: [projectCodeSequences.unitCode, projectCodeSequences.year],
      set: { next: sql`${projectCodeSequences.next} + 1` },
    })
    .returning({ next: projectCodeSequences.next });
  return `${unitCode}-${year}-${String((row?.next ?? 2) - 1).padStart(4, '0')}`;
}

/** The unit must be in scope; a park, when given, must be the unit itself or below it. */
export async function resolvePlacement(
  tx: DbOrTx,
  actor: Actor | null,
  unitCode: string,
  parkCode: string | null | undefined,
  lang: Lang,
): Promise<{ unitPath: string }> {
  const unit = await findUnit(tx, unitCode);
  if (!unit) throw new AppError('VALIDATION', { detail: lang === 'zh' ? `所属单位“${unitCode}”不存在` : `unknown unit ${unitCode}` });
  if (actor) assertInScope(actor, unit.path);
  if (parkCode) {
    const park = await findUnit(tx, parkCode);
    if (!park || park.level !== 'park' || !(park.path.startsWith(unit.path) || unit.path.startsWith(park.path)))
      throw new AppError('VALIDATION', { detail: lang === 'zh' ? '所选园区不属于该单位' : 'the park does not belong to the unit' });
  }
  return { unitPath: unit.path };
}

export const AUDITED_FIELDS = [
  'name',
  'content',
  'unitCode',
  'parkCode',
  'investorName',
  'investorCreditCode',
  'investorCountry',
  'investorProvince',
  'investorCity',
  'investorTags',
  'contacts',
  'capitalType',
  'currency',
  'exchangeRate',
  'rateDate',
  'totalInvestmentOrig',
  'totalInvestmentWan',
  'fixedAssetInvestmentOrig',
  'registeredCapitalOrig',
  'contractForeignCapitalUsdWan',
  'registeredForeignCapitalUsdWan',
  'projectType',
  'industrySection',
  'industryDivision',
  'chain',
  'levels',
  'leadSource',
  'sponsorLeader',
  'referrer',
  'responsibleUnit',
  'ownerUserId',
  'landMu',
  'factoryM2',
  'expectedOutputWan',
  'expectedTaxWan',
  'expectedJobs',
  'phases',
  'stage',
  'status',
  'terminationReason',
  'terminationNote',
  'terminatedOn',
  'firstReportedOn',
  'leadOn',
  'negotiatingOn',
  'signedOn',
  'registeredOn',
  'startedOn',
  'completedOn',
  'producingOn',
  'atCapacityOn',
  'listedOn',
  'plannedSignedOn',
  'plannedStartedOn',
  'plannedCompletedOn',
  'plannedProducingOn',
  'plannedRegisteredOn',
  'plannedAtCapacityOn',
  'contractKind',
  'contractAmountWan',
  'remarks',
] as const;

/** The editable record of a stored project, as input: an edit merges changes into it and normalizes the whole. */
export function inputFromRow(row: ProjectRow): ProjectInput {
  return {
    name: row.name,
    content: row.content,
    unitCode: row.unitCode,
    parkCode: row.parkCode,
    investorName: row.investorName,
    investorCreditCode: row.investorCreditCode,
    investorCountry: row.investorCountry,
    investorProvince: row.investorProvince,
    investorCity: row.investorCity,
    investorTags: row.investorTags,
    contacts: row.contacts,
    capitalType: row.capitalType,
    currency: row.currency,
    totalInvestment: row.totalInvestmentOrig,
    fixedAssetInvestment: row.fixedAssetInvestmentOrig,
    registeredCapital: row.registeredCapitalOrig,
    contractForeignCapital: row.contractForeignCapitalUsdWan,
    registeredForeignCapital: row.registeredForeignCapitalUsdWan,
    exchangeRate: row.exchangeRate,
    rateDate: row.rateDate,
    projectType: row.projectType,
    industrySection: row.industrySection,
    industryDivision: row.industryDivision,
    chain: row.chain,
    levels: row.levels,
    leadSource: row.leadSource,
    sponsorLeader: row.sponsorLeader,
    referrer: row.referrer,
    responsibleUnit: row.responsibleUnit,
    ownerUserId: row.ownerUserId,
    landMu: row.landMu,
    factoryM2: row.factoryM2,
    expectedOutputWan: row.expectedOutputWan,
    expectedTaxWan: row.expectedTaxWan,
    expectedJobs: row.expectedJobs,
    phases: row.phases,
    stage: row.stage,
    status: row.status,
    terminationReason: row.terminationReason,
    terminationNote: row.terminationNote,
    terminatedOn: row.terminatedOn,
    firstReportedOn: row.firstReportedOn,
    dates: stageDatesOf(row),
    listedOn: row.listedOn,
    planned: {
      signed: row.plannedSignedOn,
      registered: row.plannedRegisteredOn,
      started: row.plannedStartedOn,
      completed: row.plannedCompletedOn,
      producing: row.plannedProducingOn,
      atCapacity: row.plannedAtCapacityOn,
    },
    contractKind: row.contractKind,
    contractAmount: row.contractAmountWan,
    remarks: row.remarks,
  };
}

async function recordEvent(
  tx: DbOrTx,
  actor: Actor | null,
  event: Omit<typeof projectEvents.$inferInsert, 'recordedBy' | 'recordedByName'>,
) {
  const [row] = await tx
    .insert(projectEvents)
    .values({ ...event, recordedBy: actor?.userId ?? null, recordedByName: actor?.displayName ?? 'system', recordedAt: clockNow() })
    .returning({ id: projectEvents.id });
  return row!.id;
}

/**
 * Flags possible duplicates of a project: the same credit code anywhere (with a like name), the same name key in
 * another unit, or a very similar name or investor in another unit. Candidates come through indexes: the credit code,
 * the name key, and the GIN index on bigrams with a few distinctive bigrams of the name (never common filler).
 */
export async function flagDuplicates(
  tx: DbOrTx,
  project: Pick<ProjectRow, 'id' | 'name' | 'investorName' | 'investorCreditCode' | 'unitCode' | 'nameKey'>,
): Promise<number> {
  const flags: { otherProjectId: string; reason: DuplicateReason; score: number }[] = [];
  if (project.investorCreditCode) {
    const same = await tx
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(and(eq(projects.investorCreditCode, project.investorCreditCode), ne(projects.id, project.id)))
      .limit(20);
    // the same investor may have several genuine projects: a credit-code match counts when the names are alike too
    for (const other of same)
      if (nameSimilarity(other.name, project.name) >= SIMILAR_NAME_WITH_INVESTOR)
        flags.push({ otherProjectId: other.id, reason: 'credit_code', score: 1 });
  }
  const groups = distinctiveBigrams(project.name);
  const byKey = project.nameKey ? eq(projects.nameKey, project.nameKey) : undefined;
  const byGrams = groups.map((group) => sql`${projects.searchTokens} @> ${sql.param(group)}::text[]`);
  const candidateFilter = [byKey, ...byGrams].filter((c): c is NonNullable<typeof c> => Boolean(c));
  if (candidateFilter.length > 0) {
    const candidates = await tx
      .select({ id: projects.id, name: projects.name, investorName: projects.investorName, nameKey: projects.nameKey })
      .from(projects)
      .where(and(or(...candidateFilter), ne(projects.id, project.id), ne(projects.unitCode, project.unitCode)))
      .limit(50);
    for (const other of candidates) {
      if (flags.some((f) => f.otherProjectId === other.id)) continue;
      const nameScore = other.nameKey && other.nameKey === project.nameKey ? 1 : nameSimilarity(other.name, project.name);
      const investorScore = nameSimilarity(other.investorName, project.investorName);
      if (nameScore >= SIMILAR_NAME) flags.push({ otherProjectId: other.id, reason: 'similar_name', score: round4(nameScore) });
      else if (investorScore >= SIMILAR_INVESTOR && nameScore >= SIMILAR_NAME_WITH_INVESTOR)
        flags.push({ otherProjectId: other.id, reason: 'similar_investor', score: round4(investorScore) });
    }
  }
  if (flags.length > 0)
    await tx
      .insert(projectDuplicateFlags)
      .values(flags.map((f) => ({ ...f, projectId: project.id })))
      .onConflictDoNothing();
  return flags.length;
}

/** The same rules for a whole import at once, set-based: the same credit code with the same name key, or the same name key in another unit. */
export async function flagDuplicatesBatch(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`insert into ${projectDuplicateFlags} (project_id, other_project_id, reason, score)
    select n.id, o.id, case when n.investor_credit_code is not null and n.investor_credit_code = o.investor_credit_code then 'credit_code' else 'similar_name' end, 1
    from ${projects} n join ${projects} o on o.id <> n.id and o.name_key = n.name_key and n.name_key <> ''
      and (o.unit_code <> n.unit_code or (n.investor_credit_code is not null and o.investor_credit_code = n.investor_credit_code))
    where n.id = any(${sql.param(ids)}::uuid[])
    on conflict do nothing`);
}

export async function createProject(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  input: ProjectInput,
): Promise<{ project: ListedProject; warnings: InputProblem[]; duplicates: number }> {
  const context = await loadNormalizeContext(db, meta.lang);
  const { values, problems } = normalizeProject(input, context);
  if (!values) throw validationError(problems, meta.lang);
  const { code } = await db.transaction((tx) => insertProject(tx, actor, meta, values));
  const project = (await findProjectByCode(db, code))!;
  const duplicates = await db
    .select({ id: projectDuplicateFlags.id })
    .from(projectDuplicateFlags)
    .where(and(eq(projectDuplicateFlags.projectId, project.id), eq(projectDuplicateFlags.status, 'open')));
  return { project, warnings: problems.filter((p) => p.severity === 'warning'), duplicates: duplicates.length };
}

/** Inserts a normalized project inside the caller's transaction, with its code, event, duplicate flags and audit row. */
export async function insertProject(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  values: ProjectValues,
): Promise<{ id: string; code: string }> {
  const { unitPath } = await resolvePlacement(tx, actor, values.unitCode, values.parkCode, meta.lang);
  const year = Number((values.firstReportedOn ?? todayIso()).slice(0, 4));
  const projectCode = await nextProjectCode(tx, values.unitCode, year);
  const [created] = await tx
    .insert(projects)
    .values({ ...values, code: projectCode, unitPath, createdBy: actor.userId, createdAt: clockNow(), updatedAt: clockNow() })
    .returning();
  if (!created) throw new Error('insert returned nothing');
  await recordEvent(tx, actor, { projectId: created.id, kind: 'created', stage: created.stage, eventDate: created.existsFrom });
  await flagDuplicates(tx, created);
  await appendAudit(tx, subjectOf(actor), meta, {
    action: 'project.create',
    objectType: 'project',
    objectId: projectCode,
    changes: diffFields(null, created, AUDITED_FIELDS),
  });
  return { id: created.id, code: projectCode };
}

async function loadForChange(tx: DbOrTx, actor: Actor, code: string, version: number): Promise<ProjectRow> {
  const [row] = await tx.select().from(projects).where(eq(projects.code, code)).for('update');
  if (!row) throw notFound();
  assertObjectInScope(actor, row.unitPath);
  if (row.version !== version) throw conflict({ version: row.version, updatedAt: row.updatedAt.toISOString() });
  return row;
}

/** Saves a whole new record state (normalized), with its audit row and an event; refuses stale versions. */
async function saveChange(db: Db, actor: Actor, meta: RequestMeta, code: string, version: number, change: ProjectChange) {
  const context = await loadNormalizeContext(db, meta.lang);
  return db.transaction(async (tx) => applyChange(tx, actor, meta, await loadForChange(tx, actor, code, version), context, change));
}

type ProjectChange = (row: ProjectRow) => {
  input: ProjectInput;
  action: string;
  event?: Omit<typeof projectEvents.$inferInsert, 'projectId' | 'recordedBy' | 'recordedByName'>;
  reason?: string;
};

async function applyChange(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  before: ProjectRow,
  context: NormalizeContext,
  change: ProjectChange,
) {
  const { input, action, event, reason } = change(before);
  const { values, problems } = normalizeProject(input, { ...context, today: todayIso() });
  if (!values) throw validationError(problems, meta.lang);
  // exists_from keeps the original entry day when nothing earlier is known
  const existsFromValue = values.firstReportedOn || STAGES.some((s) => values[DATE_FIELDS[s]]) ? values.existsFrom : before.existsFrom;
  let unitPath = before.unitPath;
  if (values.unitCode !== before.unitCode || values.parkCode !== before.parkCode)
    unitPath = (await resolvePlacement(tx, actor, values.unitCode, values.parkCode, meta.lang)).unitPath;
  const [after] = await tx
    .update(projects)
    .set({ ...(values as ProjectValues), existsFrom: existsFromValue, unitPath, version: before.version + 1, updatedAt: clockNow() })
    .where(eq(projects.id, before.id))
    .returning();
  if (!after) throw notFound();
  if (event) await recordEvent(tx, actor, { ...event, projectId: after.id });
  if (after.name !== before.name || after.investorCreditCode !== before.investorCreditCode) await flagDuplicates(tx, after);
  await appendAudit(tx, subjectOf(actor), meta, {
    action,
    objectType: 'project',
    objectId: before.code,
    changes: diffFields(before, after, AUDITED_FIELDS),
    ...(reason ? { detail: reason } : {}),
  });
  return { warnings: problems.filter((p) => p.severity === 'warning') };
}

/** Edits a project's facts inside the caller's transaction (a submission applied to the ledger), whatever its version. */
export async function updateProjectIn(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  projectId: string,
  context: NormalizeContext,
  changes: ProjectInput,
  action: string,
) {
  const [before] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
  if (!before) throw notFound();
  assertObjectInScope(actor, before.unitPath);
  return applyChange(tx, actor, meta, before, context, (row) => ({ input: { ...inputFromRow(row), ...changes }, action }));
}

const LIFECYCLE_KEYS = ['stage', 'status', 'dates', 'listedOn', 'terminatedOn', 'terminationReason', 'terminationNote'] as const;

/** Edits the record's facts. The lifecycle (stage, its dates, status) changes only through transitions and corrections. */
export async function updateProject(db: Db, actor: Actor, meta: RequestMeta, code: string, version: number, changes: ProjectInput) {
  for (const key of LIFECYCLE_KEYS) if (key in changes && changes[key] !== undefined) delete changes[key];
  return saveChange(db, actor, meta, code, version, (row) => ({ input: { ...inputFromRow(row), ...changes }, action: 'project.update' }));
}

export interface TransitionInput {
  stage: Stage;
  date?: string | null | undefined;
  evidence?: string | null | undefined;
  contractKind?: string | null | undefined;
  contractAmount?: number | string | null | undefined;
}

/** Advances a project to a later stage (stages may be skipped) with its date and evidence. */
export async function transitionProject(db: Db, actor: Actor, meta: RequestMeta, code: string, version: number, input: TransitionInput) {
  const zh = meta.lang === 'zh';
  return saveChange(db, actor, meta, code, version, (row) => {
    if (row.status === 'terminated')
      throw new AppError('VALIDATION', { detail: zh ? '项目已终止，不能推进阶段' : 'the project is terminated' });
    if (stageIndex(input.stage) <= stageIndex(row.stage as Stage))
      throw new AppError('VALIDATION', {
        detail: zh
          ? `只能推进到“${STAGE_LABELS[row.stage as Stage].zh}”之后的阶段；更正已有日期请用“更正”`
          : 'a transition moves forward; use a correction to fix a past date',
      });
    const needsDate = stageIndex(input.stage) >= stageIndex('signed');
    if (needsDate && !input.date)
      throw new AppError('VALIDATION', { detail: zh ? `推进到“${STAGE_LABELS[input.stage].zh}”须填写日期` : 'the date is required' });
    if (input.stage === 'signed') {
      if (!input.contractKind || !(CONTRACT_KINDS as readonly string[]).includes(input.contractKind))
        throw new AppError('VALIDATION', { detail: zh ? '签约须选择合同类型（意向、框架、正式）' : 'a signing needs its contract kind' });
      const amount = parseAmount(input.contractAmount ?? null);
      if (!amount.ok) throw new AppError('VALIDATION', { detail: zh ? '签约须填写合同金额' : 'a signing needs its contract amount' });
    }
    const base = inputFromRow(row);
    return {
      input: {
        ...base,
        stage: input.stage,
        dates: { ...base.dates, [input.stage]: input.date ?? null },
        ...(input.stage === 'signed' ? { contractKind: input.contractKind ?? null, contractAmount: input.contractAmount ?? null } : {}),
      },
      action: 'project.transition',
      event: {
        kind: 'stage',
        stage: input.stage,
        fromStage: row.stage,
        eventDate: input.date ?? todayIso(),
        evidence: input.evidence ?? null,
        details: input.stage === 'signed' ? { contractKind: input.contractKind, contractAmount: input.contractAmount } : null,
      },
    };
  });
}

/** Corrects the date of a stage already passed (or clears an earlier one). Needs a reason; audited. */
export async function correctStageDate(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  version: number,
  input: { stage: Stage | 'listed'; date: string | null; reason: string },
) {
  const zh = meta.lang === 'zh';
  if (input.reason.trim().length < 2) throw new AppError('VALIDATION', { detail: zh ? '更正须说明原因' : 'a correction needs a reason' });
  return saveChange(db, actor, meta, code, version, (row) => {
    const base = inputFromRow(row);
    if (input.stage === 'listed')
      return {
        input: { ...base, listedOn: input.date },
        action: 'project.correct',
        reason: input.reason,
        event: { kind: 'correction', stage: 'listed', eventDate: input.date, reason: input.reason, details: { before: row.listedOn } },
      };
    if (stageIndex(input.stage) > stageIndex(row.stage as Stage))
      throw new AppError('VALIDATION', { detail: zh ? '只能更正已经过的阶段' : 'only stages already passed can be corrected' });
    const before = base.dates?.[input.stage] ?? null;
    return {
      input: { ...base, dates: { ...base.dates, [input.stage]: input.date } },
      action: 'project.correct',
      reason: input.reason,
      event: { kind: 'correction', stage: input.stage, eventDate: input.date, reason: input.reason, details: { before } },
    };
  });
}

/** 入库列统: needs 开工 and 计划总投资 ≥ 500万元 (checked by the lifecycle rules). */
export async function listProject(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  version: number,
  input: { date: string; evidence?: string | null | undefined },
) {
  return saveChange(db, actor, meta, code, version, (row) => {
    if (!mayList({ stage: row.stage as Stage, status: row.status as ProjectStatus, listedOn: row.listedOn }))
      throw new AppError('VALIDATION', {
        detail: meta.lang === 'zh' ? '项目开工后方可登记上市，且只登记一次' : 'a listing is recorded once, after the project has started',
      });
    return {
      input: { ...inputFromRow(row), listedOn: input.date },
      action: 'project.list',
      event: { kind: 'listed', stage: 'listed', eventDate: input.date, evidence: input.evidence ?? null },
    };
  });
}

/** 正常 / 暂停 / 终止 (with a reason code and date). */
export async function setProjectStatus(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  version: number,
  input: {
    status: 'normal' | 'paused' | 'terminated';
    date?: string | null | undefined;
    reason?: string | null | undefined;
    note?: string | null | undefined;
  },
) {
  const zh = meta.lang === 'zh';
  if (input.status === 'terminated' && (!input.reason || !(TERMINATION_REASONS as readonly string[]).includes(input.reason)))
    throw new AppError('VALIDATION', { detail: zh ? '终止须选择原因' : 'a termination needs its reason' });
  return saveChange(db, actor, meta, code, version, (row) => ({
    input: {
      ...inputFromRow(row),
      status: input.status,
      terminatedOn: input.status === 'terminated' ? (input.date ?? todayIso()) : null,
      terminationReason: input.status === 'terminated' ? (input.reason ?? null) : null,
      terminationNote: input.status === 'terminated' ? (input.note ?? null) : null,
    },
    action: 'project.status',
    event: {
      kind: 'status',
      stage: input.status,
      eventDate: input.date ?? todayIso(),
      reason: input.reason ?? null,
      evidence: input.note ?? null,
    },
  }));
}

/** 到资: records an arrival of funds (实际到账 for foreign capital), converted at the month's rate. */
export async function addArrival(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  input: {
    date: string;
    amount: number | string;
    currency?: string | undefined;
    foreign?: boolean | undefined;
    note?: string | null | undefined;
  },
) {
  const zh = meta.lang === 'zh';
  const rates = await RateTable.load(db);
  return db.transaction(async (tx) => {
    const row = await findProjectByCode(tx, code);
    if (!row) throw notFound();
    assertObjectInScope(actor, row.unitPath);
    const parsed = parseAmount(input.amount);
    if (!parsed.ok) throw new AppError('VALIDATION', { detail: zh ? '到资金额无法识别' : 'unreadable amount' });
    const currency = parsed.currency ?? input.currency ?? row.currency;
    const rate = rates.rate(currency, input.date);
    const usd = rates.rate('USD', input.date);
    if (!rate) throw new AppError('VALIDATION', { detail: zh ? '缺少该币种的汇率' : 'no rate for that currency' });
    if (input.date > todayIso())
      throw new AppError('VALIDATION', { detail: zh ? '到资日期不能晚于今天' : 'the date cannot be in the future' });
    const [arrival] = await tx
      .insert(projectArrivals)
      .values({
        projectId: row.id,
        arrivedOn: input.date,
        currency,
        amountOrig: parsed.wan,
        exchangeRate: rate,
        amountWan: round4(parsed.wan * rate),
        amountUsdWan: usd ? round4((parsed.wan * rate) / usd) : null,
        isForeign: (input.foreign ?? row.capitalType !== 'domestic') ? 1 : 0,
        note: input.note ?? null,
        recordedBy: actor.userId,
      })
      .returning();
    await recordEvent(tx, actor, {
      projectId: row.id,
      kind: 'arrival',
      eventDate: input.date,
      details: { amountWan: arrival!.amountWan, currency },
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'project.arrival',
      objectType: 'project',
      objectId: code,
      changes: { arrival: { before: null, after: { date: input.date, amount: parsed.wan, currency } } },
    });
    return arrival!;
  });
}

/** A reviewer resolves a duplicate flag: dismiss it, or merge the flagged project into the other (its history moves; it is removed). */
export async function resolveDuplicate(db: Db, actor: Actor, meta: RequestMeta, flagId: string, action: 'dismiss' | 'merge') {
  return db.transaction(async (tx) => {
    const [flag] = await tx.select().from(projectDuplicateFlags).where(eq(projectDuplicateFlags.id, flagId));
    if (!flag) throw notFound();
    const [duplicate] = await tx.select().from(projects).where(eq(projects.id, flag.projectId));
    const [kept] = await tx.select().from(projects).where(eq(projects.id, flag.otherProjectId));
    if (!duplicate || !kept) throw notFound();
    assertObjectInScope(actor, duplicate.unitPath);
    assertObjectInScope(actor, kept.unitPath);
    if (flag.status !== 'open') throw conflict({ status: flag.status });
    if (action === 'dismiss') {
      await tx
        .update(projectDuplicateFlags)
        .set({ status: 'dismissed', resolvedBy: actor.userId, resolvedAt: clockNow() })
        .where(eq(projectDuplicateFlags.id, flagId));
      await appendAudit(tx, subjectOf(actor), meta, {
        action: 'project.duplicate_dismiss',
        objectType: 'project',
        objectId: duplicate.code,
        detail: `not a duplicate of ${kept.code}`,
      });
      return { status: 'dismissed' as const };
    }
    await tx.update(projectEvents).set({ projectId: kept.id }).where(eq(projectEvents.projectId, duplicate.id));
    await tx.update(projectArrivals).set({ projectId: kept.id }).where(eq(projectArrivals.projectId, duplicate.id));
    await tx.update(projectAttachments).set({ projectId: kept.id }).where(eq(projectAttachments.projectId, duplicate.id));
    // the events that listed it and the advisor who brought it follow it (their owners move them)
    await moveProjectListings(tx, duplicate.id, kept.id);
    await moveProjectAttribution(tx, duplicate.id, kept.id);
    await tx
      .update(projectDuplicateFlags)
      .set({ status: 'merged', resolvedBy: actor.userId, resolvedAt: clockNow() })
      .where(eq(projectDuplicateFlags.id, flagId));
    await tx
      .delete(projectDuplicateFlags)
      .where(or(eq(projectDuplicateFlags.projectId, duplicate.id), eq(projectDuplicateFlags.otherProjectId, duplicate.id)));
    await recordEvent(tx, actor, {
      projectId: kept.id,
      kind: 'merged',
      details: { mergedCode: duplicate.code, mergedName: duplicate.name },
    });
    await tx.delete(projects).where(eq(projects.id, duplicate.id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'project.merge',
      objectType: 'project',
      objectId: duplicate.code,
      changes: diffFields(duplicate, null, AUDITED_FIELDS),
      detail: `merged into ${kept.code}`,
    });
    return { status: 'merged' as const, keptCode: kept.code };
  });
}

/** When the tier ladder setting changes, every project's tier is recomputed in the same transaction. */
export async function recomputeTiers(tx: DbOrTx, ladder: { yi: number; usdWan: number }[]): Promise<void> {
  const domestic = ladder.map((step) => sql`(case when ${projects.totalInvestmentWan} >= ${step.yi * 10_000} then 1 else 0 end)`);
  const foreign = ladder.map((step) => sql`(case when coalesce(${projects.totalInvestmentUsdWan}, 0) >= ${step.usdWan} then 1 else 0 end)`);
  await tx.update(projects).set({
    tierIndex: sql`case when ${projects.capitalType} = 'domestic' then ${sql.join(domestic, sql` + `)} else ${sql.join(foreign, sql` + `)} end`,
  });
}

export { tierIndex };

/** An evidence file of a project (image, PDF, scan), stored with its audit row. */
export async function attachFile(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  project: { id: string; code: string },
  file: { filename: string; mimetype: string; data: Buffer },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(projectAttachments)
      .values({
        projectId: project.id,
        filename: file.filename.slice(0, 200),
        mimeType: file.mimetype.slice(0, 100),
        size: file.data.length,
        data: file.data,
        uploadedBy: actor.userId,
      })
      .returning({ id: projectAttachments.id });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'project.attach',
      objectType: 'project',
      objectId: project.code,
      detail: `${file.filename} (${file.data.length} bytes)`,
    });
    return inserted!;
  });
}

/**
 * Places projects on links of a chain (产业链 `链名称` → `链名称/环节名称`), in one transaction with an audit row per
 * project; a project outside the caller's units, or a label no chain has, refuses the whole batch.
 */
export async function placeOnChainLinks(db: Db, actor: Actor, meta: RequestMeta, placements: readonly { code: string; chain: string }[]) {
  const zh = meta.lang === 'zh';
  const context = await loadNormalizeContext(db, meta.lang);
  for (const p of placements)
    if (!context.chains.includes(p.chain))
      throw new AppError('VALIDATION', { detail: zh ? `产业链环节“${p.chain}”不存在` : `no chain link ${p.chain}` });
  return db.transaction(async (tx) => {
    const codes = placements.map((p) => p.code);
    const rows = codes.length ? await tx.select().from(projects).where(inArray(projects.code, codes)).for('update') : [];
    const byCode = new Map(rows.map((row) => [row.code, row]));
    const entries: AuditEntry[] = [];
    for (const p of placements) {
      const before = byCode.get(p.code);
      if (!before) throw new AppError('VALIDATION', { detail: zh ? `项目“${p.code}”不存在` : `no project ${p.code}` });
      assertObjectInScope(actor, before.unitPath);
      if (before.chain === p.chain) continue;
      const [after] = await tx
        .update(projects)
        .set({ chain: p.chain, version: before.version + 1, updatedAt: clockNow() })
        .where(eq(projects.id, before.id))
        .returning();
      entries.push({
        action: 'project.update',
        objectType: 'project',
        objectId: before.code,
        changes: diffFields(before, after!, AUDITED_FIELDS),
        detail: zh ? '归入产业链环节' : 'placed on a chain link',
      });
    }
    await appendAuditBatch(tx, subjectOf(actor), meta, entries);
    return { placed: entries.length };
  });
}

/**
 * A chain or link renamed: its projects' 产业链 follows in the chain's transaction (`tx`), one audit row per project.
 * `except` are the subtrees that keep an own chain of the same name (their labels name that one).
 */
export async function relabelChainProjects(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  change: { scopePath: string; renames: ReadonlyMap<string, string>; except: readonly string[] },
): Promise<number> {
  const changed = await relabelChains(tx, change.scopePath, change.renames, change.except, clockNow());
  await appendAuditBatch(
    tx,
    subjectOf(actor),
    meta,
    changed.map(({ before, after }) => ({
      action: 'project.update',
      objectType: 'project',
      objectId: before.code,
      changes: diffFields(before, after, AUDITED_FIELDS),
      detail: meta.lang === 'zh' ? '产业链环节更名' : 'chain link renamed',
    })),
  );
  return changed.length;
}
