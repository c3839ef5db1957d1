import { createInflateRaw } from 'node:zlib';

// An .xlsx is a zip of XML parts. Before any spreadsheet library sees an upload, its real shape is measured with
// constant memory: the central directory (entries and the sizes they declare), then every part inflated once into
// nothing, counting bytes — and, in worksheets, rows — and stopping at the first limit passed. A zip bomb
// (1 MB that inflates to gigabytes), a sheet of a million rows or a part lying about its size is refused here in
// well under a second, whatever the parser behind would have done with it.

export interface UploadLimits {
  /** bytes all parts may inflate to together */
  maxInflatedBytes: number;
  /** rows over all worksheets (a header included) */
  maxRows: number;
  /** entries in the zip (a workbook has a few dozen) */
  maxEntries?: number;
}

export type UploadProblem = 'not_xlsx' | 'too_many_entries' | 'inflated_too_large' | 'too_many_rows';

export class UploadRejected extends Error {
  constructor(
    readonly reason: UploadProblem,
    readonly limit = 0,
  ) {
    super(reason);
  }
}

export interface XlsxShape {
  entries: number;
  inflatedBytes: number;
  rows: number;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

const bad = () => new UploadRejected('not_xlsx');
const u64 = (buffer: Buffer, at: number) => Number(buffer.readBigUInt64LE(at));

/** The central directory's entries; throws not_xlsx for anything that is not a well-formed zip. */
export function zipEntries(buffer: Buffer, maxEntries = MAX_ENTRIES): Entry[] {
  if (buffer.length < 22) throw bad();
  // the end record sits in the last 22 bytes plus a comment of at most 65,535
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw bad();
  let count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && buffer.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    const record = u64(buffer, end - 12);
    if (record + 56 > buffer.length || buffer.readUInt32LE(record) !== ZIP64_EOCD) throw bad();
    count = u64(buffer, record + 32);
    offset = u64(buffer, record + 48);
  }
  if (count > maxEntries) throw new UploadRejected('too_many_entries', maxEntries);
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL) throw bad();
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    let compressedSize = buffer.readUInt32LE(at + 20);
    let declaredSize = buffer.readUInt32LE(at + 24);
    let localOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    // ZIP64: the sizes and offset that overflowed 32 bits follow in an extra field, in this order
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = buffer.readUInt16LE(extra);
      const size = buffer.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (declaredSize === 0xffffffff) {
          declaredSize = u64(buffer, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(buffer, field);
          field += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(buffer, field);
      }
      extra += 4 + size;
    }
    entries.push({ name, method: buffer.readUInt16LE(at + 10), compressedSize, declaredSize, localOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

/** Where an entry's compressed bytes are, read from its local header. */
function dataOf(buffer: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) throw bad();
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length) throw bad();
  return buffer.subarray(start, start + entry.compressedSize);
}

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

// Rows are counted as the bytes "row" inside a tag name — <row …>, or with a namespace prefix as some writers emit
// it (<x:row>) — found by native memmem: several hundred MB a second. Cells are not counted: the inflated-size limit
// bounds them (each takes a dozen bytes at least).
const ROW = Buffer.from('row', 'latin1');
const LT = 0x3c;
const COLON = 0x3a;
const CARRY = 16; // a tag cut by a chunk boundary is found again in the carried bytes
const endsName = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x3e || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x2f;
const nameChar = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  byte === 0x5f ||
  byte === 0x2e ||
  byte === 0x2d;

function isRowTag(data: Buffer, at: number): boolean {
  if (!endsName(data[at + 3])) return false;
  const before = data[at - 1];
  if (before === LT) return true;
  if (before !== COLON) return false;
  let i = at - 2;
  while (i >= 0 && at - i < 14 && nameChar(data[i]!)) i--;
  return i >= 0 && i < at - 2 && data[i] === LT;
}

/** Row tags in `data` that start at or after `from` (those before were counted with the previous chunk). */
function rowsIn(data: Buffer, from: number): number {
  let count = 0;
  for (let at = data.indexOf(ROW, from); at >= 0; at = data.indexOf(ROW, at + 3)) if (isRowTag(data, at)) count++;
  return count;
}

/**
 * Measures an upload as an .xlsx with the limits; resolves to its shape or rejects with the first limit passed.
 * Memory stays at a few chunks whatever the file holds.
 */
export async function inspectXlsx(buffer: Buffer, limits: UploadLimits): Promise<XlsxShape> {
  const entries = zipEntries(buffer, limits.maxEntries);
  if (!entries.some((e) => /^xl\/workbook\.xml$/i.test(e.name))) throw bad();
  // what the directory declares: most bombs are honest about it
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limits.maxInflatedBytes) throw new UploadRejected('inflated_too_large', limits.maxInflatedBytes);
  const shape: XlsxShape = { entries: entries.length, inflatedBytes: 0, rows: 0 };
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    await inflateCounting(dataOf(buffer, entry), entry, isWorksheet(entry.name), shape, limits);
  }
  return shape;
}

/** Counts the rows a worksheet chunk adds; throws past the limit. */
function countChunk(data: Buffer, from: number, shape: XlsxShape, limits: UploadLimits): void {
  shape.rows += rowsIn(data, from);
  if (shape.rows > limits.maxRows) throw new UploadRejected('too_many_rows', limits.maxRows);
}

function inflateCounting(data: Buffer, entry: Entry, worksheet: boolean, shape: XlsxShape, limits: UploadLimits): Promise<void> {
  if (entry.method === 0) {
    shape.inflatedBytes += data.length;
    if (shape.inflatedBytes > limits.maxInflatedBytes)
      return Promise.reject(new UploadRejected('inflated_too_large', limits.maxInflatedBytes));
    try {
      if (worksheet) countChunk(data, 0, shape, limits);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return Promise.resolve();
  }
  if (entry.method !== 8) return Promise.reject(bad());
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let carry = Buffer.alloc(0);
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      shape.inflatedBytes += chunk.length;
      if (shape.inflatedBytes > limits.maxInflatedBytes) return fail(new UploadRejected('inflated_too_large', limits.maxInflatedBytes));
      if (!worksheet) return;
      // the previous chunk's last bytes come along: a "row" there was not yet judged (its next byte was missing)
      const scanned = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      try {
        countChunk(scanned, Math.max(0, carry.length - 3), shape, limits);
      } catch (error) {
        return fail(error as Error);
      }
      carry = Buffer.from(scanned.subarray(Math.max(0, scanned.length - CARRY)));
    });
    inflate.on('error', () => fail(bad()));
    inflate.on('end', () => {
      if (!failed) resolve();
    });
    inflate.end(data);
  });
}
