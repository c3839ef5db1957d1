import type { Messages } from './messages.ts';

export const alertsMessages = {
  alertKind: ['预警类型', 'Kind'],
  severity: ['级别', 'Severity'],
  raisedAt: ['发生时间', 'Raised'],
  resolvedAt: ['解除时间', 'Resolved'],
  markAllRead: ['全部标为已读', 'Mark all read'],
  markAllReadConfirm: ['将当前范围内的全部预警标为已读？', 'Mark every alert in view as read?'],
  openAlerts: ['当前预警', 'Open'],
  resolvedAlerts: ['已解除', 'Resolved'],
  noAlerts: ['暂无预警', 'No alerts'],
  alert: ['预警内容', 'Alert'],
  openTheReport: ['打开填报', 'Open the report'],
} as const satisfies Messages;
