// 问题清单 as a workbook: what the list shows, with names and words, a title, 序号 and a 合计 line.
import ExcelJS from 'exceljs';
import { dateTimeIn } from '../../shared/calendar.ts';
import { BLOCKER_STATUS_LABELS, BLOCKER_TYPE_LABELS } from '../../shared/blockers/rules.ts';
import type { Lang } from '../../shared/errors.ts';
import { addListSheet, exportedAt } from '../http/excel.ts';
import type { listBlockers } from './queries.ts';

type Blocker = Awaited<ReturnType<typeof listBlockers>>[number];

export function blockersWorkbook(title: string, items: Blocker[], unitNames: Map<string, string>, lang: Lang): ExcelJS.Workbook {
  const zh = lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  addListSheet<Blocker>(workbook, zh ? '问题清单' : 'Blockers', {
    lang,
    title,
    subtitle: zh ? `共 ${items.length} 个问题；${exportedAt('zh')}` : `${items.length} blockers; ${exportedAt('en')}`,
    rows: items,
    columns: [
      { header: zh ? '项目名称' : 'Project', width: 30, value: (b) => b.project.name },
      { header: zh ? '所属单位' : 'Unit', width: 14, value: (b) => unitNames.get(b.project.unitCode) ?? b.project.unitCode },
      {
        header: zh ? '总投资(亿元)' : 'Total (100m CNY)',
        width: 12,
        value: (b) => Math.round(b.project.totalInvestmentWan) / 10_000,
        sum: true,
        numFmt: '#,##0.00',
      },
      {
        header: zh ? '问题类型' : 'Type',
        width: 12,
        value: (b) => BLOCKER_TYPE_LABELS[b.type as keyof typeof BLOCKER_TYPE_LABELS]?.[lang] ?? b.type,
      },
      { header: zh ? '问题描述' : 'Description', width: 40, value: (b) => b.description },
      { header: zh ? '责任部门' : 'Departments', width: 24, value: (b) => b.departments.map((d) => d.name).join('、') },
      { header: zh ? '责任人' : 'Responsible', width: 10, value: (b) => b.responsiblePerson },
      { header: zh ? '协调领导' : 'Leader', width: 10, value: (b) => b.coordinatingLeader },
      { header: zh ? '办结时限' : 'Deadline', width: 12, value: (b) => b.deadline },
      { header: zh ? '状态' : 'Status', width: 10, value: (b) => BLOCKER_STATUS_LABELS[b.status][lang] },
      { header: zh ? '逾期(天)' : 'Days late', width: 9, value: (b) => b.overdueDays || null },
      { header: zh ? '办理结果' : 'Resolution', width: 30, value: (b) => b.resolution },
      { header: zh ? '提出时间' : 'Raised', width: 17, value: (b) => dateTimeIn(b.raisedAt) },
    ],
  });
  return workbook;
}
