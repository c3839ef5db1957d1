import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type TestContext } from '../testing/harness.ts';
import { departments } from '../departments/schema.ts';
import { auditLog } from './schema.ts';
import { verifyAuditChain } from './verify.ts';
import ExcelJS from 'exceljs';
import { auditActionLabel } from '../../shared/auditWords.ts';
import { appendAudit } from './recorder.ts';

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
    const created = (
      await admin('POST', '/api/v1/departments', { unitCode: '321000', name: '扬州市商务局', kind: 'commerce', contactName: '李明' })
    ).json() as { id: string; version: number };
    await admin('PATCH', `/api/v1/departments/${created.id}`, { version: created.version, contactName: '王芳' });
    const auditor = as(context, await loginCookie(context, 'auditor'));
    const rows = (await auditor('GET', `/api/v1/audit?objectType=department&objectId=${created.id}`)).json() as {
      items: { action: string; changes: Record<string, { before: unknown; after: unknown }>; username: string; ip: string }[];
    };
    const update = rows.items.find((row) => row.action === 'department.update')!;
    expect(update.changes).toEqual({ contactName: { before: '李明', after: '王芳' } });
    expect(update.username).toBe('admin');
    expect(update.ip).toBeTruthy();
  });

  it('names people, units, actions and changes in the list and the Excel, with local times', async () => {
    const cookie = await loginCookie(context, 'auditor');
    const rows = (await as(context, cookie)('GET', '/api/v1/audit?action=department.update')).json() as {
      items: { displayName: string; unitName: string; action: string }[];
    };
    expect(rows.items[0]).toMatchObject({ displayName: 'admin', unitName: '扬州市', action: 'department.update' });
    expect(auditActionLabel('department.update')).toEqual({ zh: '修改部门', en: 'Changed a department' });
    expect(auditActionLabel('auth.login').zh).toBe('登录');
    expect(auditActionLabel('advisor.reward.pay').zh).toBe('兑现招商顾问奖励');
    expect(auditActionLabel('no.such_thing')).toEqual({ zh: 'no.such_thing', en: 'no.such_thing' }); // the code, never a blank
    const file = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?action=department.update',
      headers: { cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const row = Object.fromEntries(header.map((h, i) => [h, sheet.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({
      姓名: 'admin',
      单位: '扬州市（321000）',
      操作: '修改部门',
      操作代码: 'department.update',
      对象: '部门',
      结果: '成功',
    });
    expect(row['变更内容']).toBe('contactName：李明 → 王芳');
    expect(String(row['时间（北京时间）'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
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

  it('cannot be broken from outside: a lone surrogate is refused at the door, and stored text verifies whatever was sent', async () => {
    const anonymous = as(context, null);
    const bad = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"anon\\ud800","password":"x"}',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toContain('无法保存的字符');
    expect((await anonymous('POST', '/api/v1/auth/login', { username: 'nul\u0000user', password: 'x' })).status).toBe(400);
    // an append carrying such text (from anywhere) is stored as it hashes
    await appendAudit(
      context.database.db,
      { userId: null, username: 'x\ud800y', unitCode: null },
      { ip: null },
      { action: 'test.surrogate', detail: 'a\udfffb\u0000c', changes: { ['k\ud800']: { before: '\ud800', after: null } } },
    );
    const [row] = await context.database.db.select().from(auditLog).where(eq(auditLog.action, 'test.surrogate'));
    expect(row).toMatchObject({ username: 'x\ufffdy', detail: 'a\ufffdb\ufffdc' });
    expect(await verifyAuditChain(context.database.db)).toMatchObject({ ok: true });
  });

  it('reports every broken row of the log, not only the first', async () => {
    const db = context.database.db;
    const [first] = await db.select().from(auditLog).where(eq(auditLog.seq, 2));
    const [second] = await db.select().from(auditLog).where(eq(auditLog.seq, 6));
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    try {
      await db.execute(sql`update audit_log set detail = 'first' where seq = 2`);
      await db.execute(sql`update audit_log set detail = 'second' where seq = 6`);
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        problemCount: 2,
        problems: [
          { seq: 2, kind: 'altered' },
          { seq: 6, kind: 'altered' },
        ],
      });
    } finally {
      await db.execute(sql`update audit_log set detail = ${first!.detail} where seq = 2`);
      await db.execute(sql`update audit_log set detail = ${second!.detail} where seq = 6`);
      await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
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
