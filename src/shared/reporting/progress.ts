// Monthly progress of a project (月报; GLOSSARY: per project, 开工至今累计完成投资 ÷ 总投资; 年初至今累计 ÷ 年度计划投资).
// The cumulative figures are derived from the months, never typed.

export interface MonthAmount {
  /** YYYY-MM */
  month: string;
  investedWan: number;
}

export interface Cumulative {
  /** 年初至今累计: January … this month of the same year */
  ytdWan: number;
  /** 开工至今累计: every month up to this one */
  sinceStartWan: number;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** The cumulative figures at `month`, from the project's months (the month itself included). */
export function cumulativeAt(months: readonly MonthAmount[], month: string): Cumulative {
  const year = month.slice(0, 4);
  let ytd = 0;
  let sinceStart = 0;
  for (const m of months) {
    if (m.month > month) continue;
    sinceStart += m.investedWan;
    if (m.month.startsWith(year)) ytd += m.investedWan;
  }
  return { ytdWan: round4(ytd), sinceStartWan: round4(sinceStart) };
}

/** 占年计划% and 占总投资% (fractions); null without a positive base. */
export function progressRatios(
  cumulative: Cumulative,
  annualPlanWan: number | null | undefined,
  totalInvestmentWan: number | null | undefined,
): { ofPlan: number | null; ofTotal: number | null } {
  return {
    ofPlan: annualPlanWan && annualPlanWan > 0 ? cumulative.ytdWan / annualPlanWan : null,
    ofTotal: totalInvestmentWan && totalInvestmentWan > 0 ? cumulative.sinceStartWan / totalInvestmentWan : null,
  };
}

export type ProgressProblemCode = 'negative' | 'not_a_number' | 'too_large' | 'above_total_needs_note' | 'text_too_long';

export interface ProgressProblem {
  field: 'investedWan' | 'annualPlanWan' | 'note' | 'imageProgress' | 'problems' | 'nextSteps';
  code: ProgressProblemCode;
  message: { zh: string; en: string };
}

/** A month's figure above this (万元, i.e. 1万亿) is a typing error, not a project. */
export const MAX_MONTH_WAN = 100_000_000;
export const MAX_TEXT = 2_000;

export interface ProgressEntry {
  investedWan: number;
  annualPlanWan?: number | null;
  note?: string | null;
  imageProgress?: string | null;
  problems?: string | null;
  nextSteps?: string | null;
}

/**
 * The rules of a month's entry: no negative or absurd amount; a cumulative figure above the total investment needs a
 * confirming note (说明) — it happens (overruns, a second phase) but is usually a typing error.
 */
export function progressProblems(entry: ProgressEntry, sinceStartWan: number, totalInvestmentWan: number | null): ProgressProblem[] {
  const problems: ProgressProblem[] = [];
  const amount = (field: 'investedWan' | 'annualPlanWan', value: number | null | undefined, label: { zh: string; en: string }) => {
    if (value === null || value === undefined) return;
    if (!Number.isFinite(value))
      problems.push({ field, code: 'not_a_number', message: { zh: `${label.zh}不是有效数字`, en: `${label.en} is not a number` } });
    else if (value < 0)
      problems.push({ field, code: 'negative', message: { zh: `${label.zh}不能为负数`, en: `${label.en} cannot be negative` } });
    else if (value > MAX_MONTH_WAN)
      problems.push({
        field,
        code: 'too_large',
        message: { zh: `${label.zh}超过 1 万亿元，请核对单位（万元）`, en: `${label.en} exceeds 1 trillion yuan; check the unit (万元)` },
      });
  };
  amount('investedWan', entry.investedWan, { zh: '本月完成投资', en: 'Investment this month' });
  amount('annualPlanWan', entry.annualPlanWan, { zh: '年度计划投资', en: 'Annual plan' });
  for (const field of ['note', 'imageProgress', 'problems', 'nextSteps'] as const) {
    if ((entry[field]?.length ?? 0) > MAX_TEXT)
      problems.push({
        field,
        code: 'text_too_long',
        message: { zh: `文字过长（最多 ${MAX_TEXT} 字）`, en: `Too long (at most ${MAX_TEXT} characters)` },
      });
  }
  if (totalInvestmentWan !== null && totalInvestmentWan > 0 && sinceStartWan > totalInvestmentWan + 1e-6 && !entry.note?.trim()) {
    problems.push({
      field: 'note',
      code: 'above_total_needs_note',
      message: {
        zh: `开工至今累计完成投资 ${round4(sinceStartWan)} 万元超过总投资 ${round4(totalInvestmentWan)} 万元，请填写说明`,
        en: `Cumulative investment since start (${round4(sinceStartWan)} 万元) exceeds the total (${round4(totalInvestmentWan)} 万元): add a note`,
      },
    });
  }
  return problems;
}

// month maths lives with the calendar; re-exported for the reporting rules' callers
export { monthsBetween, shiftMonth } from '../calendar.ts';
