// Project lifecycle (GLOSSARY: Lifecycle). Pure rules shared by server and web.

export const STAGES = ['lead', 'negotiating', 'signed', 'registered', 'started', 'completed', 'producing', 'at_capacity'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册', en: 'Registered' },
  started: { zh: '开工', en: 'Started' },
  completed: { zh: '竣工', en: 'Completed' },
  producing: { zh: '投产', en: 'In production' },
  at_capacity: { zh: '达产', en: 'At capacity' },
};

export const STATUSES = ['normal', 'paused', 'terminated'] as const;
export type ProjectStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<ProjectStatus, { zh: string; en: string }> = {
  normal: { zh: '正常', en: 'Normal' },
  paused: { zh: '暂停', en: 'Paused' },
  terminated: { zh: '终止', en: 'Terminated' },
};

/** Reason codes of 终止 / 流失. */
export const TERMINATION_REASONS = [
  'investor_withdrew',
  'moved_elsewhere',
  'land_unavailable',
  'approval_refused',
  'funding_failed',
  'policy_change',
  'duplicate',
  'other',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export const TERMINATION_REASON_LABELS: Record<TerminationReason, { zh: string; en: string }> = {
  investor_withdrew: { zh: '投资方撤回', en: 'Investor withdrew' },
  moved_elsewhere: { zh: '落户外地', en: 'Went elsewhere' },
  land_unavailable: { zh: '用地无法保障', en: 'No land' },
  approval_refused: { zh: '审批未通过', en: 'Approval refused' },
  funding_failed: { zh: '资金未落实', en: 'Funding failed' },
  policy_change: { zh: '政策调整', en: 'Policy change' },
  duplicate: { zh: '重复录入', en: 'Duplicate entry' },
  other: { zh: '其他', en: 'Other' },
};

export const CONTRACT_KINDS = ['intent', 'framework', 'formal'] as const; // 意向书 / 框架协议 / 正式合同
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_KIND_LABELS: Record<ContractKind, { zh: string; en: string }> = {
  intent: { zh: '意向', en: 'Letter of intent' },
  framework: { zh: '框架', en: 'Framework agreement' },
  formal: { zh: '正式', en: 'Formal contract' },
};

export const stageIndex = (stage: Stage): number => STAGES.indexOf(stage);

export function stageFromChinese(text: string): Stage | undefined {
  const normalized = text.trim().replace(/阶段$/, '');
  const aliases: Record<string, Stage> = {
    洽谈: 'negotiating',
    在手: 'negotiating',
    达效: 'at_capacity',
    全部投产: 'producing',
    部分投产: 'producing',
  };
  return STAGES.find((stage) => STAGE_LABELS[stage].zh === normalized) ?? aliases[normalized];
}

/** Dates of the lifecycle, ISO `YYYY-MM-DD` or null. `listedOn` is 入库列统, a milestone beside the stages. */
export type StageDates = Partial<Record<Stage, string | null>>;

export interface LifecycleProblem {
  field: Stage | 'listed';
  severity: 'error' | 'warning';
  code:
    | 'date_required'
    | 'date_after_stage'
    | 'date_order'
    | 'earlier_date_missing'
    | 'listed_needs_start'
    | 'listed_before_start'
    | 'listed_threshold';
}

/** 入库列统 needs 开工 and 计划总投资 ≥ 500万元 (GLOSSARY: 统计口径). */
export const LISTING_THRESHOLD_WAN = 500;

/**
 * Checks the dates of a project against its stage:
 * from 签约 on, the current stage needs its date; no date for a stage later than the current one;
 * the dates that are there never go backwards along the lifecycle; a missing earlier date is only a warning.
 */
export function checkLifecycle(
  stage: Stage,
  dates: StageDates,
  listedOn: string | null | undefined,
  totalInvestmentWan: number | null,
): LifecycleProblem[] {
  const problems: LifecycleProblem[] = [];
  const current = stageIndex(stage);
  if (current >= stageIndex('signed') && !dates[stage]) problems.push({ field: stage, severity: 'error', code: 'date_required' });
  for (const later of STAGES.slice(current + 1))
    if (dates[later]) problems.push({ field: later, severity: 'error', code: 'date_after_stage' });
  let previous: string | null = null;
  for (const s of STAGES.slice(0, current + 1)) {
    const date = dates[s];
    if (!date) {
      if (stageIndex(s) >= stageIndex('signed') && s !== stage && !(s === 'registered'))
        problems.push({ field: s, severity: 'warning', code: 'earlier_date_missing' });
      continue;
    }
    if (previous && date < previous) problems.push({ field: s, severity: 'error', code: 'date_order' });
    previous = date;
  }
  if (listedOn) {
    if (!dates.started || current < stageIndex('started'))
      problems.push({ field: 'listed', severity: 'error', code: 'listed_needs_start' });
    else if (listedOn < dates.started) problems.push({ field: 'listed', severity: 'error', code: 'listed_before_start' });
    if (totalInvestmentWan !== null && totalInvestmentWan < LISTING_THRESHOLD_WAN)
      problems.push({ field: 'listed', severity: 'error', code: 'listed_threshold' });
  }
  return problems;
}

export const LIFECYCLE_MESSAGES: Record<LifecycleProblem['code'], { zh: string; en: string }> = {
  date_required: { zh: '当前阶段为“{stage}”，须填写{stage}日期', en: 'The current stage is {stage}: its date is required' },
  date_after_stage: { zh: '“{stage}”晚于当前阶段，不应有日期', en: '{stage} is later than the current stage and cannot have a date' },
  date_order: { zh: '“{stage}”日期早于前一阶段的日期', en: 'The {stage} date is earlier than the previous stage’s' },
  earlier_date_missing: { zh: '缺少“{stage}”日期（仅提示）', en: 'The {stage} date is missing (warning only)' },
  listed_needs_start: { zh: '入库列统须先开工', en: 'Listing needs construction to have started' },
  listed_before_start: { zh: '入库列统日期不能早于开工日期', en: 'The listing date cannot precede the start date' },
  listed_threshold: { zh: '计划总投资不足500万元，不能入库列统', en: 'Projects under 5 million yuan cannot be listed' },
};

/**
 * The stage a project was in on `asOf`: the latest stage dated on or before it.
 * Before any dated stage (or with no dates) it was at the first stage it had, lead or negotiating.
 */
export function stageAsOf(current: Stage, dates: StageDates, asOf: string): Stage {
  let result: Stage | null = null;
  for (const s of STAGES.slice(0, stageIndex(current) + 1)) {
    const date = dates[s];
    if (date && date <= asOf) result = s;
  }
  if (result) return result;
  return current === 'lead' ? 'lead' : 'negotiating';
}

/** A project exists from its 首次填报日期, else its earliest stage date, else the day it was entered. */
export function existsFrom(firstReportedOn: string | null | undefined, dates: StageDates, createdOn: string): string {
  if (firstReportedOn) return firstReportedOn;
  const known = STAGES.map((s) => dates[s]).filter((d): d is string => Boolean(d));
  return known.length > 0 ? known.sort()[0]! : createdOn;
}
