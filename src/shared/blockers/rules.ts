import { daysBetween } from '../calendar.ts';

// 问题清单 / 对账销号: blocker types, statuses, transitions, overdue and escalation rules. Pure.

export const BLOCKER_TYPES = [
  'land',
  'planning',
  'approval',
  'environment',
  'energy',
  'funding',
  'utilities',
  'demolition',
  'talent',
  'other',
] as const;
export type BlockerType = (typeof BLOCKER_TYPES)[number];
export const BLOCKER_TYPE_LABELS: Record<BlockerType, { zh: string; en: string }> = {
  land: { zh: '用地', en: 'Land' },
  planning: { zh: '规划', en: 'Planning' },
  approval: { zh: '审批', en: 'Approvals' },
  environment: { zh: '环评', en: 'Environmental assessment' },
  energy: { zh: '能耗', en: 'Energy quota' },
  funding: { zh: '资金', en: 'Funding' },
  utilities: { zh: '水电气热', en: 'Water, power, gas, heat' },
  demolition: { zh: '征拆', en: 'Land clearance' },
  talent: { zh: '人才', en: 'Talent' },
  other: { zh: '其他', en: 'Other' },
};

/** 待办 → 办理中 → 已办结 (the department's resolution) → 已销号 (the owner's confirmation); a rejected resolution goes back to 办理中. */
export const BLOCKER_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type BlockerStatus = (typeof BLOCKER_STATUSES)[number];
export const BLOCKER_STATUS_LABELS: Record<BlockerStatus, { zh: string; en: string }> = {
  open: { zh: '待办', en: 'Open' },
  in_progress: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '已办结', en: 'Resolved' },
  closed: { zh: '已销号', en: 'Closed' },
};

export type BlockerAction = 'note' | 'resolve' | 'confirm' | 'reopen' | 'edit';

/** Which actions a blocker's status allows (who may take them is checked apart). */
export function allowedActions(status: BlockerStatus): BlockerAction[] {
  switch (status) {
    case 'open':
    case 'in_progress':
      return ['note', 'resolve', 'edit'];
    case 'resolved':
      return ['note', 'confirm', 'reopen'];
    case 'closed':
      return [];
  }
}

/** Still on someone's desk: not yet resolved by the department. */
export const isPending = (status: BlockerStatus): boolean => status === 'open' || status === 'in_progress';

/** Days past the deadline of a pending blocker (0 when not overdue). */
export function overdueDays(deadline: string | null, status: BlockerStatus, today: string): number {
  if (!deadline || !isPending(status) || deadline >= today) return 0;
  return daysBetween(deadline, today);
}

/**
 * 要素保障 (⚙): a pending blocker goes onto the higher unit's list when its project is large (Zhenjiang: 30亿元 and above)
 * or it is overdue by more than N days.
 */
export function escalates(
  blocker: { status: BlockerStatus; deadline: string | null; totalInvestmentWan: number },
  today: string,
  rule: { minInvestmentYi: number; overdueDays: number },
): boolean {
  if (blocker.status === 'closed') return false;
  return (
    blocker.totalInvestmentWan >= rule.minInvestmentYi * 10_000 || overdueDays(blocker.deadline, blocker.status, today) > rule.overdueDays
  );
}

/**
 * The status a blocker had at an instant, replayed from its history (raise → 待办, the first note → 办理中, resolve →
 * 已办结, confirm → 已销号, reopen → 办理中); null when it was not yet raised. Bulletins show blockers as of their day.
 */
export function statusAt(history: readonly { kind: string; at: Date }[], at: Date): BlockerStatus | null {
  let status: BlockerStatus | null = null;
  for (const note of [...history].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (note.at.getTime() > at.getTime()) break;
    if (note.kind === 'raise') status = 'open';
    else if (status === null) continue;
    else if (note.kind === 'note' && status === 'open') status = 'in_progress';
    else if (note.kind === 'resolve') status = 'resolved';
    else if (note.kind === 'confirm') status = 'closed';
    else if (note.kind === 'reopen') status = 'in_progress';
  }
  return status;
}
