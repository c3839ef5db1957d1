// Companies as the API sends them: codes and keys; contacts masked for users who may not see them.
import type { CompanyTag } from '../../shared/chains/rules.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { CompanyLink, CompanyRow } from './repository.ts';

export interface LinkNames {
  chainName: (chainId: string) => string;
  linkName: (chainId: string, key: string) => string;
}

const maskName = (name: string) => `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** Names of what a company points to: its assignee, its assigned unit, its ledger project. */
export interface CompanyRefs {
  user: (id: string) => { username: string; displayName: string } | undefined;
  unitName: (code: string) => string | undefined;
  project: (id: string) => { code: string; name: string; stage: string } | undefined;
}

export function presentCompany(
  row: CompanyRow & { unitName: string },
  links: readonly CompanyLink[],
  names: LinkNames,
  contactsVisible: boolean,
  refs: CompanyRefs,
) {
  const assignee = row.assigneeId ? refs.user(row.assigneeId) : undefined;
  const project = row.projectId ? refs.project(row.projectId) : undefined;
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    kind: row.kind,
    unitCode: row.unitCode,
    unitName: row.unitName,
    location: row.location,
    industrySection: row.industrySection,
    industryDivision: row.industryDivision,
    links: links.map((link) => ({
      chainId: link.chainId,
      chainName: names.chainName(link.chainId),
      linkKey: link.linkKey,
      linkName: names.linkName(link.chainId, link.linkKey),
    })),
    tags: row.tags as CompanyTag[],
    listedCode: row.listedCode,
    revenueWan: row.revenueWan,
    employees: row.employees,
    website: row.website,
    contactName: row.contactName && !contactsVisible ? maskName(row.contactName) : row.contactName,
    contactPhone: row.contactPhone && !contactsVisible ? maskPhone(row.contactPhone) : row.contactPhone,
    contactsMasked: !contactsVisible,
    notes: row.notes,
    pipelineStage: row.pipelineStage,
    assignee: assignee && row.assigneeId ? { id: row.assigneeId, ...assignee } : null,
    assignedUnit: row.assignedUnitCode
      ? { code: row.assignedUnitCode, name: refs.unitName(row.assignedUnitCode) ?? row.assignedUnitCode }
      : null,
    assignmentStatus: row.assignmentStatus,
    assignmentNote: row.assignmentNote,
    dropReason: row.dropReason,
    project: project ? { code: project.code, name: project.name, stage: project.stage as Stage } : null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
