import { parentPort, workerData } from 'node:worker_threads';
import { matchHeader } from '../projects/import/columns.ts';
import { readTableStream, SheetReadError } from './stream.ts';

// Runs in a worker thread (see parse-worker.ts): parses the ledger sheet off the event loop, under its own heap limit.
const { buffer, maxRows } = workerData as { buffer: Uint8Array; maxRows: number };
try {
  const table = await readTableStream(
    Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    (header) => matchHeader(header) !== null,
    { preferHeaders: ['项目名称'], maxRows },
  );
  parentPort!.postMessage({ ok: true, table });
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    reason: error instanceof SheetReadError ? error.reason : 'unreadable',
    limit: error instanceof SheetReadError ? error.limit : 0,
  });
}
