// Shared types and helpers of the reporting pages (填报、月报、报送情况、预警).
import { deadlineLabel } from '../shared/reporting/periods.ts';
import { formatDateTime } from './time.ts';
import { useSearchParams } from 'react-router-dom';
import type { FieldDefinition, TaskForm, TaskKind } from '../shared/reporting/forms.ts';
import type { ComplianceStatus } from '../shared/reporting/periods.ts';
import type { ResponseOf } from '../shared/api/index.ts';
import type { SubmissionStatus } from '../shared/reporting/periods.ts';
export type { SubmissionStatus };

export const SUBMISSION_STATUS_COLORS: Record<SubmissionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};
export const COMPLIANCE_COLORS: Record<ComplianceStatus, string> = {
  on_time: 'success',
  late: 'warning',
  missing: 'error',
  pending: 'default',
};

export interface TaskView {
  id: number;
  unit: string;
  unitName: string;
  name: string;
  kind: TaskKind;
  recurrence: 'weekly' | 'biweekly' | 'monthly' | 'once';
  startOn: string;
  dueWeekday: number | null;
  dueDay: number | null;
  dueMonthOffset: number | null;
  dueOn: string | null;
  dueTime: string;
  targetUnits: { code: string; name: string }[];
  form: TaskForm;
  active: boolean;
  version: number;
  createdBy: string | null;
}

export interface SubmissionHeader {
  id: number;
  task: { id: number; name: string; kind: TaskKind; unit: string; unitName: string };
  unit: string;
  unitName: string;
  periodKey: string;
  periodLabel: { zh: string; en: string };
  periodStart: string;
  periodEnd: string;
  dueAt: string;
  status: SubmissionStatus;
  revision: number;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  compliance: { status: ComplianceStatus; lateHours: number };
  version: number;
}

export type SubmissionRowView = ResponseOf<'GET /api/v1/reporting/submissions/:id'>['rows'][number];

export interface SubmissionView extends SubmissionHeader {
  fields: FieldDefinition[];
  form: TaskForm;
  rowsAreProjects: boolean;
  progressMonth: string | null;
  editable: boolean;
  reviewable: boolean;
  unlockable: boolean;
  rows: SubmissionRowView[];
}

/** "每周五 10:00", "次月5日 17:00": the shared wording, in the user's language. */
export const deadlineText = (task: Parameters<typeof deadlineLabel>[0], l: (label: { zh: string; en: string }) => string): string =>
  l(deadlineLabel(task));

export const WEEKDAY_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
/** ISO weekday 1 (Monday) … 7; Friday when a task has none. */
export const weekdayOf = (day: number | null | undefined): (typeof WEEKDAY_NUMBERS)[number] => WEEKDAY_NUMBERS.find((n) => n === day) ?? 5;

/** 2026-11-05 17:00, in Beijing time whatever the browser's zone. */
/** A deadline or submission time in the units' zone. */
export const beijingTime = (iso: string | null): string => formatDateTime(iso);

export const wan = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;

/** The page's URL query as its filters: read them, and set one (an empty value removes it) without a history entry. */
export function useQueryParams(): [URLSearchParams, (key: string, value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [params, set];
}
