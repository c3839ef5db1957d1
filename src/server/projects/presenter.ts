import type { ProjectField } from '../../shared/api/projects.ts';
import { type CapitalType } from '../../shared/projects/tiers.ts';
import type { ProjectAction } from '../../shared/projects/lifecycle.ts';
import type { ProjectDetailParts } from './queries.ts';
import { stageDatesOf } from './input.ts';
import type { ListedProject } from './repository.ts';

/** Contacts are masked for users who may not see them: 张** / 138****5678. */
export function maskContacts(contacts: { name: string; title?: string; phone?: string }[]) {
  return contacts.map((c) => ({
    name: c.name ? `${[...c.name][0]}${'*'.repeat(Math.max(1, [...c.name].length - 1))}` : '',
    ...(c.title ? { title: c.title } : {}),
    ...(c.phone ? { phone: c.phone.length >= 7 ? `${c.phone.slice(0, 3)}****${c.phone.slice(-4)}` : '****' } : {}),
  }));
}

export function presentProject(row: ListedProject, options: { contactsVisible: boolean }) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    content: row.content,
    unitCode: row.unitCode,
    unitName: row.unitName,
    parkCode: row.parkCode,
    parkName: row.parkName,
    investorName: row.investorName,
    investorCreditCode: row.investorCreditCode,
    investorCountry: row.investorCountry,
    investorProvince: row.investorProvince,
    investorCity: row.investorCity,
    investorTags: row.investorTags,
    contacts: options.contactsVisible ? row.contacts : maskContacts(row.contacts),
    contactsMasked: !options.contactsVisible,
    capitalType: row.capitalType as CapitalType,
    currency: row.currency,
    exchangeRate: row.exchangeRate,
    rateDate: row.rateDate,
    totalInvestmentOrig: row.totalInvestmentOrig,
    totalInvestmentWan: row.totalInvestmentWan,
    totalInvestmentUsdWan: row.totalInvestmentUsdWan,
    fixedAssetInvestmentOrig: row.fixedAssetInvestmentOrig,
    registeredCapitalOrig: row.registeredCapitalOrig,
    contractForeignCapitalUsdWan: row.contractForeignCapitalUsdWan,
    registeredForeignCapitalUsdWan: row.registeredForeignCapitalUsdWan,
    projectType: row.projectType,
    industrySection: row.industrySection,
    industryDivision: row.industryDivision,
    chain: row.chain,
    levels: row.levels,
    leadSource: row.leadSource,
    sponsorLeader: row.sponsorLeader,
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
    contractAmountWan: row.contractAmountWan,
    existsFrom: row.existsFrom,
    tierIndex: row.tierIndex,
    remarks: row.remarks,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type PresentedProject = ReturnType<typeof presentProject>;

/** A list row: the presented project cut to the fields asked for (its code always), or whole. */
export function presentListItem(
  project: PresentedProject,
  fields: readonly ProjectField[] | undefined,
): Partial<PresentedProject> & { code: string } {
  if (!fields?.length) return project;
  const row: Partial<PresentedProject> & { code: string } = { code: project.code };
  for (const field of fields) (row as Record<string, unknown>)[field] = project[field];
  return row;
}

/** The detail page: the record, what the caller may do with it, and its events, arrivals, attachments and open duplicates. */
export function presentProjectDetail(
  row: ListedProject,
  parts: ProjectDetailParts,
  options: { contactsVisible: boolean; actions: ProjectAction[]; major: boolean },
) {
  return {
    project: presentProject(row, { contactsVisible: options.contactsVisible }),
    actions: options.actions,
    major: options.major,
    events: parts.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      stage: e.stage,
      fromStage: e.fromStage,
      eventDate: e.eventDate,
      evidence: e.evidence,
      reason: e.reason,
      details: e.details,
      recordedByName: e.recordedByName,
      recordedAt: e.recordedAt.toISOString(),
    })),
    arrivals: parts.arrivals.map((a) => ({
      id: a.id,
      arrivedOn: a.arrivedOn,
      currency: a.currency,
      amountOrig: a.amountOrig,
      amountWan: a.amountWan,
      amountUsdWan: a.amountUsdWan,
      isForeign: a.isForeign === 1,
      note: a.note,
    })),
    attachments: parts.attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })),
    duplicates: parts.duplicates,
  };
}
