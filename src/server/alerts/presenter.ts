import type { Lang } from '../../shared/errors.ts';
import { ALERT_KINDS, ALERT_MESSAGE_TEMPLATES, type AlertKind, type AlertMessage, type Severity } from '../../shared/reporting/alerts.ts';
import type { ListedAlert } from './queries.ts';

export const presentAlert = ({ alert, projectName, companyName, unitName, read, triage, assigneeName }: ListedAlert, lang: Lang) => ({
  id: alert.id,
  kind: alert.kind as AlertKind,
  severity: alert.severity as Severity,
  projectCode: alert.projectCode,
  projectName,
  submissionId: alert.submissionId,
  companyId: alert.companyId,
  companyName,
  unitCode: alert.unitCode,
  unitName,
  text: messageOf(alert.data, lang === 'zh' ? alert.messageZh : alert.messageEn),
  message: lang === 'zh' ? alert.messageZh : alert.messageEn,
  data: alert.data,
  raisedAt: alert.raisedAt.toISOString(),
  resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  read,
  assignee: triage?.assigneeId ? { id: triage.assigneeId, name: assigneeName ?? '' } : null,
  snoozedUntil: triage?.snoozedUntil ?? null,
  snoozeReason: triage?.snoozeReason ?? null,
});

/** The key and parameters kept with the alert; an alert raised before they were kept is shown by its stored words. */
function messageOf(data: Record<string, unknown>, worded: string): AlertMessage {
  const kept = data['message'] as Partial<AlertMessage> | undefined;
  if (kept?.key && kept.key in ALERT_MESSAGE_TEMPLATES && kept.params && typeof kept.params === 'object')
    return { key: kept.key, params: kept.params };
  return { key: 'stored', params: { text: worded } };
}

/** The summary per kind, every kind listed (a kind without open alerts with zeros). */
export function presentSummary(
  rows: { kind: string; open: number; high: number; unread: number; snoozed: number; mine: number; unassigned: number }[],
) {
  return ALERT_KINDS.map((kind) => ({
    open: 0,
    high: 0,
    unread: 0,
    snoozed: 0,
    mine: 0,
    unassigned: 0,
    ...rows.find((r) => r.kind === kind),
    kind,
  }));
}
