import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readLedgerTableInWorker } from './parse-worker.ts';

async function ledgerSheet(rows: number): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('项目台账');
  sheet.addRow(['项目名称', '所属单位', '投资方', '内外资', '总投资', '当前阶段', '备注']).commit();
  for (let i = 0; i < rows; i++)
    sheet.addRow([`精密轴承项目${i}`, '邗江区', `某某投资公司${i}`, '内资', '3亿元', '签约', 'x'.repeat(40)]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

describe('parsing the ledger sheet in a worker thread', () => {
  it('keeps the event loop answering while a large sheet is parsed, and returns the same table', async () => {
    const file = await ledgerSheet(40_000);
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const table = await readLedgerTableInWorker(file, 200_000);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(table!.rows).toHaveLength(40_000);
    expect(table!.rows[39_999]!.cells.filter(Boolean)).toContain('精密轴承项目39999');
    // the parse takes seconds; the loop never waits long for it (on the main thread its longest stall would be the parse itself)
    expect(elapsed).toBeGreaterThan(300);
    expect(longest).toBeLessThan(Math.min(1_000, elapsed / 2));
  }, 120_000);

  it('refuses an over-long sheet and what is not a workbook, as the reader does', async () => {
    await expect(readLedgerTableInWorker(await ledgerSheet(50), 10)).rejects.toMatchObject({ reason: 'too_many_rows', limit: 10 });
    await expect(readLedgerTableInWorker(Buffer.from('not a workbook'), 10)).rejects.toMatchObject({ reason: 'unreadable' });
  });
});
