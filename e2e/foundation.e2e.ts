import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/server/audit/schema.ts';
import { units } from '../src/server/units/schema.ts';
import { users } from '../src/server/users/schema.ts';
import { browserSuite, loginThroughUi, newPage, screenshot } from './support.ts';

describe('foundation in the browser', () => {
  const env = browserSuite();

  it('loads quickly: the first page carries only the shell, its scripts compressed and cached for good', async () => {
    const page = await newPage(env.browser);
    const scripts: { url: string; encoding: string | undefined; cache: string | undefined; bytes: number }[] = [];
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
      if (!response.url().includes('/assets/') || !response.url().endsWith('.js')) return;
      const headers = response.headers();
      scripts.push({
        url: response.url(),
        encoding: headers['content-encoding'],
        cache: headers['cache-control'],
        bytes: Number(headers['content-length'] ?? 0),
      });
    });
    const started = Date.now();
    await page.goto(`${env.server.url}/login`);
    await page.getByLabel('用户名').waitFor();
    const elapsed = Date.now() - started;
    // a first visit asks for no session it does not have (no 401 in the console)
    expect(refused).toEqual([]);
    // the layout reaches the window's edges
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      // a file under 1 KB (the bundler's runtime) is not worth compressing
      if (s.encoding !== undefined || s.bytes >= 1024) expect(s.encoding, s.url).toBe('br');
      expect(s.cache, s.url).toBe('public, max-age=31536000, immutable');
    }
    // pages come when opened: no ECharts, no PDF tools, no ledger page on the login screen
    expect(scripts.some((s) => /echarts|jspdf|ProjectsPage|CockpitPage/.test(s.url))).toBe(false);
    const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
    expect(total, `${total} bytes of scripts`).toBeLessThan(700_000);
    console.log(`first load: ${scripts.length} scripts, ${Math.round(total / 1024)} KB compressed, ${elapsed} ms to the form`);
    await page.close();
  });

  it('refuses a wrong password on the login page with a message in Chinese', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名').fill('hanjiang_officer');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await screenshot(page, '01-login-error');
    await page.context().close();
  });

  it('shows a district officer their own unit, refuses a sibling district, and switches language', async () => {
    const page = await newPage(env.browser);
    await loginThroughUi(page, env.server.url, 'hanjiang_officer');
    expect(await page.getByTestId('current-unit').textContent()).toBe('邗江区');
    // its unit's data: the park and towns under 邗江区
    await page.getByTestId('child-units').getByText('扬州高新技术产业开发区').waitFor();
    await screenshot(page, '02-home-hanjiang-officer');

    // the units page shows the subtree only
    await page.getByRole('menuitem', { name: '单位与园区' }).click();
    await page.getByTestId('unit-title').filter({ hasText: '邗江区' }).waitFor();
    await expect(page.getByTestId('unit-tree').getByText('高邮市').count()).resolves.toBe(0);

    // another district (高邮市) is refused, in the UI and in the API
    await page.goto(`${env.server.url}/org/units/321084`);
    await page.getByText('无权访问').waitFor();
    await page.getByText('该单位不在您的管辖范围内').waitFor();
    await screenshot(page, '03-refused-sibling-district');
    const status = await page.evaluate(async () => (await fetch('/api/v1/departments?unit=321084')).status);
    expect(status).toBe(403);

    // language switch
    await page.goto(`${env.server.url}/`);
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByRole('menuitem', { name: 'Units & parks' }).waitFor();
    await page.getByText('Hello,').waitFor();
    await screenshot(page, '04-home-english');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByRole('menuitem', { name: '单位与园区' }).waitFor();
    await page.context().close();
  });

  it('lets a city system administrator add a park and an account, and the security administrator grant its role', async () => {
    const admin = await newPage(env.browser);
    await loginThroughUi(admin, env.server.url, 'yz_admin');
    await admin.goto(`${env.server.url}/org/units/321084`);
    await admin.getByTestId('unit-title').filter({ hasText: '高邮市' }).waitFor();
    await admin.getByRole('button', { name: '新增园区' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('名称').fill('高邮高新技术产业开发区');
    await dialog.getByLabel('简称').fill('高邮高新区');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await admin.getByTestId('unit-title').filter({ hasText: '高邮高新技术产业开发区' }).waitFor();
    await screenshot(admin, '05-park-added');
    const [park] = await env.server.database.db.select().from(units).where(eq(units.name, '高邮高新技术产业开发区'));
    expect(park).toMatchObject({ parentCode: '321084', level: 'park' });
    expect(park!.code).toMatch(/^3210849\d\d$/);

    await admin.getByRole('menuitem', { name: '用户' }).click();
    await admin.getByRole('button', { name: '新增用户' }).click();
    const form = admin.getByRole('dialog');
    // saved empty: each field says what it needs, and nothing throws (an uncaught error fails the suite)
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.locator('.ant-form-item-explain-error').first().waitFor();
    await form.getByLabel('用户名').fill('gxq_officer');
    await form.getByLabel('姓名').fill('陈晓');
    await form.getByLabel('初始密码').fill('Welcome2026');
    await form.locator('.ant-select-selector').first().click();
    await admin.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '扬州市' }).first().waitFor();
    // typed into the unit picker's own search box: typing at whatever has focus raced the box under a loaded machine
    await form.locator('.ant-select-selection-search-input').first().fill('高邮高新');
    await admin.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '高邮高新技术产业开发区' }).click();
    await form.getByRole('button', { name: /保\s*存/ }).click();
    // a common word with a year is refused, saying why; the form keeps what was typed
    await admin
      .getByText(/不能使用常见密码/)
      .first()
      .waitFor();
    await screenshot(admin, '06-weak-password');
    await form.getByLabel('初始密码').fill('Gaoyou#Park26');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await admin.getByTestId('users-table').getByText('gxq_officer').waitFor();
    await screenshot(admin, '06-user-created');
    await admin.context().close();

    const sec = await newPage(env.browser);
    await loginThroughUi(sec, env.server.url, 'yz_secadmin');
    await sec.goto(`${env.server.url}/admin/users`);
    await sec.getByPlaceholder('用户名或姓名').fill('gxq');
    await sec.getByPlaceholder('用户名或姓名').press('Enter');
    const row = sec.getByTestId('users-table').locator('tr', { hasText: 'gxq_officer' });
    await row.getByRole('button', { name: '设置角色' }).click();
    // The dialog zooms in; a click during the animation can be lost, so tick until it shows ticked.
    const officerRole = sec.getByRole('dialog').getByLabel('招商专员');
    await expect
      .poll(
        async () => {
          if (!(await officerRole.isChecked())) await officerRole.click();
          return officerRole.isChecked();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await sec
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await row.getByText('招商专员').waitFor();
    await screenshot(sec, '07-role-granted');
    await sec.context().close();

    const [created] = await env.server.database.db.select().from(users).where(eq(users.username, 'gxq_officer'));
    expect(created?.roles).toEqual(['officer']);

    // the new officer must change the initial password first
    const officer = await newPage(env.browser);
    await loginThroughUi(officer, env.server.url, 'gxq_officer', 'Gaoyou#Park26');
    await officer.getByText(/请先修改密码/).waitFor();
    const change = officer.getByRole('dialog');
    await change.getByLabel('原密码').fill('Gaoyou#Park26');
    await change.getByLabel('新密码', { exact: true }).fill('Chen#Xiao-2026');
    await change.getByLabel('确认新密码').fill('Chen#Xiao-2026');
    await change.getByRole('button', { name: /保\s*存/ }).click();
    await officer.getByText('密码已修改').waitFor();
    expect(await officer.getByTestId('current-unit').textContent()).toBe('高邮高新技术产业开发区');
    await officer.context().close();
  });

  it('lets the auditor read, verify and export the log of what happened', async () => {
    const page = await newPage(env.browser);
    await loginThroughUi(page, env.server.url, 'auditor');
    await page.getByRole('button', { name: '打开审计日志' }).click();
    // Ant Design's own texts follow the language too (its locale bundle is loaded)
    await page.getByPlaceholder('开始日期').waitFor();
    const table = page.getByTestId('audit-table');
    await table.getByText('user.set_roles').first().waitFor();
    await table.getByText('unit.create').first().waitFor();
    await table.getByText('access.denied').first().waitFor();
    // field-level before/after of the role grant
    const grant = table.locator('tr', { hasText: 'user.set_roles' }).first();
    await grant.locator('.ant-table-row-expand-icon').click();
    await table.getByText('["officer"]').waitFor();
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page
      .getByTestId('verify-result')
      .getByText(/审计日志完整/)
      .waitFor();
    await screenshot(page, '08-audit-log');
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('审计日志.xlsx');
    const rows = await env.server.database.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'));
    expect(rows).toHaveLength(1);
    await page.context().close();
  });
});
