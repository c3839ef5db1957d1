import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';
import { buildApp } from '../app.ts';
import { auditLog } from '../audit/schema.ts';
import { openDatabase, rowsOf } from '../db/client.ts';

describe.each(BACKENDS)('units on %s', (backend) => {
  let context: TestContext;
  let admin: Injector;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'yz_admin', ['sysadmin'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    admin = as(context, await loginCookie(context, 'yz_admin'));
  });
  afterAll(() => context.close());

  it('refuses anonymous and wrong-region callers first', async () => {
    expect((await as(context, null)('GET', '/api/v1/units')).status).toBe(401);
    expect((await admin('GET', '/api/v1/units/320509')).status).toBe(403); // 吴江区 is in 苏州, not 扬州
    expect(
      (await admin('POST', '/api/v1/units', { parentCode: '320509', level: 'park', kind: 'development_zone', name: '吴江经济技术开发区' }))
        .status,
    ).toBe(403);
  });

  it('holds Jiangsu from GB/T 2260 after migrate: 13 cities, contract codes', async () => {
    const root = as(
      context,
      await (async () => {
        await addUser(context.database, 'js_admin', ['sysadmin'], '320000');
        return loginCookie(context, 'js_admin');
      })(),
    );
    const cities = (await root('GET', '/api/v1/units?level=city')).json() as { items: { code: string; name: string }[] };
    expect(cities.items).toHaveLength(13);
    expect(cities.items.find((c) => c.code === '321000')?.name).toBe('扬州市');
    const hanjiang = (await root('GET', '/api/v1/units/321003')).json() as { name: string; level: string; parentCode: string };
    expect(hanjiang).toMatchObject({ name: '邗江区', level: 'district', parentCode: '321000' });
    expect(((await root('GET', '/api/v1/units/320000')).json() as { name: string }).name).toBe('江苏省');
  });

  it('lists only the subtree of the caller', async () => {
    const officer = as(context, await loginCookie(context, 'hj_officer'));
    const list = (await officer('GET', '/api/v1/units')).json() as { items: { code: string }[]; rootCode: string };
    expect(list.rootCode).toBe('321003');
    expect(list.items.map((u) => u.code)).toEqual(['321003']);
  });

  it('adds a park with a code extending its parent’s, and audits it', async () => {
    const created = await admin('POST', '/api/v1/units', {
      parentCode: '321003',
      level: 'park',
      kind: 'high_tech_zone',
      name: '扬州高新技术产业开发区',
      shortName: '扬州高新区',
    });
    expect(created.status).toBe(201);
    const park = created.json() as { code: string; level: string; parentCode: string };
    expect(park).toMatchObject({ code: '321003901', level: 'park', parentCode: '321003' });
    const town = (await admin('POST', '/api/v1/units', { parentCode: '321003', level: 'town', kind: 'town', name: '杨庙镇' })).json() as {
      code: string;
    };
    expect(town.code).toBe('321003001');
    const [row] = await context.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'unit.create'), eq(auditLog.objectId, '321003901')));
    expect(row?.username).toBe('yz_admin');
    expect((row?.changes as Record<string, { after: unknown }>).name?.after).toBe('扬州高新技术产业开发区');
  });

  it('refuses a duplicate name, a wrong level and a code that does not extend the parent', async () => {
    const duplicate = await admin('POST', '/api/v1/units', {
      parentCode: '321003',
      level: 'park',
      kind: 'high_tech_zone',
      name: '扬州高新技术产业开发区',
    });
    expect(duplicate.status).toBe(409);
    expect((duplicate.json() as { error: { message: string } }).error.message).toContain('已存在');
    const wrongLevel = await admin('POST', '/api/v1/units', { parentCode: '321000', level: 'town', kind: 'town', name: '某某镇' });
    expect(wrongLevel.status).toBe(400);
    expect((wrongLevel.json() as { error: { message: string } }).error.message).toBe('不能在市下添加镇(街道)');
    expect(
      (
        await admin('POST', '/api/v1/units', {
          parentCode: '321003',
          level: 'park',
          kind: 'high_tech_zone',
          name: '某园区',
          code: '321084901',
        })
      ).status,
    ).toBe(400);
  });

  it('keeps GB/T 2260 units from being renamed or deleted', async () => {
    const unit = (await admin('GET', '/api/v1/units/321084')).json() as { version: number };
    expect((await admin('PATCH', '/api/v1/units/321084', { version: unit.version, name: '高邮区' })).status).toBe(400);
    expect((await admin('DELETE', '/api/v1/units/321084')).status).toBe(400);
    const shortName = await admin('PATCH', '/api/v1/units/321084', { version: unit.version, shortName: '高邮' });
    expect(shortName.status).toBe(200);
  });

  it('refuses a stale edit with 409 and the current version', async () => {
    const park = (await admin('GET', '/api/v1/units/321003901')).json() as { version: number };
    expect((await admin('PATCH', '/api/v1/units/321003901', { version: park.version, shortName: '高新区' })).status).toBe(200);
    const stale = await admin('PATCH', '/api/v1/units/321003901', { version: park.version, shortName: '旧名' });
    expect(stale.status).toBe(409);
    expect(
      (stale.json() as { error: { details: { current: { version: number; shortName: string } } } }).error.details.current,
    ).toMatchObject({ version: park.version + 1, shortName: '高新区' });
  });

  it('deletes an added unit only when nothing depends on it', async () => {
    const department = await admin('POST', '/api/v1/departments', { unitCode: '321003001', name: '杨庙镇经济发展办', kind: 'other' });
    expect(department.status).toBe(201);
    const refused = await admin('DELETE', '/api/v1/units/321003001');
    expect(refused.status).toBe(409);
    expect((refused.json() as { error: { message: string } }).error.message).toBe('该单位下仍有部门，不能删除');
    await admin('DELETE', `/api/v1/departments/${(department.json() as { id: string }).id}`);
    expect((await admin('DELETE', '/api/v1/units/321003001')).status).toBe(204);
    expect((await admin('GET', '/api/v1/units/321003001')).status).toBe(404);
  });

  it('exports the units of the scope as xlsx', async () => {
    const response = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/units/export',
      headers: { cookie: await loginCookie(context, 'yz_admin') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('单位编码');
    const codes = sheet.getColumn(1).values.slice(2);
    expect(codes).toContain('321003901');
    expect(codes).not.toContain('320509');
  });

  it('a unit added or deleted on one instance is seen by the next request to another (each keeps the tree, checked per request)', async () => {
    // the second instance: its own database handle (on PostgreSQL its own pool) and its own copy of the unit tree
    const second = context.databaseUrl ? await openDatabase({ databaseUrl: context.databaseUrl, poolSize: 2 }) : context.database;
    const other: TestContext = { ...context, database: second, built: await buildApp({ db: second.db }) };
    try {
      await addUser(context.database, 'yz_watcher', ['leader'], '321000');
      const leader = as(other, await loginCookie(other, 'yz_watcher'));
      const token = async () =>
        rowsOf<{ token: string }>(await context.database.db.execute(sql`select token::text as token from unit_tree_version`))[0]!.token;
      expect((await leader('GET', '/api/v1/alerts?unit=321003')).status).toBe(200); // the other instance reads the tree
      const before = await token();
      const created = await admin('POST', '/api/v1/units', { parentCode: '321003', level: 'town', kind: 'town', name: '方巷镇' });
      expect(created.status).toBe(201);
      const code = (created.json() as { code: string }).code;
      expect(await token()).not.toBe(before); // the write changed the token in its own transaction
      expect((await leader('GET', `/api/v1/alerts?unit=${code}`)).status).toBe(200);
      expect((await leader('GET', `/api/v1/cockpit?unit=${code}`)).status).toBe(200);
      // the list names each row's unit from the instance's copy of the tree: a rename shows on the next page there
      // entered by the district's officer: the town has no users, so it can still be deleted below
      await addUser(context.database, 'hj_planner', ['officer'], '321003');
      const officer = as(context, await loginCookie(context, 'hj_planner'));
      const project = await officer('POST', '/api/v1/projects', {
        name: '方巷镇食品加工项目',
        unitCode: code,
        investorName: '扬州方巷食品有限公司',
        capitalType: 'domestic',
        stage: 'negotiating',
        firstReportedOn: '2025-02-10',
        totalInvestment: '1亿元',
      });
      expect(project.status).toBe(201);
      const unitNames = async () =>
        ((await leader('GET', `/api/v1/projects?unit=${code}&fields=name,unitName`)).json() as { items: { unitName: string }[] }).items.map(
          (item) => item.unitName,
        );
      expect(await unitNames()).toEqual(['方巷镇']);
      const town = (await admin('GET', `/api/v1/units/${code}`)).json() as { version: number };
      expect((await admin('PATCH', `/api/v1/units/${code}`, { version: town.version, name: '方巷街道' })).status).toBe(200);
      expect(await unitNames()).toEqual(['方巷街道']);
      // the project goes before its unit can
      expect(rowsOf(await context.database.db.execute(sql`delete from projects where unit_code = ${code} returning code`)).length).toBe(1);
      expect((await admin('DELETE', `/api/v1/units/${code}`)).status).toBe(204);
      expect((await leader('GET', `/api/v1/alerts?unit=${code}`)).status).toBe(404);
      expect((await leader('GET', `/api/v1/projects?unit=${code}`)).status).toBe(404);
    } finally {
      await other.built.app.close();
      if (second !== context.database) await second.close();
    }
  });
});
