import { eq, inArray, sql } from 'drizzle-orm';
import { defaultDocNumberPattern, formatDocNumber, validDocNumberPattern } from '../../shared/bulletins/docNumber.ts';
import { clockNow, monthEnd } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { isMonthKey } from '../../shared/reporting/periods.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { can, inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, forbidden, notFound, outOfScope } from '../http/errors.ts';
import { findUnit, type UnitRow } from '../units/repository.ts';
import { findBulletin, findProfile, issuedForPeriod, numbersTaken, previousIssued, type BulletinRow } from './repository.ts';
import { bulletinProfiles, bulletins } from './schema.ts';
import { buildBulletin, defaultAsOf } from './snapshot.ts';

/** Serializes signing per unit, so 期数 and 文号 never repeat. */
const BULLETIN_LOCK = 7_426_006;

export type OnExisting = 'replace' | 'add';

const may = {
  draft: (actor: Actor) => can(actor, 'business:write') || can(actor, 'business:review'),
  sign: (actor: Actor) => can(actor, 'business:review'),
};

/** The unit's numbering and 落款, or the defaults. */
export async function bulletinProfile(db: DbOrTx, unit: Pick<UnitRow, 'code' | 'name' | 'shortName'>) {
  const stored = await findProfile(db, unit.code);
  return {
    unitCode: unit.code,
    docNumberPattern: stored?.docNumberPattern ?? defaultDocNumberPattern(unit.shortName),
    issuerName: stored?.issuerName ?? unit.name,
    custom: Boolean(stored),
  };
}

async function unitInScope(db: Db, actor: Actor, code: string) {
  const unit = await findUnit(db, code);
  if (!unit) throw notFound();
  if (!inScope(actor, unit.path)) throw outOfScope();
  return unit;
}

function checkPeriod(period: string, asOf: string | undefined, zh: boolean): string {
  if (!isMonthKey(period))
    throw new AppError('VALIDATION', { detail: zh ? `月份“${period}”格式应为 YYYY-MM` : `period ${period} must be YYYY-MM` });
  const today = todayIso();
  if (period > today.slice(0, 7))
    throw new AppError('VALIDATION', {
      detail: zh ? `不能签发未来月份（${period}）的通报` : `cannot issue a bulletin for a future month (${period})`,
    });
  if (asOf === undefined) return defaultAsOf(period);
  if (asOf < `${period}-01` || asOf > monthEnd(period) || asOf > today)
    throw new AppError('VALIDATION', {
      detail: zh ? `截止日期须在 ${period} 月内且不晚于今天` : `the as-of day must fall within ${period} and not after today`,
    });
  return asOf;
}

async function snapshot(db: Db, unit: UnitRow, period: string, asOf: string, issuedBy: string) {
  const [previous, profile, taken] = await Promise.all([
    previousIssued(db, unit.code, period),
    bulletinProfile(db, unit),
    numbersTaken(db, unit.code, period.slice(0, 4)),
  ]);
  const content = await buildBulletin(db, unit, period, {
    asOf,
    number: taken + 1,
    issuer: profile.issuerName,
    issuedBy,
    previous: previous ? { id: previous.id, content: previous.content } : null,
  });
  return { content, previousId: previous?.id ?? null };
}

/**
 * Drafts the bulletin of a unit and month (its figures as of the period's end, or `asOf`), or — for a reviewer who
 * does not ask for a draft — drafts and signs it at once. Reading happens before the transaction (PGlite has one
 * connection: a long read inside the write would block everything else).
 */
export async function createBulletin(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  input: {
    unit: string;
    period: string;
    asOf?: string | undefined;
    draft?: boolean | undefined;
    onExisting?: OnExisting | undefined;
    signedOn?: string | undefined;
  },
) {
  const zh = meta.lang === 'zh';
  if (!may.draft(actor)) throw forbidden();
  const asOf = checkPeriod(input.period, input.asOf, zh);
  const unit = await unitInScope(db, actor, input.unit);
  if (input.signedOn && (input.signedOn > todayIso() || input.signedOn < asOf))
    throw new AppError('VALIDATION', {
      detail: zh ? `签发日期须在统计截止日（${asOf}）与今天之间` : `the signing day must fall between the as-of day (${asOf}) and today`,
    });
  const { content, previousId } = await snapshot(db, unit, input.period, asOf, actor.displayName);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bulletins)
      .values({
        unitCode: unit.code,
        unitPath: unit.path,
        period: input.period,
        asOf,
        status: 'draft',
        number: null,
        title: content.title,
        content,
        previousId,
        createdBy: actor.username,
        issuedBy: actor.username,
        issuedAt: clockNow(),
      })
      .returning({ id: bulletins.id });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.draft',
      objectType: 'bulletin',
      objectId: String(row!.id),
      changes: { unit: unit.code, period: input.period, asOf },
    });
    return row!.id;
  });
  // the API's one-step issue (a reviewer signing what they create): a second bulletin of the month is added unless told otherwise
  if (!input.draft && may.sign(actor))
    return { id, ...(await issueBulletin(db, actor, meta, id, { onExisting: input.onExisting ?? 'add', signedOn: input.signedOn })) };
  return { id, status: 'draft' as const };
}

async function loadForChange(tx: DbOrTx, actor: Actor, id: number, version: number | undefined): Promise<BulletinRow> {
  const row = await findBulletin(tx, id, true);
  if (!row || !inScope(actor, row.unitPath)) throw notFound();
  if (version !== undefined && row.version !== version) throw conflict({ version: row.version, status: row.status });
  return row;
}

const notInState = (zh: boolean, row: BulletinRow) =>
  new AppError('VALIDATION', {
    detail: zh
      ? `该通报当前为“${STATUS_ZH[row.status] ?? row.status}”，不能进行此操作`
      : `the bulletin is ${row.status}; that is not possible now`,
  });
const STATUS_ZH: Record<string, string> = { draft: '草稿', review: '待签发', issued: '已签发', void: '已作废' };

/** Reads the figures again (still as of the draft's day): a draft shows the ledger as it is when it is refreshed. */
export async function refreshBulletin(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { version: number; asOf?: string | undefined },
) {
  const zh = meta.lang === 'zh';
  if (!may.draft(actor)) throw forbidden();
  const current = await findBulletin(db, id);
  if (!current || !inScope(actor, current.unitPath)) throw notFound();
  if (current.status !== 'draft' && current.status !== 'review') throw notInState(zh, current);
  const asOf = checkPeriod(current.period, input.asOf ?? current.asOf ?? undefined, zh);
  const unit = (await findUnit(db, current.unitCode))!;
  const { content, previousId } = await snapshot(db, unit, current.period, asOf, actor.displayName);
  return db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, id, input.version);
    if (row.status !== 'draft' && row.status !== 'review') throw notInState(zh, row);
    await tx
      .update(bulletins)
      .set({ asOf, content, previousId, title: content.title, version: row.version + 1 })
      .where(eq(bulletins.id, id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.refresh',
      objectType: 'bulletin',
      objectId: String(id),
      changes: { asOf: { before: row.asOf, after: asOf } },
    });
    return { id, status: row.status };
  });
}

/** 草稿 → 待签发. */
export async function submitBulletin(db: Db, actor: Actor, meta: RequestMeta, id: number, input: { version: number }) {
  if (!may.draft(actor)) throw forbidden();
  return db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, id, input.version);
    if (row.status !== 'draft') throw notInState(meta.lang === 'zh', row);
    await tx
      .update(bulletins)
      .set({ status: 'review', submittedBy: actor.username, submittedAt: clockNow(), version: row.version + 1 })
      .where(eq(bulletins.id, id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.submit',
      objectType: 'bulletin',
      objectId: String(id),
      changes: { status: { before: 'draft', after: 'review' } },
    });
    return { id, status: 'review' as const };
  });
}

/** 待签发 → 草稿, with the reviewer's comment. */
export async function returnBulletin(db: Db, actor: Actor, meta: RequestMeta, id: number, input: { version: number; comment: string }) {
  if (!may.sign(actor)) throw forbidden();
  return db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, id, input.version);
    if (row.status !== 'review') throw notInState(meta.lang === 'zh', row);
    await tx
      .update(bulletins)
      .set({ status: 'draft', reviewComment: input.comment.trim(), version: row.version + 1 })
      .where(eq(bulletins.id, id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.return',
      objectType: 'bulletin',
      objectId: String(id),
      changes: { status: { before: 'review', after: 'draft' } },
      detail: input.comment.trim(),
    });
    return { id, status: 'draft' as const };
  });
}

/**
 * 签发: numbers the bulletin (第N期 and 文号 under the unit's lock), dates its 落款 and freezes it. When the month
 * already has a signed bulletin, the caller says whether this one replaces it (the old one becomes 作废, still readable)
 * or adds another; without a word, 409 BULLETIN_EXISTS names the ones there.
 */
export async function issueBulletin(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { version?: number | undefined; onExisting?: OnExisting | undefined; signedOn?: string | undefined },
) {
  const zh = meta.lang === 'zh';
  if (!may.sign(actor)) throw forbidden();
  const signedOn = input.signedOn ?? todayIso();
  if (signedOn > todayIso())
    throw new AppError('VALIDATION', { detail: zh ? '签发日期不能晚于今天' : 'the signing day cannot be after today' });
  return db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, id, input.version);
    if (row.status !== 'draft' && row.status !== 'review') throw notInState(zh, row);
    if (row.asOf && signedOn < row.asOf)
      throw new AppError('VALIDATION', {
        detail: zh ? `签发日期不能早于统计截止日（${row.asOf}）` : `the signing day cannot precede the as-of day (${row.asOf})`,
      });
    await tx.execute(sql`select pg_advisory_xact_lock(${BULLETIN_LOCK}, hashtext(${row.unitCode}))`);
    const existing = (await issuedForPeriod(tx, row.unitCode, row.period)).filter((b) => b.id !== id);
    if (existing.length > 0 && !input.onExisting)
      throw new AppError(
        'BULLETIN_EXISTS',
        { period: row.period, issued: existing.map((b) => b.docNumber ?? `第${b.number}期`).join(zh ? '、' : ', ') },
        { existing: existing.map((b) => ({ id: b.id, number: b.number, docNumber: b.docNumber, signedOn: b.signedOn })) },
      );
    const unit = (await findUnit(tx, row.unitCode))!;
    const profile = await bulletinProfile(tx, unit);
    const number = (await numbersTaken(tx, row.unitCode, row.period.slice(0, 4))) + 1;
    const docNumber = formatDocNumber(profile.docNumberPattern, { year: signedOn.slice(0, 4), n: number });
    const issuedAt = clockNow();
    const content = {
      ...row.content,
      number,
      docNumber,
      signedOn,
      issuer: profile.issuerName,
      issuedAt: issuedAt.toISOString(),
      issuedBy: actor.displayName,
    };
    await tx
      .update(bulletins)
      .set({ status: 'issued', number, docNumber, signedOn, content, issuedBy: actor.username, issuedAt, version: row.version + 1 })
      .where(eq(bulletins.id, id));
    const replaced = input.onExisting === 'replace' ? existing.map((b) => b.id) : [];
    if (replaced.length)
      await tx
        .update(bulletins)
        .set({ status: 'void', voidedAt: issuedAt, voidedBy: actor.username, replacedBy: id, version: sql`${bulletins.version} + 1` })
        .where(inArray(bulletins.id, replaced));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.issue',
      objectType: 'bulletin',
      objectId: String(id),
      changes: { unit: row.unitCode, period: row.period, number, docNumber, signedOn, ...(replaced.length ? { replaces: replaced } : {}) },
    });
    return { status: 'issued' as const, number, docNumber, replaced };
  });
}

/** A draft nobody will sign is thrown away (signed ones never are). */
export async function discardBulletin(db: Db, actor: Actor, meta: RequestMeta, id: number, input: { version: number }) {
  if (!may.draft(actor)) throw forbidden();
  await db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, id, input.version);
    if (row.status !== 'draft') throw notInState(meta.lang === 'zh', row);
    await tx.delete(bulletins).where(eq(bulletins.id, id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.discard',
      objectType: 'bulletin',
      objectId: String(id),
      changes: { unit: row.unitCode, period: row.period },
    });
  });
}

/** ⚙ the unit's 文号 pattern and 落款, set by its reviewers. */
export async function saveBulletinProfile(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  input: { docNumberPattern: string; issuerName: string },
) {
  const zh = meta.lang === 'zh';
  if (!may.sign(actor)) throw forbidden();
  const unit = await unitInScope(db, actor, code);
  const pattern = input.docNumberPattern.trim();
  if (!validDocNumberPattern(pattern))
    throw new AppError('VALIDATION', {
      detail: zh
        ? '文号格式须包含 {n}（序号），可含 {year}（年份），如 扬商通〔{year}〕{n}号'
        : 'the pattern needs {n} and may hold {year}, e.g. 扬商通〔{year}〕{n}号',
    });
  const issuerName = input.issuerName.trim();
  return db.transaction(async (tx) => {
    const before = await bulletinProfile(tx, unit);
    await tx
      .insert(bulletinProfiles)
      .values({ unitCode: unit.code, docNumberPattern: pattern, issuerName, updatedBy: actor.username, updatedAt: clockNow() })
      .onConflictDoUpdate({
        target: bulletinProfiles.unitCode,
        set: { docNumberPattern: pattern, issuerName, updatedBy: actor.username, updatedAt: clockNow() },
      });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'bulletin.profile',
      objectType: 'unit',
      objectId: unit.code,
      changes: {
        docNumberPattern: { before: before.docNumberPattern, after: pattern },
        issuerName: { before: before.issuerName, after: issuerName },
      },
    });
    return bulletinProfile(tx, unit);
  });
}
