// Advisors as the API sends them: codes, dates and amounts; the phone masked for those who may not see contacts.
import { inTerm } from '../../shared/staff/advisors.ts';
import { maskContacts } from '../projects/presenter.ts';
import type { ProjectLine } from '../projects/repository.ts';
import type { LedgerLine } from './queries.ts';
import type { AdvisorRow } from './repository.ts';

export const presentAdvisorSummary = (a: AdvisorRow, unitName: string, projects: number, today: string, contactsVisible: boolean) => ({
  id: a.id,
  unitCode: a.unitCode,
  unitName,
  name: a.name,
  organisation: a.organisation,
  title: a.title,
  field: a.field,
  phone: a.phone && !contactsVisible ? (maskContacts([{ name: '', phone: a.phone }])[0]?.phone ?? null) : a.phone,
  appointedOn: a.appointedOn,
  termEnd: a.termEnd,
  inTerm: inTerm(today, a.appointedOn, a.termEnd),
  publicServant: a.publicServant,
  projects,
  version: a.version,
});

const signed = (p: ProjectLine) => p.signedOn !== null && p.status !== 'terminated';

export const presentAdvisor = (
  a: AdvisorRow,
  unitName: string,
  attributed: (ProjectLine & { attributedOn: string })[],
  today: string,
  access: { contactsVisible: boolean; rewardsVisible: boolean; rewardsDecidable: boolean },
) => ({
  ...presentAdvisorSummary(a, unitName, attributed.length, today, access.contactsVisible),
  note: a.note,
  attributed: attributed.map((p) => ({
    code: p.code,
    name: p.name,
    unitName: p.unitName,
    investorName: p.investorName,
    stage: p.stage,
    status: p.status,
    totalInvestmentWan: p.totalInvestmentWan,
    signedOn: p.signedOn,
    attributedOn: p.attributedOn,
  })),
  signedCount: attributed.filter(signed).length,
  signedInvestmentWan: attributed.filter(signed).reduce((sum, p) => sum + p.totalInvestmentWan, 0),
  rewardsVisible: access.rewardsVisible,
  rewardsDecidable: access.rewardsDecidable,
});

export const presentLedgerLine = (l: LedgerLine) => ({
  advisorId: l.advisor.id,
  advisorName: l.advisor.name,
  projectCode: l.project.code,
  projectName: l.project.name,
  projectType: l.project.projectType,
  basis: l.basis,
  basisWan: l.basisWan,
  perMille: l.perMille,
  earlierWan: l.earlierWan,
  amountWan: l.amountWan,
  capped: l.capped,
  exclusion: l.exclusion,
  status: l.status,
  approvedAt: l.approvedAt?.toISOString() ?? null,
  paidOn: l.paidOn,
});

export function ledgerTotals(lines: LedgerLine[]) {
  const sum = (status: LedgerLine['status']) => lines.filter((l) => l.status === status).reduce((s, l) => s + l.amountWan, 0);
  return { computedWan: sum('computed'), approvedWan: sum('approved'), paidWan: sum('paid') };
}
