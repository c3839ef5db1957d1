import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hostileWorkbook, zipOf, deflateRepeated } from '../testing/bomb.ts';
import { inspectXlsx, zipEntries } from './guard.ts';

const generous = { maxInflatedBytes: 2_000 * 1_048_576, maxRows: 10_000_000 };

describe('measuring an uploaded workbook before any parser sees it', () => {
  it('counts the rows and inflated bytes of a real workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['项目名称', '所属单位', '备注']);
    for (let i = 0; i < 1234; i++) sheet.addRow([`项目${i}`, '邗江区', 'arrow <row> in text is not a row']);
    workbook.addWorksheet('说明').addRow(['row', 'rows']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const shape = await inspectXlsx(buffer, generous);
    expect(shape.rows).toBe(1236);
    expect(shape.inflatedBytes).toBeGreaterThan(buffer.length);
  });

  it('counts rows written with a namespace prefix, and across chunk boundaries', async () => {
    const sheet = await deflateRepeated(
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>',
      '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>\n',
      300_000,
      '</x:sheetData></x:worksheet>',
    );
    const buffer = zipOf([
      { name: 'xl/workbook.xml', data: (await deflateRepeated('<workbook/>', '', 0, '')).data, size: 11 },
      { name: 'xl/worksheets/sheet1.xml', ...sheet },
    ]);
    expect((await inspectXlsx(buffer, generous)).rows).toBe(300_000);
  });

  it('refuses a bomb by what its directory declares, at once', async () => {
    const bomb = await hostileWorkbook({ inflateMb: 400 });
    expect(bomb.length).toBeLessThan(3 * 1_048_576);
    const started = performance.now();
    await expect(inspectXlsx(bomb, { maxInflatedBytes: 50 * 1_048_576, maxRows: 20_000 })).rejects.toMatchObject({
      reason: 'inflated_too_large',
    });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a bomb lying about its size by inflating it into nothing, stopping at the limit', async () => {
    const bomb = await hostileWorkbook({ inflateMb: 400, lie: true });
    expect(zipEntries(bomb).reduce((sum, e) => sum + e.declaredSize, 0)).toBeLessThan(1_048_576);
    const before = process.memoryUsage().rss;
    await expect(inspectXlsx(bomb, { maxInflatedBytes: 50 * 1_048_576, maxRows: 10_000_000 })).rejects.toMatchObject({
      reason: 'inflated_too_large',
      limit: 50 * 1_048_576,
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1_048_576);
  });

  it('refuses too many rows before reading them all', async () => {
    const sheet = await hostileWorkbook({ rows: 200_000 });
    await expect(inspectXlsx(sheet, { maxInflatedBytes: 500 * 1_048_576, maxRows: 100_000 })).rejects.toMatchObject({
      reason: 'too_many_rows',
      limit: 100_000,
    });
  });

  it('refuses what is not a workbook: text, a zip without a workbook part, a cut file, too many entries', async () => {
    await expect(inspectXlsx(Buffer.from('项目名称,所属单位\n'), generous)).rejects.toMatchObject({ reason: 'not_xlsx' });
    const notWorkbook = zipOf([{ name: 'word/document.xml', ...(await deflateRepeated('<w/>', '', 0, '')) }]);
    await expect(inspectXlsx(notWorkbook, generous)).rejects.toMatchObject({ reason: 'not_xlsx' });
    const real = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    await expect(inspectXlsx(real.subarray(0, real.length - 30), generous)).rejects.toMatchObject({ reason: 'not_xlsx' });
    const garbled = Buffer.from(real);
    garbled.fill(0x55, 40, 400);
    await expect(inspectXlsx(garbled, generous)).rejects.toMatchObject({ reason: 'not_xlsx' });
    const many = zipOf(Array.from({ length: 50 }, (_, i) => ({ name: `xl/${i}.xml`, data: Buffer.from([3, 0]), size: 0 })));
    await expect(inspectXlsx(many, { ...generous, maxEntries: 20 })).rejects.toMatchObject({ reason: 'too_many_entries' });
  });
});
