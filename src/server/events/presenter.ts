// Events as the API sends them: codes, dates and amounts in 万元 / 万美元, never display text.
import { eventTotals } from '../../shared/staff/events.ts';
import type { ProjectLine } from '../projects/repository.ts';
import type { EventRow } from './repository.ts';

export type ListedProject = ProjectLine & { onSite: boolean };

/** The event's listed projects that still exist, in announced order. */
export const listedLines = (listed: { projectId: string; onSite: boolean }[], lines: Map<string, ProjectLine>): ListedProject[] =>
  listed.flatMap((l) => {
    const line = lines.get(l.projectId);
    return line ? [{ ...line, onSite: l.onSite }] : [];
  });

export const presentEventSummary = (event: EventRow, unitName: string, projects: ListedProject[]) => ({
  id: event.id,
  unitCode: event.unitCode,
  unitName,
  kind: event.kind,
  name: event.name,
  on: event.heldOn,
  place: event.place,
  organiser: event.organiser,
  version: event.version,
  ...eventTotals(projects),
  onSiteCount: projects.filter((p) => p.onSite).length,
});

export const presentEvent = (event: EventRow, unitName: string, projects: ListedProject[]) => ({
  ...presentEventSummary(event, unitName, projects),
  note: event.note,
  createdByName: event.createdByName,
  projects: projects.map((p) => ({
    code: p.code,
    name: p.name,
    unitCode: p.unitCode,
    unitName: p.unitName,
    investorName: p.investorName,
    capitalType: p.capitalType,
    chain: p.chain,
    stage: p.stage,
    status: p.status,
    totalInvestmentWan: p.totalInvestmentWan,
    totalInvestmentUsdWan: p.totalInvestmentUsdWan,
    signedOn: p.signedOn,
    onSite: p.onSite,
  })),
});
