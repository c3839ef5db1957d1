import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addSheet, safeCell } from './excel.ts';

describe('formula escaping of every user-chosen string that reaches a sheet', () => {
  it('quotes a leading = + - @ (and tab, CR) in values and in headers', () => {
    expect(['=1+1', '+86', '-3', '@SUM(A1)', '\tx', '\rx', '正常'].map(safeCell)).toEqual([
      "'=1+1",
      "'+86",
      "'-3",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      '正常',
    ]);
    expect(safeCell(-3)).toBe(-3);
    const workbook = new ExcelJS.Workbook();
    const sheet = addSheet(
      workbook,
      '单位',
      [{ header: '=HYPERLINK("http://evil")', value: (r: { name: string }) => r.name }],
      [{ name: '=cmd|calc' }],
    );
    expect(sheet.getCell('A1').value).toBe('\'=HYPERLINK("http://evil")');
    expect(sheet.getCell('A2').value).toBe("'=cmd|calc");
  });
});
