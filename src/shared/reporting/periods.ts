import { addDays, daysBetween, zonedTime } from '../calendar.ts';
// Reporting periods of a task (填报任务): which periods exist, when each is due, and whether a unit reported on time.
// Pure functions; calendar dates and clock times are Beijing's (UTC+8).

export const RECURRENCES = ['weekly', 'biweekly', 'monthly', 'once'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const RECURRENCE_LABELS: Record<Recurrence, { zh: string; en: string }> = {
  weekly: { zh: '每周', en: 'Weekly' },
  biweekly: { zh: '每两周', en: 'Every two weeks' },
  monthly: { zh: '每月', en: 'Monthly' },
  once: { zh: '一次性', en: 'Once' },
};

export interface TaskSchedule {
  recurrence: Recurrence;
  /** first day the task runs (ISO date) */
  startOn: string;
  /** weekly / biweekly: 1 = Monday … 7 = Sunday of the period's (last) week */
  dueWeekday?: number | null;
  /** monthly: day of the month (1–28) … */
  dueDay?: number | null;
  /** … of the period's month (0) or of the next month (1, the usual for a monthly report) */
  dueMonthOffset?: number | null;
  /** once: the due date */
  dueOn?: string | null;
  /** HH:MM */
  dueTime: string;
}

export interface TaskPeriod {
  /** YYYY-MM for monthly, the first day for weekly and biweekly, 'once' */
  key: string;
  start: string;
  end: string;
  /** ISO timestamp with the zone's offset (+08:00 in Beijing) */
  dueAt: string;
  label: { zh: string; en: string };
}

const pad = (n: number) => String(n).padStart(2, '0');
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** Monday of the ISO week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = toDate(day).getUTCDay() || 7;
  return addDays(day, 1 - weekday);
}
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const beijingTime = (day: string, time: string) => zonedTime(day, time);
const short = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The period of the schedule that starts on or holds `day` (null before the task starts, or for a 'once' task outside its window). */
function periodAt(schedule: TaskSchedule, day: string): TaskPeriod | null {
  const time = schedule.dueTime;
  switch (schedule.recurrence) {
    case 'weekly': {
      const start = mondayOf(day);
      const end = addDays(start, 6);
      return {
        key: start,
        start,
        end,
        dueAt: beijingTime(addDays(start, (schedule.dueWeekday ?? 5) - 1), time),
        label: { zh: `${short(start)}—${short(end)}`, en: `${start} – ${end}` },
      };
    }
    case 'biweekly': {
      const anchor = mondayOf(schedule.startOn);
      const blocks = Math.floor(daysBetween(anchor, mondayOf(day)) / 14);
      const start = addDays(anchor, blocks * 14);
      const end = addDays(start, 13);
      return {
        key: start,
        start,
        end,
        dueAt: beijingTime(addDays(start, 7 + (schedule.dueWeekday ?? 5) - 1), time),
        label: { zh: `${short(start)}—${short(end)}`, en: `${start} – ${end}` },
      };
    }
    case 'monthly': {
      const year = Number(day.slice(0, 4));
      const month = Number(day.slice(5, 7));
      const offset = schedule.dueMonthOffset ?? 1;
      const dueYear = month + offset > 12 ? year + 1 : year;
      const dueMonth = ((month + offset - 1) % 12) + 1;
      const dueDay = Math.min(schedule.dueDay ?? 5, lastDayOfMonth(dueYear, dueMonth));
      const start = `${year}-${pad(month)}-01`;
      return {
        key: `${year}-${pad(month)}`,
        start,
        end: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
        dueAt: beijingTime(`${dueYear}-${pad(dueMonth)}-${pad(dueDay)}`, time),
        label: { zh: `${year}年${month}月`, en: `${year}-${pad(month)}` },
      };
    }
    case 'once': {
      const end = schedule.dueOn ?? schedule.startOn;
      return {
        key: 'once',
        start: schedule.startOn,
        end,
        dueAt: beijingTime(end, time),
        label: { zh: `截至${short(end)}`, en: `due ${end}` },
      };
    }
  }
}

/**
 * The periods of a task that have begun by `today`, oldest first (at most `limit`, the latest kept). A monthly task
 * started mid-month has that month as its first period.
 */
export function periodsUntil(schedule: TaskSchedule, today: string, limit = 60): TaskPeriod[] {
  if (today < schedule.startOn) return [];
  if (schedule.recurrence === 'once') return [periodAt(schedule, schedule.startOn)!];
  const periods: TaskPeriod[] = [];
  let cursor = schedule.startOn;
  let guard = 0;
  while (cursor <= today && guard++ < 2_000) {
    const period = periodAt(schedule, cursor)!;
    periods.push(period);
    cursor = addDays(period.end, 1);
  }
  return periods.slice(-limit);
}

/** The period of a task with this key, or null when the key names none (or one not yet begun by `today`). */
export function periodByKey(schedule: TaskSchedule, key: string, today: string): TaskPeriod | null {
  return periodsUntil(schedule, today, 2_000).find((p) => p.key === key) ?? null;
}

export type ComplianceStatus = 'on_time' | 'late' | 'missing' | 'pending';

export const COMPLIANCE_LABELS: Record<ComplianceStatus, { zh: string; en: string }> = {
  on_time: { zh: '按时', en: 'On time' },
  late: { zh: '逾期报送', en: 'Late' },
  missing: { zh: '未报送', en: 'Missing' },
  pending: { zh: '未到期', en: 'Not yet due' },
};

/**
 * 报送情况 of one submission: judged by its first submission (a resubmission after a return is not late), `lateHours`
 * counting from the deadline to that submission — or to now for one still missing.
 */
export function compliance(
  dueAt: string | Date,
  firstSubmittedAt: string | Date | null,
  now: Date,
): { status: ComplianceStatus; lateHours: number } {
  const due = new Date(dueAt).getTime();
  if (firstSubmittedAt) {
    const at = new Date(firstSubmittedAt).getTime();
    return at <= due ? { status: 'on_time', lateHours: 0 } : { status: 'late', lateHours: Math.ceil((at - due) / 3_600_000) };
  }
  return now.getTime() <= due
    ? { status: 'pending', lateHours: 0 }
    : { status: 'missing', lateHours: Math.ceil((now.getTime() - due) / 3_600_000) };
}

/** "迟报 2 天 3 小时" / "3 h late". */
export function lateText(hours: number, lang: 'zh' | 'en'): string {
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (lang === 'en') return days ? `${days} d ${rest} h` : `${rest} h`;
  return days ? `${days}天${rest ? `${rest}小时` : ''}` : `${rest}小时`;
}

export const isMonthKey = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** A submission's life: drafted, submitted, returned for changes, approved (then locked). */
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, { zh: string; en: string }> = {
  draft: { zh: '待填报', en: 'Draft' },
  submitted: { zh: '已报送待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已通过（锁定）', en: 'Approved (locked)' },
};

/** ISO weekdays, 1 (Monday) … 7, by their number as text (the dictionary's `weekday.5`). */
export const WEEKDAY_LABELS: Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { zh: string; en: string }> = {
  '1': { zh: '周一', en: 'Mon' },
  '2': { zh: '周二', en: 'Tue' },
  '3': { zh: '周三', en: 'Wed' },
  '4': { zh: '周四', en: 'Thu' },
  '5': { zh: '周五', en: 'Fri' },
  '6': { zh: '周六', en: 'Sat' },
  '7': { zh: '周日', en: 'Sun' },
};

/** A task's deadline as people say it: "每周五 10:00", "次月5日 17:00" (Friday when a weekly task has no day). */
export function deadlineLabel(task: {
  recurrence: Recurrence;
  dueWeekday: number | null;
  dueDay: number | null;
  dueMonthOffset: number | null;
  dueOn: string | null;
  dueTime: string;
}): { zh: string; en: string } {
  const weekday = WEEKDAY_LABELS[String(task.dueWeekday && task.dueWeekday >= 1 && task.dueWeekday <= 7 ? task.dueWeekday : 5) as '5'];
  const time = task.dueTime;
  switch (task.recurrence) {
    case 'weekly':
      return { zh: `每${weekday.zh} ${time}`, en: `every ${weekday.en} ${time}` };
    case 'biweekly':
      return { zh: `每两周的第二个${weekday.zh} ${time}`, en: `every other ${weekday.en} ${time}` };
    case 'monthly':
      return task.dueMonthOffset === 0
        ? { zh: `当月${task.dueDay ?? ''}日 ${time}`, en: `day ${task.dueDay ?? ''} of the same month, ${time}` }
        : { zh: `次月${task.dueDay ?? ''}日 ${time}`, en: `day ${task.dueDay ?? ''} of the next month, ${time}` };
    case 'once':
      return { zh: `${task.dueOn ?? ''} ${time}`, en: `${task.dueOn ?? ''} ${time}` };
  }
}
