import ExcelJS from 'exceljs';
import { safeCell } from '../http/excel.ts';
import type { LeagueTable, SchemeRow } from './queries.ts';

export function tableWorkbook(scheme: SchemeRow, table: LeagueTable, zh: boolean): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '排名' : 'Standings', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const label = (key: string) => {
    const indicator = table.indicators.find((i) => i.key === key);
    return indicator ? (zh ? indicator.label.zh : indicator.label.en) : key;
  };
  const headers = [zh ? '组别' : 'Group', zh ? '排名' : 'Rank', zh ? '升降' : 'Move', zh ? '单位' : 'Unit'];
  for (const item of scheme.items)
    headers.push(
      `${label(item.indicator)}${zh ? '完成' : ' actual'}`,
      zh ? '目标' : 'target',
      zh ? '完成率' : 'ratio',
      `${zh ? '得分' : 'points'}（${item.weight}）`,
    );
  headers.push(zh ? '加减分' : 'Adjustment', zh ? '总分' : 'Total');
  const title = sheet.addRow([safeCell(`${scheme.name} ${table.period.key}（${zh ? '截至' : 'to'} ${table.period.to}）`)]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  title.alignment = { horizontal: 'center' };
  const headerRow = sheet.addRow(headers);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const row of table.rows) {
    const move = row.movement === null ? '' : row.movement > 0 ? `↑${row.movement}` : row.movement < 0 ? `↓${-row.movement}` : '—';
    const cells: unknown[] = [row.group || (zh ? '全部' : 'All'), row.rank, move, row.unitName];
    for (const item of row.items)
      cells.push(item.actual, item.target, item.ratio === null ? null : Math.round(item.ratio * 10_000) / 10_000, item.score);
    cells.push(row.adjustment, row.total);
    const added = sheet.addRow(cells.map(safeCell));
    row.items.forEach((_, i) => (added.getCell(4 + i * 4 + 3).numFmt = '0.0%'));
  }
  sheet.columns.forEach((column, i) => (column.width = i === 3 ? 22 : 11));
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 4 }];
  return workbook;
}
