import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTableStream, utf8Aligned } from './stream.ts';

const HEADERS = ['项目名称', '所属单位', '投资方', '行业'];
const known = (header: string) => HEADERS.includes(header);
// Chinese text of every length, so characters fall on every byte offset of the inflater's chunks
const textOf = (i: number) => `第${i}号${'海工装备和高技术船舶铁路航空航天运输设备制造'.repeat(1 + (i % 7))}${'项目'.slice(0, i % 3)}`;

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

describe('reading an uploaded sheet as a stream', () => {
  it('never cuts a UTF-8 character between chunks', async () => {
    const bytes = Buffer.from('高技术船舶𠀋ab', 'utf8');
    for (let size = 1; size <= bytes.length; size++) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
      const out = await collect(
        utf8Aligned(
          (async function* () {
            yield* chunks;
          })(),
        ),
      );
      expect(out.map((c) => c.toString('utf8')).join('')).toBe('高技术船舶𠀋ab');
      expect(Buffer.concat(out).equals(bytes)).toBe(true);
    }
  });

  it('reads back every Chinese character of a large sheet, with shared strings and with inline strings', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => [
      textOf(i),
      '高邮市',
      `某某${textOf(i + 1)}有限公司`,
      '铁路、船舶、航空航天和其他运输设备制造业',
    ]);
    const shared = new ExcelJS.Workbook();
    const sheet = shared.addWorksheet('台账');
    sheet.addRow(HEADERS);
    for (const row of rows) sheet.addRow(row);
    const sharedBuffer = Buffer.from((await shared.xlsx.writeBuffer()) as ArrayBuffer);

    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => parts.push(chunk));
    const inline = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
    const streamed = inline.addWorksheet('台账');
    streamed.addRow(HEADERS).commit();
    for (const row of rows) streamed.addRow(row).commit();
    streamed.commit();
    await inline.commit();
    const inlineBuffer = Buffer.concat(parts);

    for (const buffer of [sharedBuffer, inlineBuffer]) {
      const table = (await readTableStream(buffer, known))!;
      expect(table.rows).toHaveLength(rows.length);
      const read = table.rows.map((r) => [...table.headers.keys()].map((col) => r.cells[col]));
      expect(read).toEqual(rows);
    }
  });

  it('refuses a sheet of more rows than allowed, and a file that is not a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(HEADERS);
    for (let i = 0; i < 20; i++) sheet.addRow([`项目${i}`, '高邮市', '某公司', '制造业']);
    const buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    await expect(readTableStream(buffer, known, { maxRows: 10 })).rejects.toMatchObject({ reason: 'too_many_rows', limit: 10 });
    await expect(readTableStream(Buffer.from('not a workbook'), known)).rejects.toMatchObject({ reason: 'unreadable' });
  });
});
