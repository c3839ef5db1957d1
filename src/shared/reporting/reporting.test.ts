import { describe, expect, it } from 'vitest';
import { normalizeRow, fieldsOf, formProblems } from './forms.ts';
import { compliance, lateText, periodsUntil, periodByKey } from './periods.ts';
import { cumulativeAt, monthsBetween, progressProblems, progressRatios, shiftMonth } from './progress.ts';
import { addMonths, proposeSchedule } from './schedule.ts';

describe('task periods and deadlines', () => {
  it('cuts a monthly task into months due on the given day of the next month, Beijing time', () => {
    const periods = periodsUntil(
      { recurrence: 'monthly', startOn: '2026-10-15', dueDay: 5, dueMonthOffset: 1, dueTime: '17:00' },
      '2026-12-01',
    );
    expect(periods.map((p) => [p.key, p.dueAt])).toEqual([
      ['2026-10', '2026-11-05T17:00:00+08:00'],
      ['2026-11', '2026-12-05T17:00:00+08:00'],
      ['2026-12', '2027-01-05T17:00:00+08:00'],
    ]);
    expect(
      periodsUntil({ recurrence: 'monthly', startOn: '2026-12-01', dueDay: 28, dueMonthOffset: 0, dueTime: '09:00' }, '2026-12-02')[0]!
        .dueAt,
    ).toBe('2026-12-28T09:00:00+08:00');
  });

  it('cuts weekly and biweekly tasks into weeks from Monday, due on the weekday (每周五 10:00)', () => {
    const weekly = periodsUntil({ recurrence: 'weekly', startOn: '2026-11-18', dueWeekday: 5, dueTime: '10:00' }, '2026-11-30');
    expect(weekly.map((p) => [p.key, p.end, p.dueAt])).toEqual([
      ['2026-11-16', '2026-11-22', '2026-11-20T10:00:00+08:00'],
      ['2026-11-23', '2026-11-29', '2026-11-27T10:00:00+08:00'],
      ['2026-11-30', '2026-12-06', '2026-12-04T10:00:00+08:00'],
    ]);
    const biweekly = periodsUntil({ recurrence: 'biweekly', startOn: '2026-11-18', dueWeekday: 5, dueTime: '10:00' }, '2026-12-01');
    expect(biweekly.map((p) => [p.key, p.end, p.dueAt])).toEqual([
      ['2026-11-16', '2026-11-29', '2026-11-27T10:00:00+08:00'],
      ['2026-11-30', '2026-12-13', '2026-12-11T10:00:00+08:00'],
    ]);
    expect(
      periodByKey({ recurrence: 'biweekly', startOn: '2026-11-18', dueWeekday: 5, dueTime: '10:00' }, '2026-11-23', '2026-12-01'),
    ).toBeNull();
  });

  it('has no period before the start, and one for a one-off task', () => {
    expect(periodsUntil({ recurrence: 'weekly', startOn: '2026-12-01', dueWeekday: 5, dueTime: '10:00' }, '2026-11-30')).toEqual([]);
    expect(
      periodsUntil({ recurrence: 'once', startOn: '2026-11-01', dueOn: '2026-11-10', dueTime: '12:00' }, '2027-01-01').map((p) => [
        p.key,
        p.dueAt,
      ]),
    ).toEqual([['once', '2026-11-10T12:00:00+08:00']]);
  });

  it('judges compliance by the first submission', () => {
    const due = '2026-11-05T17:00:00+08:00';
    const now = new Date('2026-11-20T00:00:00Z');
    expect(compliance(due, '2026-11-05T08:59:00Z', now)).toEqual({ status: 'on_time', lateHours: 0 });
    expect(compliance(due, '2026-11-06T11:00:00Z', now)).toEqual({ status: 'late', lateHours: 26 });
    expect(compliance(due, null, new Date('2026-11-05T08:00:00Z'))).toEqual({ status: 'pending', lateHours: 0 });
    expect(compliance(due, null, now).status).toBe('missing');
    expect(lateText(26, 'zh')).toBe('1天2小时');
    expect(lateText(5, 'en')).toBe('5 h');
  });
});

describe('monthly progress', () => {
  const months = [
    { month: '2025-11', investedWan: 300 },
    { month: '2026-01', investedWan: 100 },
    { month: '2026-02', investedWan: 50 },
    { month: '2026-04', investedWan: 25 },
  ];
  it('derives 年初至今 and 开工至今 from the months', () => {
    expect(cumulativeAt(months, '2026-02')).toEqual({ ytdWan: 150, sinceStartWan: 450 });
    expect(cumulativeAt(months, '2026-03')).toEqual({ ytdWan: 150, sinceStartWan: 450 });
    expect(cumulativeAt(months, '2025-12')).toEqual({ ytdWan: 300, sinceStartWan: 300 });
    expect(progressRatios({ ytdWan: 150, sinceStartWan: 450 }, 600, 1000)).toEqual({ ofPlan: 0.25, ofTotal: 0.45 });
    expect(progressRatios({ ytdWan: 150, sinceStartWan: 450 }, 0, null)).toEqual({ ofPlan: null, ofTotal: null });
  });
  it('refuses negative amounts and asks for a note above the total investment', () => {
    expect(progressProblems({ investedWan: -1 }, 0, 100).map((p) => p.code)).toEqual(['negative']);
    expect(progressProblems({ investedWan: 10 }, 120, 100).map((p) => p.code)).toEqual(['above_total_needs_note']);
    expect(progressProblems({ investedWan: 10, note: '含土地款' }, 120, 100)).toEqual([]);
  });
  it('shifts and counts months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-11', 3)).toBe('2027-02');
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
  });
});

describe('倒排工期', () => {
  it('proposes milestones backwards from the target date, keeping those already reached', () => {
    const plan = proposeSchedule('at_capacity', '2027-06-30', { signed: '2025-03-01' }, '2026-01-01');
    expect(plan.map((p) => [p.milestone, p.date, p.reached, p.tight])).toEqual([
      ['signed', '2025-03-01', true, false],
      ['registered', '2024-05-30', false, true],
      ['started', '2024-09-30', false, true],
      ['completed', '2026-03-30', false, false],
      ['producing', '2026-06-30', false, false],
      ['at_capacity', '2027-06-30', false, false],
    ]);
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('report rows', () => {
  const fields = fieldsOf('monthly_progress', {});
  it('normalizes amounts typed every way and reports problems by field', () => {
    expect(normalizeRow(fields, { investedWan: '1,234.5', imageProgress: ' 封顶 ' }, { partial: true }).values).toEqual({
      investedWan: 1234.5,
      imageProgress: '封顶',
    });
    expect(normalizeRow(fields, { investedWan: '0.35亿元' }, { partial: true }).values.investedWan).toBe(3500);
    expect(normalizeRow(fields, { investedWan: '-3' }, { partial: true }).problems[0]!.message.zh).toContain('负数');
    expect(normalizeRow(fields, { investedWan: '很多' }, { partial: true }).problems[0]!.field).toBe('investedWan');
    expect(normalizeRow(fields, {}, { partial: true }).problems).toEqual([]);
    expect(normalizeRow(fields, {}, { partial: false }).problems.map((p) => p.field)).toEqual(['investedWan']);
    const negotiating = fieldsOf('negotiating_major', {});
    expect(
      normalizeRow(negotiating, { name: 'x', investorName: 'y', investmentYi: '15亿' }, { partial: false, minInvestmentYi: 20 })
        .problems[0]!.message.zh,
    ).toContain('20 亿元标准');
  });
  it('checks custom forms', () => {
    expect(formProblems('custom', {}, 'zh')).toHaveLength(1);
    expect(formProblems('custom', { customFields: [{ key: 'a b', label: '', type: 'text', required: false }] }, 'zh')).toHaveLength(2);
  });
});
