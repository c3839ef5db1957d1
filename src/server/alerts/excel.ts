// The alert list as a workbook (预警清单): what the 预警中心 shows, with names, words and local times.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { dateTimeIn, today } from '../../shared/calendar.ts';
import { ALERT_KIND_LABELS, SEVERITY_LABELS } from '../../shared/reporting/alerts.ts';
import { addListSheet, sendWorkbook, exportedAt } from '../http/excel.ts';
import type { presentAlert } from './presenter.ts';

type AlertView = ReturnType<typeof presentAlert>;

export async function sendAlertsWorkbook(
  reply: FastifyReply,
  unitName: string,
  status: 'open' | 'resolved' | 'all',
  items: AlertView[],
  lang: 'zh' | 'en',
) {
  const zh = lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  const statusWord = { open: zh ? '当前预警' : 'open', resolved: zh ? '已解除预警' : 'resolved', all: zh ? '全部预警' : 'all' }[status];
  addListSheet(workbook, zh ? '预警清单' : 'Alerts', {
    lang,
    title: zh ? `${unitName}预警清单` : `Alerts · ${unitName}`,
    subtitle: zh
      ? `${statusWord}，共 ${items.length} 条；${exportedAt('zh')}`
      : `${items.length} ${statusWord} alerts; ${exportedAt('en')}`,
    rows: items,
    columns: [
      { header: zh ? '级别' : 'Severity', width: 8, value: (a) => SEVERITY_LABELS[a.severity][lang] },
      { header: zh ? '预警类型' : 'Kind', width: 14, value: (a) => ALERT_KIND_LABELS[a.kind][lang] },
      { header: zh ? '预警内容' : 'Alert', width: 50, value: (a) => a.message },
      { header: zh ? '项目名称' : 'Project', width: 30, value: (a) => a.projectName ?? a.companyName },
      { header: zh ? '项目编号' : 'Code', width: 20, value: (a) => a.projectCode },
      { header: zh ? '所属单位' : 'Unit', width: 16, value: (a) => a.unitName ?? a.unitCode },
      { header: zh ? '发生时间' : 'Raised', width: 17, value: (a) => dateTimeIn(a.raisedAt) },
      { header: zh ? '解除时间' : 'Resolved', width: 17, value: (a) => (a.resolvedAt ? dateTimeIn(a.resolvedAt) : null) },
      { header: zh ? '处置人' : 'Assigned to', width: 12, value: (a) => a.assignee?.name ?? null },
      { header: zh ? '暂缓至' : 'Snoozed until', width: 12, value: (a) => a.snoozedUntil },
      { header: zh ? '暂缓原因' : 'Why', width: 24, value: (a) => a.snoozeReason },
    ],
  });
  return sendWorkbook(reply, `${zh ? '预警清单' : 'alerts'}-${today()}.xlsx`, workbook);
}
