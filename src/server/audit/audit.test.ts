import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type TestContext } from '../testing/harness.ts';
import { departments } from '../departments/schema.ts';
import { auditLog } from './schema.ts';
import { verifyAuditChain } from './verify.ts';

describe.each(BACKENDS)('audit log on %s', (backend) => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'admin', ['sysadmin'], '321000');
    await addUser(context.database, 'auditor', ['auditor'], '320000');
    await addUser(context.database, 'yz_auditor', ['auditor'], '321000');
    await addUser(context.database, 'officer', ['officer'], '321003');
  });
  afterAll(() => context.close());

  it('is closed to everyone but auditors', async () => {
    expect((await as(context, null)('GET', '/api/v1/audit')).status).toBe(401);
    const admin = as(context, await loginCookie(context, 'admin'));
    expect((await admin('GET', '/api/v1/audit')).status).toBe(403);
    expect((await admin('GET', '/api/v1/audit/export')).status).toBe(403);
  });

  it('records field-level before and after values of an update', async () => {
    const admin = as(context, await loginCookie(context, 'admin'));
    const created = (await admin('POST', '/api/v1/departments', { unitCode: '321000', name: '扬州市商务局', kind: 'commerce', contactName: '李明' })).json() as { id: string; version: number };
    await admin('PATCH', `/api/v1/departments/${created.id}`, { version: created.version, contactName: '王芳' });
    const auditor = as(context, await loginCookie(context, 'auditor'));
    const rows = (await auditor('GET', `/api/v1/audit?objectType=department&objectId=${created.id}`)).json() as { items: { action: string; changes: Record<string, { before: unknown; after: unknown }>; username: string; ip: string }[] };
    const update = rows.items.find((row) => row.action === 'department.update')!;
    expect(update.changes).toEqual({ contactName: { before: '李明', after: '王芳' } });
    expect(update.username).toBe('admin');
    expect(update.ip).toBeTruthy();
  });

  it('shows an auditor only the rows of their subtree', async () => {
    const cityAuditor = as(context, await loginCookie(context, 'yz_auditor'));
    const rows = (await cityAuditor('GET', '/api/v1/audit?pageSize=200')).json() as { items: { unitCode: string | null }[] };
    expect(rows.items.length).toBeGreaterThan(0);
    expect(rows.items.every((row) => row.unitCode === '321000' || row.unitCode === '321003')).toBe(true);
  });

  it('makes no business change when its audit row cannot be written', async () => {
    const admin = as(context, await loginCookie(context, 'admin'));
    // Make the next append fail inside the database.
    await context.database.db.execute(sql`alter table audit_head add constraint audit_head_block check (seq < 0) not valid`);
    try {
      const response = await admin('POST', '/api/v1/departments', { unitCode: '321000', name: '扬州市财政局', kind: 'finance' });
      expect(response.status).toBe(500);
      const rows = await context.database.db.select().from(departments).where(eq(departments.name, '扬州市财政局'));
      expect(rows).toHaveLength(0);
    } finally {
      await context.database.db.execute(sql`alter table audit_head drop constraint audit_head_block`);
    }
  });

  it('refuses UPDATE and DELETE on the log in the database itself', async () => {
    await expect(context.database.db.execute(sql`update audit_log set username = 'x' where seq = 1`)).rejects.toThrow();
    await expect(context.database.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it('verifies the chain, and finds a row altered or removed behind the application’s back', async () => {
    const auditor = as(context, await loginCookie(context, 'auditor'));
    const intact = (await auditor('GET', '/api/v1/audit/verify')).json() as { ok: boolean; checked: number };
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(5);

    const db = context.database.db;
    const [original] = await db.select().from(auditLog).where(eq(auditLog.seq, 3));
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db.execute(sql`update audit_log set detail = 'covered up' where seq = 3`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { seq: 3, kind: 'altered' } });

    await db.execute(sql`update audit_log set detail = ${original!.detail} where seq = 3`);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    await db.execute(sql`delete from audit_log where seq = 4`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: { seq: 5, kind: 'removed_before' } });
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  });
});
