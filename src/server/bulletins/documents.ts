import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  VerticalAlign,
} from 'docx';
import ExcelJS from 'exceljs';
import { BLOCKER_TYPE_LABELS, type BlockerType } from '../../shared/blockers/rules.ts';
import { lateText } from '../../shared/reporting/periods.ts';
import { safeCell } from '../http/excel.ts';
import type { BulletinContent, BulletinRow, ListedProject } from './snapshot.ts';

// The bulletin as documents: .docx in the style of a government document (GB/T 9704-2012: A4, margins 37/28/35/26 mm,
// title 2号 方正小标宋简体, body 3号 仿宋_GB2312, first-level headings 黑体, page numbers "— 1 —"), and .xlsx.

const yi = (wan: number) => (wan / 10_000).toFixed(2);
const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const points = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '超' : '低于'}${Math.abs(value * 100).toFixed(1)}`);
const chineseDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const movement = (row: BulletinRow) =>
  row.rank === null || row.previousRank === null
    ? ''
    : row.rank < row.previousRank
      ? `↑${row.previousRank - row.rank}`
      : row.rank > row.previousRank
        ? `↓${row.rank - row.previousRank}`
        : '—';

const mm = (value: number) => Math.round(value * 56.7); // twentieths of a point
const BODY = { font: '仿宋_GB2312', size: 32 };
const TABLE = { font: '仿宋_GB2312', size: 21 };

const body = (text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, ...BODY })] });
const heading = (index: number, text: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text: `${NUMERALS[index]}、${text}`, font: '黑体', size: 32 })],
  });
const note = (text: string) =>
  new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text, font: '仿宋_GB2312', size: 24 })] });

function table(headers: string[], rows: (string | number)[][]): Table {
  const cell = (text: string | number, bold = false) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: String(text), ...TABLE, bold })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
}

const projectTable = (list: ListedProject[], dateHeader: string) =>
  list.length
    ? table(
        ['序号', '项目名称', '所属单位', '总投资（万元）', dateHeader],
        list.map((p, i) => [i + 1, p.name, p.unitName, Math.round(p.totalInvestmentWan), p.date ?? '']),
      )
    : body('无。');

/** A draft or a voided bulletin says so on its face, so it can never pass for the signed one. */
const stateMark = (status: string) =>
  status === 'void' ? '（已作废）' : status === 'draft' || status === 'review' ? '（草稿，未签发）' : '';

export async function bulletinDocx(content: BulletinContent, status = 'issued'): Promise<Buffer> {
  const t = content.total;
  const mark = stateMark(status);
  const children: (Paragraph | Table)[] = [
    ...(mark
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: mark, font: '黑体', size: 32, color: 'C00000' })],
          }),
        ]
      : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: `（第${content.number}期）`, ...BODY })],
    }),
    ...(content.docNumber
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: content.docNumber, ...BODY })],
          }),
        ]
      : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 700 },
      children: [new TextRun({ text: content.title, font: '方正小标宋简体', size: 44 })],
    }),
    heading(0, '总体情况'),
    body(
      `截至${chineseDate(content.asOf)}，${content.unit.name}纳入调度的项目${t.projects}个，总投资${yi(t.totalInvestmentWan)}亿元，年度计划投资${yi(t.annualPlanWan)}亿元；本月完成投资${yi(t.monthWan)}亿元，年初至今累计完成${yi(t.ytdWan)}亿元，完成年度计划的${pct(t.completion)}，${points(t.points)}个百分点（序时进度${pct(content.schedule)}）。本月新签约项目${t.newSigned}个、新注册${t.newRegistered}个、新开工${t.newStarted}个、新投产${t.newProducing}个。`,
    ),
    heading(1, '各板块推进情况'),
    note('单位：个、万元'),
    table(
      ['排名', '升降', '板块', '项目个数', '总投资', '年度计划', '本月完成', '累计完成', '完成年度%', '较序时（个百分点）', '本期新增'],
      [...content.rows]
        .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))
        .map((r) => [
          r.rank ?? '—',
          movement(r),
          r.unitName,
          r.projects,
          Math.round(r.totalInvestmentWan),
          Math.round(r.annualPlanWan),
          Math.round(r.monthWan),
          Math.round(r.ytdWan),
          pct(r.completion),
          points(r.points),
          r.newProjects,
        ]),
    ),
    heading(2, '新签约、新开工、新投产项目'),
    body(`（一）新签约项目${content.signed.length}个。`),
    projectTable(content.signed, '签约日期'),
    body(`（二）新开工项目${content.started.length}个。`),
    projectTable(content.started, '开工日期'),
    body(`（三）新投产项目${content.producing.length}个。`),
    projectTable(content.producing, '投产日期'),
    heading(3, '停滞和节点逾期项目'),
    body(
      `停滞（只开工不施工）项目${content.stalledCount}个，节点逾期项目${content.overdueCount}个${content.stalledCount + content.overdueCount > content.stalled.length + content.overdue.length ? '，以下列出总投资最大的各20个' : ''}。`,
    ),
    content.stalled.length || content.overdue.length
      ? table(
          ['序号', '项目名称', '所属单位', '情况'],
          [...content.stalled, ...content.overdue].map((p, i) => [i + 1, p.name, p.unitName, p.note ?? '']),
        )
      : body('无。'),
    heading(4, '问题清单办理情况'),
    body(
      `列入问题清单${content.blockers.length}个，其中已销号${content.blockers.filter((b) => b.status === 'closed').length}个、已办结待确认${content.blockers.filter((b) => b.status === 'resolved').length}个、办理中${content.blockers.filter((b) => b.status === 'open' || b.status === 'in_progress').length}个（逾期${content.blockers.filter((b) => b.overdueDays > 0).length}个）。`,
    ),
    ...(content.blockersByDepartment.length
      ? [
          table(
            ['责任部门', '办理中', '已办结', '已销号', '逾期'],
            content.blockersByDepartment.map((d) => [d.name, d.pending, d.resolved, d.closed, d.overdue]),
          ),
        ]
      : []),
    ...(content.blockers.length
      ? [
          table(
            ['序号', '项目', '问题', '责任部门', '办结时限', '状态'],
            content.blockers.map((b, i) => [
              i + 1,
              b.projectName,
              `【${BLOCKER_TYPE_LABELS[b.type as BlockerType]?.zh ?? b.type}】${b.description}`,
              b.departments.join('、'),
              b.deadline ?? '',
              b.overdueDays ? `${b.statusLabel}（逾期${b.overdueDays}天）` : b.statusLabel,
            ]),
          ),
        ]
      : []),
    heading(5, '填报报送情况'),
    content.compliance.length
      ? table(
          ['单位', '应报', '按时', '逾期', '未报', '逾期时长'],
          content.compliance.map((c) => [c.unitName, c.due, c.onTime, c.late, c.missing, c.lateHours ? lateText(c.lateHours, 'zh') : '—']),
        )
      : body('本月无到期填报任务。'),
    heading(6, '与上期相比'),
    body(
      content.changes.previousPeriod
        ? [
            `与${content.changes.previousPeriod}通报相比：`,
            content.changes.movedUp.length ? `排名上升的有${content.changes.movedUp.join('、')}；` : '',
            content.changes.movedDown.length ? `排名下降的有${content.changes.movedDown.join('、')}；` : '',
            `新销号问题${content.changes.blockersClosed.length}个，新增问题${content.changes.blockersNew.length}个。`,
          ].join('')
        : '本期为首期通报。',
    ),
    ...content.changes.blockersClosed.map((text) => body(`已销号：${text}`)),
    new Paragraph({
      spacing: { before: 600 },
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: content.issuer ?? content.unit.name, ...BODY })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: content.signedOn ? chineseDate(content.signedOn) : '（签发日期）', ...BODY })],
    }),
  ];
  const document = new Document({
    creator: '招引 Zhaoyin',
    title: content.title,
    styles: { default: { document: { run: BODY } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: mm(37), left: mm(28), bottom: mm(35), right: mm(26) } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: 28 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

export function bulletinWorkbook(content: BulletinContent, status = 'issued'): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const landscape = { orientation: 'landscape' as const, paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const sheet = (name: string, title: string, headers: string[], rows: unknown[][], widths: number[]) => {
    const ws = workbook.addWorksheet(name, { pageSetup: landscape });
    const top = ws.addRow([safeCell(title)]);
    top.font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, headers.length);
    ws.addRow(headers.map(safeCell)).font = { bold: true };
    for (const row of rows) ws.addRow(row.map(safeCell));
    ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14));
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    return ws;
  };
  const ranked = [...content.rows].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  sheet(
    '板块排名',
    `${content.title}${stateMark(status)}（第${content.number}期${content.docNumber ? `，${content.docNumber}` : ''}，截至${content.asOf}，序时进度${pct(content.schedule)}）`,
    [
      '排名',
      '升降',
      '板块',
      '项目个数',
      '总投资（万元）',
      '年度计划（万元）',
      '本月完成（万元）',
      '累计完成（万元）',
      '完成年度%',
      '较序时（个百分点）',
      '本期新增',
      '新签约',
      '新注册',
      '新开工',
      '新投产',
    ],
    [...ranked, { ...content.total, unitName: '合计' }].map((r) => [
      r.rank ?? '',
      movement(r),
      r.unitName,
      r.projects,
      r.totalInvestmentWan,
      r.annualPlanWan,
      r.monthWan,
      r.ytdWan,
      r.completion === null ? '' : r.completion,
      r.points === null ? '' : Math.round(r.points * 1000) / 10,
      r.newProjects,
      r.newSigned,
      r.newRegistered,
      r.newStarted,
      r.newProducing,
    ]),
    [6, 6, 22, 10, 14, 14, 14, 14, 10, 14, 10, 8, 8, 8, 8],
  ).getColumn(9).numFmt = '0.0%';
  const projectSheet = (name: string, list: ListedProject[], dateHeader: string) =>
    sheet(
      name,
      name,
      ['项目编号', '项目名称', '所属单位', '总投资（万元）', dateHeader],
      list.map((p) => [p.code, p.name, p.unitName, p.totalInvestmentWan, p.date]),
      [20, 34, 18, 14, 12],
    );
  projectSheet('新签约', content.signed, '签约日期');
  projectSheet('新开工', content.started, '开工日期');
  projectSheet('新投产', content.producing, '投产日期');
  sheet(
    '停滞与逾期',
    '停滞和节点逾期项目',
    ['项目编号', '项目名称', '所属单位', '总投资（万元）', '情况'],
    [...content.stalled, ...content.overdue].map((p) => [p.code, p.name, p.unitName, p.totalInvestmentWan, p.note ?? '']),
    [20, 34, 18, 14, 60],
  );
  sheet(
    '问题清单',
    '问题清单办理情况',
    ['项目', '所属单位', '类型', '问题', '责任部门', '办结时限', '状态', '逾期天数', '办结情况'],
    content.blockers.map((b) => [
      b.projectName,
      b.unitName,
      BLOCKER_TYPE_LABELS[b.type as BlockerType]?.zh ?? b.type,
      b.description,
      b.departments.join('、'),
      b.deadline,
      b.statusLabel,
      b.overdueDays || '',
      b.resolution ?? '',
    ]),
    [30, 14, 8, 40, 24, 12, 10, 8, 40],
  );
  sheet(
    '报送情况',
    '填报报送情况',
    ['单位', '应报', '按时', '逾期', '未报', '逾期时长'],
    content.compliance.map((c) => [c.unitName, c.due, c.onTime, c.late, c.missing, c.lateHours ? lateText(c.lateHours, 'zh') : '']),
    [22, 8, 8, 8, 8, 14],
  );
  return workbook;
}
