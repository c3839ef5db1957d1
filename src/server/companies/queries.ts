// Reading the pipeline: the funnel of a unit's companies (by chain, tag, assignee or unit) and the aftercare list of
// its local firms — computed from the live tables on every request.
import {
  COMPANY_TAG_LABELS,
  FUNNEL_STAGES,
  funnelIndex,
  funnelOf,
  type CompanyTag,
  type PipelineStage,
} from '../../shared/chains/rules.ts';
import { addDays } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { Lang } from '../../shared/errors.ts';
import { linkNamesOf } from '../chains/repository.ts';
import type { DbOrTx } from '../db/client.ts';
import { projectsBriefByIds } from '../projects/repository.ts';
import { unitNamesByCodes } from '../units/repository.ts';
import { userNamesByIds } from '../users/repository.ts';
import { aftercareRows, funnelRows, type CompanyFilter } from './repository.ts';

export type FunnelBy = 'chain' | 'tag' | 'assignee' | 'unit';

interface FunnelRow {
  stage: PipelineStage;
  furthest: Exclude<PipelineStage, 'dropped'>;
}

function funnelOfRows(rows: readonly FunnelRow[]) {
  const reached = funnelOf(rows.map((row) => row.furthest));
  return {
    total: rows.length,
    dropped: rows.filter((row) => row.stage === 'dropped').length,
    stages: reached.map((step) => ({ ...step, count: rows.filter((row) => row.stage === step.stage).length })),
  };
}

/**
 * The funnel of the companies in the pipeline: with a year, those that entered it that year (a cohort, as the
 * ledger's rates count); each step counts the companies that reached it or went further, 放弃 ones by how far they
 * got before.
 */
export async function pipelineFunnel(db: DbOrTx, filter: CompanyFilter, year: number | null, by: FunnelBy | undefined, lang: Lang) {
  const rows = (await funnelRows(db, filter))
    .filter((row) => year === null || row.entered.slice(0, 4) === String(year))
    .map((row) => {
      const stage = (row.stage ?? 'target') as PipelineStage;
      const index = Math.max(funnelIndex(stage), row.furthest ? funnelIndex(row.furthest as PipelineStage) : -1, 0);
      return { ...row, stage, furthest: FUNNEL_STAGES[index]! };
    });
  const groups: { key: string; name: string; rows: typeof rows }[] = [];
  if (by) {
    const keysOf = (row: (typeof rows)[number]): string[] =>
      by === 'chain'
        ? row.chains
        : by === 'tag'
          ? row.tags
          : by === 'assignee'
            ? [row.assigneeId ?? '']
            : [row.assignedUnitCode ?? row.unitCode];
    const byKey = new Map<string, typeof rows>();
    for (const row of rows) for (const key of keysOf(row)) byKey.set(key, [...(byKey.get(key) ?? []), row]);
    const keys = [...byKey.keys()];
    const names =
      by === 'chain'
        ? await linkNamesOf(db, keys).then((n) => (key: string) => n.chainName(key))
        : by === 'assignee'
          ? await userNamesByIds(db, keys.filter(Boolean)).then(
              (n) => (key: string) => n.get(key)?.displayName ?? (lang === 'zh' ? '未指定' : 'unassigned'),
            )
          : by === 'unit'
            ? await unitNamesByCodes(db, keys).then((n) => (key: string) => n.get(key) ?? key)
            : (key: string) => COMPANY_TAG_LABELS[key as CompanyTag]?.[lang] ?? key;
    for (const [key, list] of byKey) groups.push({ key, name: names(key), rows: list });
    groups.sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name, 'zh'));
  }
  return {
    ...funnelOfRows(rows),
    groups: groups.map((group) => ({ key: group.key, name: group.name, ...funnelOfRows(group.rows) })),
  };
}

/** 增资扩产 watch: the subtree's local firms, last contact and visit, open intentions, and those not visited in `days`. */
export async function aftercare(db: DbOrTx, scopePath: string, days: number) {
  const since = addDays(todayIso(), -days);
  const rows = await aftercareRows(db, scopePath);
  const projects = await projectsBriefByIds(
    db,
    rows.flatMap((row) => (row.company.projectId ? [row.company.projectId] : [])),
  );
  return rows.map((row) => {
    const project = row.company.projectId ? projects.get(row.company.projectId) : undefined;
    const stage = row.stage as PipelineStage | null;
    return {
      id: row.company.id,
      name: row.company.name,
      unitCode: row.company.unitCode,
      unitName: row.unitName,
      tags: row.company.tags as CompanyTag[],
      lastContactOn: row.lastContactOn,
      lastVisitOn: row.lastVisitOn,
      due: !row.lastVisitOn || row.lastVisitOn < since,
      pipelineStage: stage,
      openIntention: stage === 'intent' || stage === 'negotiating',
      project: project ? { code: project.code, name: project.name, stage: project.stage as Stage } : null,
    };
  });
}
