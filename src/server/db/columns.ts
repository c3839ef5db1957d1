import { customType } from 'drizzle-orm/pg-core';

/** A binary column (attachments, photos): Buffers in and out, whichever driver hands back a Uint8Array. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
