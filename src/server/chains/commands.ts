// Chain writes, each in one transaction with its audit row: draw a chain, edit its links, adopt a chain of a unit
// above, delete one that no company sits on.
import { z } from 'zod';
import { clockNow } from '../../shared/calendar.ts';
import { linkProblems, SEGMENTS } from '../../shared/chains/rules.ts';
import { isWithin } from '../../shared/units.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { assertInScope, assertObjectInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { companiesOfChain, companiesOnLinks } from '../companies/repository.ts';
import { relabelChainProjects } from '../projects/commands.ts';
import { countByChainLabel } from '../projects/repository.ts';
import { findUnit } from '../units/repository.ts';
import {
  AUDITED,
  chainNameTaken,
  deleteChainRow,
  findChain,
  insertChain,
  ownCopiesBelow,
  updateChainRow,
  writeLinks,
} from './repository.ts';

const words = z.array(z.string().trim().min(1).max(40)).max(50).optional();
export const linkBody = z.object({
  key: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(40),
  segment: z.enum(SEGMENTS),
  parent: z.string().trim().max(40).nullish(),
  keywords: words,
  products: words,
});
export const chainBody = z.object({
  unit: z.string().regex(/^\d{6,15}$/),
  name: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .refine((name) => !/[/／]/.test(name), { message: '链名称不能含“/” / no "/" in a chain name' }),
  description: z.string().trim().max(500).nullish(),
  links: z.array(linkBody).max(300),
});
export type ChainInput = z.infer<typeof chainBody>;
type LinkInputBody = z.infer<typeof linkBody>;

function checkLinks(links: readonly LinkInputBody[], lang: RequestMeta['lang']) {
  const problems = linkProblems(links, lang);
  if (problems.length) throw new AppError('VALIDATION', { detail: problems.join('；') }, { problems });
}

const linkRows = (links: readonly LinkInputBody[]) =>
  links.map((link, position) => ({
    key: link.key,
    name: link.name,
    segment: link.segment,
    parentKey: link.parent || null,
    keywords: link.keywords ?? [],
    products: link.products ?? [],
    position,
  }));

/** A chain may be written by the unit that drew it and the units above it. */
async function writableChain(tx: DbOrTx, actor: Actor, id: string) {
  const chain = await findChain(tx, id);
  if (!chain) throw notFound();
  // a unit below reads its city's chain but may not change it: 403 names why; a chain elsewhere does not exist
  if (!isWithin(chain.unitPath, actor.unitPath)) {
    if (isWithin(actor.unitPath, chain.unitPath)) throw new AppError('FORBIDDEN');
    assertObjectInScope(actor, chain.unitPath);
  }
  return chain;
}

export async function createChain(db: Db, actor: Actor, meta: RequestMeta, input: ChainInput, adoptedFrom: string | null = null) {
  checkLinks(input.links, meta.lang);
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unit);
    if (!unit)
      throw new AppError('VALIDATION', { detail: meta.lang === 'zh' ? `单位“${input.unit}”不存在` : `unknown unit ${input.unit}` });
    assertInScope(actor, unit.path);
    if (await chainNameTaken(tx, unit.code, input.name))
      throw new AppError('DUPLICATE', { what: meta.lang === 'zh' ? `产业链“${input.name}”` : `chain ${input.name}` });
    const created = await insertChain(tx, {
      unitCode: unit.code,
      unitPath: unit.path,
      name: input.name,
      description: input.description || null,
      adoptedFrom,
      createdBy: actor.userId,
    });
    await writeLinks(tx, created.id, linkRows(input.links));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: adoptedFrom ? 'chain.adopt' : 'chain.create',
      objectType: 'chain',
      objectId: created.id,
      changes: { ...diffFields(null, created, AUDITED), links: { before: null, after: input.links.map((link) => link.name) } },
    });
    return { id: created.id };
  });
}

export async function updateChain(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: Omit<ChainInput, 'unit'> & { version: number },
) {
  checkLinks(input.links, meta.lang);
  return db.transaction(async (tx) => {
    const before = await writableChain(tx, actor, id);
    if (before.version !== input.version) throw conflict({ version: before.version });
    if (input.name !== before.name && (await chainNameTaken(tx, before.unitCode, input.name, id)))
      throw new AppError('DUPLICATE', { what: meta.lang === 'zh' ? `产业链“${input.name}”` : `chain ${input.name}` });
    const kept = new Set(input.links.map((link) => link.key));
    const removed = before.links.filter((link) => !kept.has(link.key));
    const inUse = await companiesOnLinks(
      tx,
      id,
      removed.map((link) => link.key),
    );
    // projects labelled after the chain: a removed link's refuse the edit, renamed ones follow it
    const except = await ownCopiesBelow(tx, before);
    const label = (chain: string, link: string) => `${chain}/${link}`;
    const projectsOn = await countByChainLabel(
      tx,
      before.unitPath,
      removed.map((link) => label(before.name, link.name)),
      except,
    );
    const blocked = removed.filter((link) => inUse.has(link.key) || projectsOn.has(label(before.name, link.name)));
    if (blocked.length) throw new AppError('CHAIN_LINK_IN_USE', { links: blocked.map((link) => link.name).join('、') });
    const renames = new Map<string, string>();
    if (input.name !== before.name) renames.set(before.name, input.name);
    for (const link of before.links) {
      const next = input.links.find((l) => l.key === link.key);
      if (next && (next.name !== link.name || input.name !== before.name))
        renames.set(label(before.name, link.name), label(input.name, next.name));
    }
    const relabelled = await relabelChainProjects(tx, actor, meta, { scopePath: before.unitPath, renames, except });
    await updateChainRow(tx, id, {
      name: input.name,
      description: input.description || null,
      version: before.version + 1,
      updatedAt: clockNow(),
    });
    await writeLinks(tx, id, linkRows(input.links));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'chain.update',
      objectType: 'chain',
      objectId: id,
      changes: {
        ...diffFields(before, { ...before, name: input.name, description: input.description || null }, AUDITED),
        links: { before: before.links.map((link) => link.name), after: input.links.map((link) => link.name) },
        ...(relabelled ? { projectsRelabelled: { before: null, after: relabelled } } : {}),
      },
    });
    return { id };
  });
}

/** A district or park takes its own copy of a chain of a unit above it (same name, same links), to edit as its own. */
export async function adoptChain(db: Db, actor: Actor, meta: RequestMeta, id: string, unitCode: string) {
  const source = await findChain(db, id);
  if (!source) throw notFound();
  const unit = await findUnit(db, unitCode);
  if (!unit) throw notFound();
  if (!isWithin(unit.path, source.unitPath) || unit.code === source.unitCode)
    throw new AppError('VALIDATION', {
      detail: meta.lang === 'zh' ? '只能由下级单位承接上级单位的产业链' : 'a chain is adopted by a unit below the one that drew it',
    });
  return createChain(
    db,
    actor,
    meta,
    {
      unit: unit.code,
      name: source.name,
      description: source.description,
      links: source.links.map((link) => ({
        key: link.key,
        name: link.name,
        segment: link.segment,
        parent: link.parentKey,
        keywords: link.keywords,
        products: link.products,
      })),
    },
    source.id,
  );
}

export async function deleteChain(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await writableChain(tx, actor, id);
    const projectsOn = await countByChainLabel(
      tx,
      before.unitPath,
      [before.name, ...before.links.map((link) => `${before.name}/${link.name}`)],
      await ownCopiesBelow(tx, before),
    );
    if ((await companiesOfChain(tx, id)) > 0 || projectsOn.size > 0)
      throw new AppError('CHAIN_LINK_IN_USE', {
        links: before.links
          .map((link) => link.name)
          .slice(0, 5)
          .join('、'),
      });
    await deleteChainRow(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'chain.delete',
      objectType: 'chain',
      objectId: id,
      changes: diffFields(before, null, AUDITED),
    });
  });
}
