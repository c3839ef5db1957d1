// 预警 kinds, severities and their messages (thresholds are settings ⚙, read by the evaluator).

export const ALERT_KINDS = ['stalled', 'milestone_overdue', 'signed_not_landed', 'behind_schedule', 'submission_overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, { zh: string; en: string }> = {
  stalled: { zh: '停滞（只开工不施工）', en: 'Stalled' },
  milestone_overdue: { zh: '节点逾期', en: 'Milestone overdue' },
  signed_not_landed: { zh: '签约未落地', en: 'Signed, not landed' },
  behind_schedule: { zh: '低于序时', en: 'Behind schedule' },
  submission_overdue: { zh: '填报逾期', en: 'Report overdue' },
};

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, { zh: string; en: string }> = {
  high: { zh: '严重', en: 'High' },
  medium: { zh: '一般', en: 'Medium' },
  low: { zh: '提示', en: 'Low' },
};

/** How far past a threshold makes an alert severe: twice the threshold (N months stalled → 2N months is high). */
export const severityByMultiple = (value: number, threshold: number): Severity => (value >= threshold * 2 ? 'high' : 'medium');

const MILESTONE_NAMES: Record<string, { zh: string; en: string }> = {
  signed: { zh: '签约', en: 'signing' },
  registered: { zh: '注册', en: 'registration' },
  started: { zh: '开工', en: 'start' },
  completed: { zh: '竣工', en: 'completion' },
  producing: { zh: '投产', en: 'production' },
  at_capacity: { zh: '达产', en: 'full capacity' },
};
export const milestoneName = (milestone: string) => MILESTONE_NAMES[milestone] ?? { zh: milestone, en: milestone };

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

export const alertMessages = {
  stalled: (name: string, months: number, lastMonth: string | null) => ({
    zh: `${name}已开工，${lastMonth ? `自${lastMonth}以来` : '开工后'}连续 ${months} 个月无新增投资（只开工不施工）`,
    en: `${name}: started, but no new investment for ${months} months${lastMonth ? ` (last in ${lastMonth})` : ''}`,
  }),
  milestoneOverdue: (name: string, milestone: string, planned: string, days: number) => ({
    zh: `${name}计划于 ${planned} ${milestoneName(milestone).zh}，已逾期 ${days} 天`,
    en: `${name}: ${milestoneName(milestone).en} planned for ${planned}, ${days} days overdue`,
  }),
  signedNotLanded: (name: string, signedOn: string, days: number) => ({
    zh: `${name}于 ${signedOn} 签约，${days} 天仍未落地`,
    en: `${name}: signed on ${signedOn}, not landed after ${days} days`,
  }),
  projectBehind: (name: string, completion: number, schedule: number) => ({
    zh: `${name}年度投资完成率 ${pct(completion)}，低于序时进度 ${pct(schedule)} ${((schedule - completion) * 100).toFixed(1)} 个百分点`,
    en: `${name}: ${pct(completion)} of the annual investment plan, ${((schedule - completion) * 100).toFixed(1)} points behind schedule (${pct(schedule)})`,
  }),
  unitBehind: (unit: string, indicator: { zh: string; en: string }, completion: number, schedule: number) => ({
    zh: `${unit}${indicator.zh}完成年度目标 ${pct(completion)}，低于序时进度 ${((schedule - completion) * 100).toFixed(1)} 个百分点`,
    en: `${unit}: ${indicator.en} at ${pct(completion)} of target, ${((schedule - completion) * 100).toFixed(1)} points behind schedule`,
  }),
  submissionOverdue: (unit: string, task: string, period: string, lateText: { zh: string; en: string }) => ({
    zh: `${unit}未按时报送“${task}”（${period}），已逾期 ${lateText.zh}`,
    en: `${unit} has not submitted “${task}” (${period}); ${lateText.en} overdue`,
  }),
};
