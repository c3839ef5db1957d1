import type { Lang } from '../../shared/errors.ts';
import type { AlertKind, Severity } from '../../shared/reporting/alerts.ts';
import type { ListedAlert } from './queries.ts';

export const presentAlert = ({ alert, projectName, unitName, read }: ListedAlert, lang: Lang) => ({
  id: alert.id,
  kind: alert.kind as AlertKind,
  severity: alert.severity as Severity,
  projectCode: alert.projectCode,
  projectName,
  submissionId: alert.submissionId,
  unitCode: alert.unitCode,
  unitName,
  message: lang === 'zh' ? alert.messageZh : alert.messageEn,
  data: alert.data,
  raisedAt: alert.raisedAt.toISOString(),
  resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  read,
});
