// The worker's entry: the server runs TypeScript through tsx, which a worker thread must register for itself.
import { register } from 'tsx/esm/api';

register();
await import('./ledger-worker.ts');
