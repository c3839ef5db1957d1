import { createDeflateRaw, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { zipEntries } from '../excel/guard.ts';

// Hostile workbooks for the upload tests, built without ever holding what they inflate to.

interface ZipPart {
  name: string;
  /** deflated bytes */
  data: Buffer;
  size: number;
  /** what the central directory says the part inflates to (a liar says less) */
  declaredSize?: number;
  crc?: number;
}

/** A zip of already-deflated parts. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const size = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc ?? 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc ?? 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Deflates `repeat` copies of `unit` (after `head`, before `tail`) as a stream: memory stays at one unit. */
export async function deflateRepeated(
  head: string,
  unit: string,
  repeat: number,
  tail: string,
): Promise<{ data: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const perBlock = unit ? Math.max(1, Math.floor(65_536 / unit.length)) : 1;
  const block = Buffer.from(unit.repeat(perBlock), 'utf8');
  if (!unit) repeat = 0;
  let crc = crc32(head);
  let size = Buffer.byteLength(head);
  deflate.write(head);
  for (let written = 0; written < repeat; written += perBlock) {
    const piece = written + perBlock <= repeat ? block : Buffer.from(unit.repeat(repeat - written), 'utf8');
    crc = crc32(piece, crc);
    size += piece.length;
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  crc = crc32(tail, crc);
  size += Buffer.byteLength(tail);
  deflate.end(tail);
  await done;
  return { data: Buffer.concat(chunks), size, crc };
}

/** The parts of a small real workbook (exceljs), with their deflated bytes. */
async function templateParts(): Promise<ZipPart[]> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRow(['项目名称', '所属单位']);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return zipEntries(buffer).map((entry) => {
    const at = entry.localOffset;
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    return { name: entry.name, data: buffer.subarray(start, start + entry.compressedSize), size: entry.declaredSize };
  });
}

/**
 * A real workbook whose first sheet is replaced: `rows` rows (one cell each) — or, with `inflateMb`, a sheet
 * that inflates to that many MB of rows — optionally lying in its directory that the sheet is 1 KB.
 */
export async function hostileWorkbook(options: { rows?: number; inflateMb?: number; lie?: boolean }): Promise<Buffer> {
  const unit = '<row r="1"><c r="A1" t="inlineStr"><is><t>炸弹</t></is></c></row>';
  const repeat = options.rows ?? Math.ceil(((options.inflateMb ?? 1) * 1_048_576) / Buffer.byteLength(unit));
  const sheet = await deflateRepeated(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    unit,
    repeat,
    '</sheetData></worksheet>',
  );
  const parts = await templateParts();
  return zipOf(
    parts.map((part) =>
      /^xl\/worksheets\/sheet1\.xml$/.test(part.name)
        ? { name: part.name, ...sheet, ...(options.lie ? { declaredSize: 1024 } : {}) }
        : part,
    ),
  );
}
