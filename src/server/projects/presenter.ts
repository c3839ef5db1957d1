import type { z } from 'zod';
import { PROJECT_FIELDS, type ListField, type ProjectField, type projectSchema, type StageDateField } from '../../shared/api/projects.ts';
import { STAGES, type Stage } from '../../shared/projects/stages.ts';
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

type Presented = z.infer<typeof projectSchema>;
type Options = { contactsVisible: boolean };
type Column = keyof ListedProject;
type FieldRule<F extends ProjectField> = { columns: readonly Column[]; value: (row: ListedProject, options: Options) => Presented[F] };

const same = <F extends ProjectField & Column>(field: F): FieldRule<F> => ({
  columns: [field],
  // the field and its column share name and type (the response schema check of every test run holds them to it)
  value: (row) => row[field] as unknown as Presented[F],
});
const STAGE_DATE_COLUMNS = [
  'leadOn',
  'negotiatingOn',
  'signedOn',
  'registeredOn',
  'startedOn',
  'completedOn',
  'producingOn',
  'atCapacityOn',
] as const;
const PLANNED_COLUMNS = [
  'plannedSignedOn',
  'plannedRegisteredOn',
  'plannedStartedOn',
  'plannedCompletedOn',
  'plannedProducingOn',
  'plannedAtCapacityOn',
] as const;

/**
 * How each field of a project is presented and the columns it reads: the detail and a whole list row present every
 * field; a list asking for some (`fields=`) reads and presents only those, by the same rules.
 */
const FIELDS: { [F in ProjectField]: FieldRule<F> } = {
  id: same('id'),
  code: same('code'),
  name: same('name'),
  content: same('content'),
  unitCode: same('unitCode'),
  unitName: same('unitName'),
  parkCode: same('parkCode'),
  parkName: same('parkName'),
  investorName: same('investorName'),
  investorCreditCode: same('investorCreditCode'),
  investorCountry: same('investorCountry'),
  investorProvince: same('investorProvince'),
  investorCity: same('investorCity'),
  investorTags: same('investorTags'),
  currency: same('currency'),
  exchangeRate: same('exchangeRate'),
  rateDate: same('rateDate'),
  totalInvestmentOrig: same('totalInvestmentOrig'),
  totalInvestmentWan: same('totalInvestmentWan'),
  totalInvestmentUsdWan: same('totalInvestmentUsdWan'),
  fixedAssetInvestmentOrig: same('fixedAssetInvestmentOrig'),
  registeredCapitalOrig: same('registeredCapitalOrig'),
  contractForeignCapitalUsdWan: same('contractForeignCapitalUsdWan'),
  registeredForeignCapitalUsdWan: same('registeredForeignCapitalUsdWan'),
  projectType: same('projectType'),
  industrySection: same('industrySection'),
  industryDivision: same('industryDivision'),
  chain: same('chain'),
  levels: same('levels'),
  leadSource: same('leadSource'),
  sponsorLeader: same('sponsorLeader'),
  referrer: same('referrer'),
  responsibleUnit: same('responsibleUnit'),
  ownerUserId: same('ownerUserId'),
  landMu: same('landMu'),
  factoryM2: same('factoryM2'),
  expectedOutputWan: same('expectedOutputWan'),
  expectedTaxWan: same('expectedTaxWan'),
  expectedJobs: same('expectedJobs'),
  phases: same('phases'),
  stage: same('stage'),
  status: same('status'),
  terminationReason: same('terminationReason'),
  terminationNote: same('terminationNote'),
  terminatedOn: same('terminatedOn'),
  firstReportedOn: same('firstReportedOn'),
  listedOn: same('listedOn'),
  contractKind: same('contractKind'),
  contractAmountWan: same('contractAmountWan'),
  existsFrom: same('existsFrom'),
  tierIndex: same('tierIndex'),
  remarks: same('remarks'),
  version: same('version'),
  contacts: { columns: ['contacts'], value: (row, options) => (options.contactsVisible ? row.contacts : maskContacts(row.contacts)) },
  contactsMasked: { columns: [], value: (_, options) => !options.contactsVisible },
  capitalType: { columns: ['capitalType'], value: (row) => row.capitalType as CapitalType },
  dates: { columns: STAGE_DATE_COLUMNS, value: (row) => stageDatesOf(row) },
  planned: {
    columns: PLANNED_COLUMNS,
    value: (row) => ({
      signed: row.plannedSignedOn,
      registered: row.plannedRegisteredOn,
      started: row.plannedStartedOn,
      completed: row.plannedCompletedOn,
      producing: row.plannedProducingOn,
      atCapacity: row.plannedAtCapacityOn,
    }),
  },
  createdAt: { columns: ['createdAt'], value: (row) => row.createdAt.toISOString() },
  updatedAt: { columns: ['updatedAt'], value: (row) => row.updatedAt.toISOString() },
};

export function presentProject(row: ListedProject, options: Options): Presented {
  return Object.fromEntries(PROJECT_FIELDS.map((field) => [field, FIELDS[field].value(row, options)])) as Presented;
}
export type PresentedProject = Presented;

const stageOf = (field: StageDateField): Stage => field.slice('dates.'.length) as Stage;
const isStageDate = (field: ListField): field is StageDateField => field.startsWith('dates.');
/** the column of one stage's date (STAGE_DATE_COLUMNS is in the stages' order) */
const stageDateColumn = (field: StageDateField): Column => STAGE_DATE_COLUMNS[STAGES.indexOf(stageOf(field))]!;

/** The columns a list row of these fields reads (its code always). */
export const columnsOfFields = (fields: readonly ListField[]): Column[] => [
  ...new Set<Column>(['code', ...fields.flatMap((field) => (isStageDate(field) ? [stageDateColumn(field)] : FIELDS[field].columns))]),
];

/**
 * A list row: the fields asked for (its code always), from a row holding at least their columns; a stage date that
 * is not set is left out rather than sent as null (the table shows a dash either way).
 */
export function presentListItem(row: ListedProject, fields: readonly ListField[], options: Options): Partial<Presented> & { code: string } {
  const item: Partial<Presented> & { code: string } = { code: row.code };
  for (const field of fields) {
    if (isStageDate(field)) {
      // one stage's date: into `dates` as the whole field would carry it (`dates` and `dates.signed` together: the same)
      const day = row[stageDateColumn(field)] as string | null;
      const dates = (item.dates ??= {});
      if (day !== null) dates[stageOf(field)] = day;
    } else (item as Record<string, unknown>)[field] = FIELDS[field].value(row, options);
  }
  if (item.dates) item.dates = Object.fromEntries(Object.entries(item.dates).filter(([, day]) => day !== null));
  return item;
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
