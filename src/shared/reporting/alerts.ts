// 预警 kinds, severities and their messages (thresholds are settings ⚙, read by the evaluator).

export const ALERT_KINDS = [
  'stalled',
  'milestone_overdue',
  'signed_not_landed',
  'behind_schedule',
  'submission_overdue',
  'next_step_overdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, { zh: string; en: string }> = {
  stalled: { zh: '停滞（只开工不施工）', en: 'Stalled' },
  milestone_overdue: { zh: '节点逾期', en: 'Milestone overdue' },
  signed_not_landed: { zh: '签约未落地', en: 'Signed, not landed' },
  behind_schedule: { zh: '低于序时', en: 'Behind schedule' },
  submission_overdue: { zh: '填报逾期', en: 'Report overdue' },
  next_step_overdue: { zh: '跟进逾期', en: 'Follow-up overdue' },
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
const points = (schedule: number, completion: number) => ((schedule - completion) * 100).toFixed(1);

/** A value in a message: a number or a name as it is, or a word in both languages (a milestone, a duration). */
export type MessageParam = string | number | { zh: string; en: string };

/**
 * The alerts' messages as templates, one text per language (the web's dictionary holds them as `alertMessage.<key>`;
 * the server fills them for the Chinese bulletin and the `message` field of the API). An alert keeps its key and
 * parameters, so each reader words it in its own language.
 */
export const ALERT_MESSAGE_TEMPLATES = {
  stalled: {
    zh: '{name}已开工，自{lastMonth}以来连续 {months} 个月无新增投资（只开工不施工）',
    en: '{name}: started, but no new investment for {months} months (last in {lastMonth})',
  },
  stalledSinceStart: {
    zh: '{name}已开工，开工后连续 {months} 个月无新增投资（只开工不施工）',
    en: '{name}: started, but no new investment for {months} months',
  },
  milestoneOverdue: {
    zh: '{name}计划于 {planned} {milestone}，已逾期 {days} 天',
    en: '{name}: {milestone} planned for {planned}, {days} days overdue',
  },
  signedNotLanded: { zh: '{name}于 {signedOn} 签约，{days} 天仍未落地', en: '{name}: signed on {signedOn}, not landed after {days} days' },
  projectBehind: {
    zh: '{name}年度投资完成率 {completion}，低于序时进度 {schedule} {points} 个百分点',
    en: '{name}: {completion} of the annual investment plan, {points} points behind schedule ({schedule})',
  },
  unitBehind: {
    zh: '{unit}{indicator}完成年度目标 {completion}，低于序时进度 {points} 个百分点',
    en: '{unit}: {indicator} at {completion} of target, {points} points behind schedule',
  },
  /** an alert raised before its key and parameters were kept: its stored words in the reader's language */
  stored: { zh: '{text}', en: '{text}' },
  submissionOverdue: {
    zh: '{unit}未按时报送“{task}”（{period}），已逾期 {late}',
    en: '{unit} has not submitted “{task}” ({period}); {late} overdue',
  },
  nextStepOverdue: {
    zh: '{company}：约定 {nextOn}「{nextStep}」，已逾期 {days} 天',
    en: '{company}: “{nextStep}” agreed for {nextOn}, {days} days overdue',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type AlertMessageKey = keyof typeof ALERT_MESSAGE_TEMPLATES;
export const ALERT_MESSAGE_KEYS = Object.keys(ALERT_MESSAGE_TEMPLATES) as [AlertMessageKey, ...AlertMessageKey[]];

export interface AlertMessage {
  key: AlertMessageKey;
  params: Record<string, MessageParam>;
}

/** A template with its parameters filled in one language. */
export const fillMessage = (template: string, params: Record<string, MessageParam>, lang: 'zh' | 'en'): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? '' : typeof value === 'object' ? value[lang] : String(value);
  });

export const alertText = (message: AlertMessage, lang: 'zh' | 'en'): string =>
  fillMessage(ALERT_MESSAGE_TEMPLATES[message.key][lang], message.params, lang);

export const alertMessages = {
  stalled: (name: string, months: number, lastMonth: string | null): AlertMessage =>
    lastMonth ? { key: 'stalled', params: { name, months, lastMonth } } : { key: 'stalledSinceStart', params: { name, months } },
  milestoneOverdue: (name: string, milestone: string, planned: string, days: number): AlertMessage => ({
    key: 'milestoneOverdue',
    params: { name, milestone: milestoneName(milestone), planned, days },
  }),
  signedNotLanded: (name: string, signedOn: string, days: number): AlertMessage => ({
    key: 'signedNotLanded',
    params: { name, signedOn, days },
  }),
  projectBehind: (name: string, completion: number, schedule: number): AlertMessage => ({
    key: 'projectBehind',
    params: { name, completion: pct(completion), schedule: pct(schedule), points: points(schedule, completion) },
  }),
  unitBehind: (unit: string, indicator: { zh: string; en: string }, completion: number, schedule: number): AlertMessage => ({
    key: 'unitBehind',
    params: { unit, indicator: { zh: indicator.zh, en: indicator.en }, completion: pct(completion), points: points(schedule, completion) },
  }),
  submissionOverdue: (unit: string, task: string, period: string, late: { zh: string; en: string }): AlertMessage => ({
    key: 'submissionOverdue',
    params: { unit, task, period, late },
  }),
  nextStepOverdue: (company: string, nextStep: string, nextOn: string, days: number): AlertMessage => ({
    key: 'nextStepOverdue',
    params: { company, nextStep, nextOn, days },
  }),
};
