// Company writes, each in one transaction with its audit rows: a company entered or changed by hand, deleted, or a
// whole sheet imported (all or nothing; re-import reconciles by credit code, else by name — never a duplicate).
import { clockNow } from '../../shared/calendar.ts';
import { appendAudit, appendAuditBatch, diffFields, subjectOf, type AuditEntry } from '../audit/recorder.ts';
import { linksByName } from '../chains/repository.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { assertObjectInScope, inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { findUnit, listUnits } from '../units/repository.ts';
import { normalizeCompany, type CompanyContext, type CompanyDraft, type CompanyField, type CompanyProblem } from './input.ts';
import {
  AUDITED,
  companiesMatching,
  deleteCompanyRow,
  findCompany,
  insertCompanies,
  linksOfCompanies,
  replaceCompanyLinks,
  updateCompanyRow,
  type CompanyLink,
  type CompanyRow,
  type CompanyValues,
} from './repository.ts';

/** Units by code or name and chain links by name, as the caller sees them (read once per form or sheet). */
export async function companyContext(db: DbOrTx, actor: Actor, lang: RequestMeta['lang']): Promise<CompanyContext> {
  const [scope, links, own] = await Promise.all([
    listUnits(db, { scopePath: actor.unitPath }),
    linksByName(db, actor.unitPath),
    findUnit(db, actor.unitCode),
  ]);
  if (!own) throw notFound();
  const byCode = new Map(scope.map((unit) => [unit.code, unit]));
  const byName = new Map<string, (typeof scope)[number]>();
  for (const unit of scope) if (!byName.has(unit.name)) byName.set(unit.name, unit);
  return {
    lang,
    ownUnit: own,
    unitOf: (text) => byCode.get(text) ?? byName.get(text),
    // the nearest chain of that name drawn at the company's unit or above it (a district's own copy before its city's)
    linkOf: (unitPath, chain, link) => {
      const found = links.find((l) => l.chainName === chain && l.name === link && unitPath.startsWith(l.chainPath));
      return found ? { chainId: found.chainId, linkKey: found.key } : undefined;
    },
  };
}

function invalid(problems: CompanyProblem[], lang: RequestMeta['lang']) {
  return new AppError(
    'VALIDATION',
    { detail: problems.map((p) => p.message).join('；') || (lang === 'zh' ? '数据不完整' : 'incomplete data') },
    { problems },
  );
}

const sameLinks = (a: readonly CompanyLink[], b: readonly CompanyLink[]) => {
  const key = (l: CompanyLink) => `${l.chainId}/${l.linkKey}`;
  return a.length === b.length && a.map(key).sort().join() === b.map(key).sort().join();
};

/** The fields of a company that differ from the values (links aside). */
const changedFields = (before: CompanyRow, values: CompanyValues) => diffFields(before, { ...before, ...values }, AUDITED);

async function refuseDuplicate(tx: DbOrTx, values: CompanyValues, lang: RequestMeta['lang'], except?: string) {
  const clash = (await companiesMatching(tx, values.creditCode ? [values.creditCode] : [], values.creditCode ? [] : [values.name])).find(
    (row) => row.id !== except && (values.creditCode ? row.creditCode === values.creditCode : row.name === values.name && !row.creditCode),
  );
  if (clash) throw new AppError('DUPLICATE', { what: lang === 'zh' ? `企业“${clash.name}”` : `company ${clash.name}` });
}

export async function createCompany(db: Db, actor: Actor, meta: RequestMeta, draft: CompanyDraft) {
  const { values, links, problems } = normalizeCompany(draft, await companyContext(db, actor, meta.lang));
  if (!values) throw invalid(problems, meta.lang);
  return db.transaction(async (tx) => {
    await refuseDuplicate(tx, values, meta.lang);
    const [created] = await insertCompanies(tx, [
      { ...values, pipelineStage: values.kind === 'target' ? 'target' : null, createdBy: actor.userId },
    ]);
    if (!created) throw new Error('insert returned nothing');
    await replaceCompanyLinks(tx, new Map([[created.id, links]]));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'company.create',
      objectType: 'company',
      objectId: created.id,
      changes: { ...diffFields(null, created, AUDITED), links: { before: null, after: links } },
    });
    return created.id;
  });
}

export async function updateCompany(db: Db, actor: Actor, meta: RequestMeta, id: string, draft: CompanyDraft & { version: number }) {
  const context = await companyContext(db, actor, meta.lang);
  return db.transaction(async (tx) => {
    const before = await findCompany(tx, id);
    if (!before) throw notFound();
    assertObjectInScope(actor, before.unitPath);
    if (before.version !== draft.version) throw conflict({ version: before.version });
    const { values, links, problems } = normalizeCompany(draft, context);
    if (!values) throw invalid(problems, meta.lang);
    await refuseDuplicate(tx, values, meta.lang, id);
    const beforeLinks = (await linksOfCompanies(tx, [id])).get(id) ?? [];
    await updateCompanyRow(tx, id, { ...values, version: before.version + 1, updatedAt: clockNow() });
    await replaceCompanyLinks(tx, new Map([[id, links]]));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'company.update',
      objectType: 'company',
      objectId: id,
      changes: {
        ...changedFields(before, values),
        ...(sameLinks(beforeLinks, links) ? {} : { links: { before: beforeLinks, after: links } }),
      },
    });
    return id;
  });
}

export async function deleteCompany(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await findCompany(tx, id);
    if (!before) throw notFound();
    assertObjectInScope(actor, before.unitPath);
    await deleteCompanyRow(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'company.delete',
      objectType: 'company',
      objectId: id,
      changes: diffFields(before, null, AUDITED),
    });
  });
}

export interface ImportRow {
  /** the sheet's row number */
  row: number;
  draft: CompanyDraft;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  errors: { row: number; column: string; message: string }[];
}

/**
 * A sheet of companies, all or nothing: every row checked first (errors by row and column, nothing written), then
 * each row matched to the register by credit code, else by exact name — a match is updated, the rest created.
 */
export async function importCompanies(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  rows: readonly ImportRow[],
  header: (field: CompanyField) => string,
  dryRun: boolean,
): Promise<ImportResult> {
  const zh = meta.lang === 'zh';
  const context = await companyContext(db, actor, meta.lang);
  const errors: ImportResult['errors'] = [];
  const parsed: { row: number; values: CompanyValues; links: CompanyLink[] }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, draft } of rows) {
    const { values, links, problems } = normalizeCompany(draft, context);
    for (const problem of problems) errors.push({ row, column: header(problem.field), message: problem.message });
    if (!values) continue;
    const identity = values.creditCode ? `code:${values.creditCode}` : `name:${values.name}`;
    const earlier = firstRowOf.get(identity);
    if (earlier !== undefined) {
      errors.push({
        row,
        column: header(values.creditCode ? 'creditCode' : 'name'),
        message: zh ? `与第 ${earlier} 行是同一家企业` : `the same company as row ${earlier}`,
      });
      continue;
    }
    firstRowOf.set(identity, row);
    parsed.push({ row, values, links });
  }
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, dryRun, errors };

  return db.transaction(async (tx) => {
    const existing = await companiesMatching(
      tx,
      parsed.flatMap((p) => (p.values.creditCode ? [p.values.creditCode] : [])),
      parsed.map((p) => p.values.name),
    );
    const byCode = new Map(existing.filter((c) => c.creditCode).map((c) => [c.creditCode!, c]));
    const byName = new Map<string, CompanyRow[]>();
    for (const c of existing) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    const currentLinks = await linksOfCompanies(
      tx,
      existing.map((c) => c.id),
    );
    const creates: typeof parsed = [];
    const updates: { before: CompanyRow; values: CompanyValues; links: CompanyLink[] }[] = [];
    let unchanged = 0;
    const taken = new Set<string>();
    for (const item of parsed) {
      // by credit code; else by name — a row without a code matches a company of that name (one only)
      const byItsName = byName.get(item.values.name) ?? [];
      const match =
        (item.values.creditCode && byCode.get(item.values.creditCode)) ||
        (byItsName.length === 1 && (!item.values.creditCode || !byItsName[0]!.creditCode) ? byItsName[0] : undefined);
      if (!match) {
        creates.push(item);
        continue;
      }
      if (taken.has(match.id)) {
        errors.push({
          row: item.row,
          column: header('name'),
          message: zh ? '与表中另一行匹配到同一家企业' : 'matches the same company as another row',
        });
        continue;
      }
      taken.add(match.id);
      if (!inScope(actor, match.unitPath)) {
        errors.push({
          row: item.row,
          column: header('name'),
          message: zh ? `企业“${match.name}”已由其他单位登记，不能在此修改` : `${match.name} is kept by another unit`,
        });
        continue;
      }
      const fields = changedFields(match, item.values);
      if (Object.keys(fields).length === 0 && sameLinks(currentLinks.get(match.id) ?? [], item.links)) unchanged++;
      else updates.push({ before: match, values: item.values, links: item.links });
    }
    if (errors.length) return { created: 0, updated: 0, unchanged: 0, dryRun, errors };
    const result = { created: creates.length, updated: updates.length, unchanged, dryRun, errors: [] };
    if (dryRun) return result;

    const now = clockNow();
    const created = await insertCompanies(
      tx,
      creates.map((c) => ({
        ...c.values,
        pipelineStage: c.values.kind === 'target' ? ('target' as const) : null,
        createdBy: actor.userId,
      })),
    );
    for (const update of updates)
      await updateCompanyRow(tx, update.before.id, { ...update.values, version: update.before.version + 1, updatedAt: now });
    const links = new Map<string, CompanyLink[]>();
    created.forEach((row, i) => links.set(row.id, creates[i]!.links));
    for (const update of updates) links.set(update.before.id, update.links);
    await replaceCompanyLinks(tx, links);
    const entries: AuditEntry[] = [
      ...created.map((row, i) => ({
        action: 'company.import',
        objectType: 'company',
        objectId: row.id,
        changes: { ...diffFields(null, row, AUDITED), links: { before: null, after: creates[i]!.links } },
      })),
      ...updates.map((update) => ({
        action: 'company.import',
        objectType: 'company',
        objectId: update.before.id,
        changes: changedFields(update.before, update.values),
      })),
    ];
    await appendAuditBatch(tx, subjectOf(actor), meta, entries);
    return result;
  });
}
