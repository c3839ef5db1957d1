// 工作台: what a person must do, by deadline. The kinds of to-do and the one order they are listed in.
import { daysBetween } from './calendar.ts';

export const DESK_KINDS = [
  'fill', // 待填报 (a draft of the caller's unit)
  'returned', // 退回修改 (the reviewer sent it back: its rows carry the comments)
  'review', // 待审核 (submitted to the caller's unit)
  'blocker', // 本部门的问题 (a liaison's department is responsible)
  'confirm_blocker', // 待销号 (resolved by the department: the project's unit confirms)
  'issue_targets', // 待下达目标
  'meeting', // 即将召开的调度会
  'alert', // 指派给我的预警
] as const;
export type DeskKind = (typeof DESK_KINDS)[number];

export interface DeskDue {
  kind: DeskKind;
  dueOn: string | null;
}

/** Days past the due day as of `today` (0 when not yet due or without a due day). */
export const daysOverdue = (dueOn: string | null, today: string): number => (dueOn && dueOn < today ? daysBetween(dueOn, today) : 0);

/** By due day (so the overdue come first, the longest overdue on top), the undated last; ties keep the kinds' order. */
export function byDeadline<T extends DeskDue>(items: readonly T[]): T[] {
  const rank = (kind: DeskKind) => DESK_KINDS.indexOf(kind);
  return [...items].sort((a, b) => {
    if (a.dueOn !== b.dueOn) {
      if (a.dueOn === null) return 1;
      if (b.dueOn === null) return -1;
      return a.dueOn < b.dueOn ? -1 : 1;
    }
    return rank(a.kind) - rank(b.kind);
  });
}
