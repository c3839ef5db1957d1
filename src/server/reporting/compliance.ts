import { clockNow, endOfDay, monthEnd, startOfDay } from '../../shared/calendar.ts';
import { and, eq, sql } from 'drizzle-orm';
import { compliance, lateText, type ComplianceStatus } from '../../shared/reporting/periods.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { units } from '../units/schema.ts';
import { reportSubmissions, reportTasks } from './schema.ts';
import { subtreePattern } from '../db/scope.ts';

export interface ComplianceItem {
  submissionId: number;
  taskId: number;
  taskName: string;
  periodKey: string;
  dueAt: string;
  firstSubmittedAt: string | null;
  status: ComplianceStatus;
  lateHours: number;
}

export interface ComplianceRow {
  unitCode: string;
  unitName: string;
  due: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  lateHours: number;
  /** on time ÷ (due − pending) */
  onTimeRate: number | null;
  items: ComplianceItem[];
}

/** A month's bounds as instants in the units' zone. */
const monthBounds = (month: string) => ({ from: startOfDay(`${month}-01`).toISOString(), to: endOfDay(monthEnd(month)).toISOString() });

/**
 * 报送情况 of the submissions due in a month within a unit's subtree, per submitting unit (or per child of the unit
 * when `byChild`, as a league table needs): on time, late (how late), missing, not yet due.
 */
export async function complianceTable(
  db: DbOrTx,
  unitPath: string,
  month: string,
  options: { byChild?: boolean; taskId?: number | undefined; now?: Date } = {},
): Promise<ComplianceRow[]> {
  const now = options.now ?? clockNow();
  const { from, to } = monthBounds(month);
  const depth = unitPath.split('/').filter(Boolean).length + 2;
  const result = await db.execute(sql`select s.id, s.task_id, t.name as task_name, s.period_key, s.due_at, s.first_submitted_at,
      ${options.byChild ? sql`split_part(s.unit_path, '/', ${depth})` : sql`s.unit_code`} as bucket
    from ${reportSubmissions} s join ${reportTasks} t on t.id = s.task_id
    where s.unit_path like ${subtreePattern(unitPath)} and s.due_at >= ${from}::timestamptz and s.due_at < ${to}::timestamptz
      ${options.taskId ? sql`and s.task_id = ${options.taskId}` : sql``}
    order by s.due_at, s.id`);
  const rows = rowsOf<{
    id: number;
    task_id: number;
    task_name: string;
    period_key: string;
    due_at: string | Date;
    first_submitted_at: string | Date | null;
    bucket: string;
  }>(result);
  const byUnit = new Map<string, ComplianceItem[]>();
  for (const row of rows) {
    if (!row.bucket) continue;
    const judged = compliance(row.due_at, row.first_submitted_at, now);
    const list = byUnit.get(row.bucket) ?? [];
    list.push({
      submissionId: Number(row.id),
      taskId: Number(row.task_id),
      taskName: row.task_name,
      periodKey: row.period_key,
      dueAt: new Date(row.due_at).toISOString(),
      firstSubmittedAt: row.first_submitted_at ? new Date(row.first_submitted_at).toISOString() : null,
      ...judged,
    });
    byUnit.set(row.bucket, list);
  }
  const codes = [...byUnit.keys()];
  const names = codes.length
    ? await db
        .select({ code: units.code, name: units.name, sortOrder: units.sortOrder })
        .from(units)
        .where(sql`${units.code} = any(${sql.param(codes)}::text[])`)
    : [];
  return codes
    .map((code) => {
      const items = byUnit.get(code)!;
      const count = (status: ComplianceStatus) => items.filter((i) => i.status === status).length;
      const judged = items.length - count('pending');
      return {
        unitCode: code,
        unitName: names.find((n) => n.code === code)?.name ?? code,
        due: items.length,
        onTime: count('on_time'),
        late: count('late'),
        missing: count('missing'),
        pending: count('pending'),
        lateHours: items.reduce((a, i) => a + (i.status === 'late' ? i.lateHours : 0), 0),
        onTimeRate: judged ? count('on_time') / judged : null,
        items,
      };
    })
    .sort((a, b) => b.missing - a.missing || b.late - a.late || b.lateHours - a.lateHours || a.unitCode.localeCompare(b.unitCode));
}

/** The reason text of a league adjustment made from compliance (recognized, so re-applying replaces it). */
export const COMPLIANCE_REASON_PREFIX = '填报考核：';

export function complianceReason(row: ComplianceRow, month: string): string {
  const parts = [];
  if (row.late) parts.push(`逾期报送 ${row.late} 次（累计 ${lateText(row.lateHours, 'zh')}）`);
  if (row.missing) parts.push(`未报送 ${row.missing} 次`);
  return `${COMPLIANCE_REASON_PREFIX}${month} ${parts.join('，')}`;
}

export async function childUnits(db: DbOrTx, code: string) {
  return db
    .select({ code: units.code, name: units.name, path: units.path })
    .from(units)
    .where(and(eq(units.parentCode, code), eq(units.active, true)));
}
