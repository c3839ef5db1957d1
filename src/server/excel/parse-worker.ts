import { Worker } from 'node:worker_threads';
import { SheetReadError, type StreamedTable } from './stream.ts';

// A province's ledger sheet takes seconds of CPU to parse: done in a worker thread, so health checks and every other
// user are answered meanwhile, and under a heap limit of its own, so a sheet that still outgrows it ends that worker
// (the upload is refused) rather than the server.

const WORKER = new URL('./ledger-worker.mjs', import.meta.url);
const HEAP_MB = 1024;

export function readLedgerTableInWorker(buffer: Buffer, maxRows: number): Promise<StreamedTable | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { buffer, maxRows }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once(
      'message',
      (message: { ok: true; table: StreamedTable | null } | { ok: false; reason: 'unreadable' | 'too_many_rows'; limit: number }) => {
        settle(() => (message.ok ? resolve(message.table) : reject(new SheetReadError(message.reason, message.limit))));
      },
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetReadError('too_large') : new SheetReadError('unreadable'))),
    );
    worker.once('exit', (code) => settle(() => reject(new SheetReadError(code === 0 ? 'unreadable' : 'too_large'))));
  });
}
