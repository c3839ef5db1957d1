import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { departments } from '../src/server/departments/schema.ts';
import { projectDuplicateFlags } from '../src/server/projects/schema.ts';
import { exchangeRates } from '../src/server/projects/schema.ts';
import { settings } from '../src/server/settings/schema.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

describe('administration and review pages in the browser', () => {
  const env = browserSuite();

  it('lets a city administrator add a department to a district', async () => {
    await withPage(env.browser, 'departments', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_admin');
      await page.goto(`${env.server.url}/org/departments?unit=321084&subtree=false`);
      await page.getByTestId('departments-table').getByText('高邮市自然资源和规划局').waitFor();
      await page.getByRole('button', { name: '新增部门' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('部门名称').fill('高邮市数据局');
      await dialog.locator('.ant-select').nth(1).click();
      await page.keyboard.type('其他');
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^其他$/ })
        .click();
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('departments-table').getByText('高邮市数据局').waitFor();
      await screenshot(page, '20-departments');
    });
    const rows = await env.server.database.db
      .select()
      .from(departments)
      .where(and(eq(departments.unitCode, '321084'), eq(departments.name, '高邮市数据局')));
    expect(rows).toHaveLength(1);
  });

  it('lets the security administrator shorten the idle timeout, and the system administrator edit rates and target settings', async () => {
    await withPage(env.browser, 'settings-security', async (page) => {
      await loginThroughUi(page, env.server.url, 'secadmin');
      await page.goto(`${env.server.url}/admin/settings`);
      const input = page.getByLabel('session.idleMinutes');
      await input.fill('20');
      await page
        .locator('tr', { has: input })
        .getByRole('button', { name: /保\s*存/ })
        .click();
      await page.getByText('已保存').first().waitFor();
      await screenshot(page, '21-settings-security');
    });
    const [idle] = await env.server.database.db.select().from(settings).where(eq(settings.key, 'session.idleMinutes'));
    expect(idle?.value).toBe(20);

    await withPage(env.browser, 'settings-system', async (page) => {
      await loginThroughUi(page, env.server.url, 'admin');
      await page.goto(`${env.server.url}/admin/settings`);
      await page.getByText('目标考核设置').waitFor();
      await page.getByTestId('tier-ladder').waitFor();
      const cell = page.getByLabel('USD 2026-10');
      await cell.fill('7.0123');
      await cell.blur();
      await page.getByText('已保存').first().waitFor();
      await screenshot(page, '22-settings-system');
    });
    const [rate] = await env.server.database.db
      .select()
      .from(exchangeRates)
      .where(and(eq(exchangeRates.currency, 'USD'), eq(exchangeRates.month, '2026-10')));
    expect(rate?.rate).toBe(7.0123);
  });

  it('lets a reviewer settle a possible duplicate', async () => {
    // the same project entered by two districts
    await withPage(env.browser, 'duplicates-create', async (page) => {
      for (const [user, unit] of [
        ['gaoyou_officer', '高邮市'],
        ['hanjiang_officer', '邗江区'],
      ] as const) {
        await loginThroughUi(page, env.server.url, user);
        await page.goto(`${env.server.url}/projects/new`);
        await page.getByLabel('项目名称').fill('高邮湖新能源电池储能电站项目');
        await page.getByLabel('投资方', { exact: true }).fill('宁德时代新能源科技股份有限公司');
        await page.getByLabel('总投资').fill('20亿元');
        await page.getByRole('button', { name: /保\s*存/ }).click();
        await page.getByTestId('project-title').waitFor();
        expect(await page.getByText(unit).count()).toBeGreaterThan(0);
        await page.getByTestId('user-menu').hover();
        await page.getByText('退出登录').click();
        await page.waitForURL(/\/login/);
      }
    });
    await withPage(env.browser, 'duplicates-review', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^疑似重复$/ })
        .click();
      const row = page.locator('tr', { hasText: '高邮湖新能源电池储能电站项目' }).first();
      await row.waitFor();
      await screenshot(page, '23-duplicates');
      await row.getByRole('button', { name: '不是重复' }).click();
      await page.getByText('已保存').first().waitFor();
    });
    const flags = await env.server.database.db.select().from(projectDuplicateFlags).where(eq(projectDuplicateFlags.status, 'dismissed'));
    expect(flags.length).toBeGreaterThan(0);
  });
});
