import { and, eq } from 'drizzle-orm';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { targets } from '../src/server/targets/schema.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

describe('targets in the browser', () => {
  const env = browserSuite();

  it('lets a city officer set a district’s target, read its completion and colour, and open the projects behind the figure', async () => {
    const year = dayjs().year();
    await withPage(env.browser, 'targets', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      await page.getByRole('menuitem').filter({ hasText: /^目标考核$/ }).click();
      const table = page.getByTestId('targets-table');
      const gaoyou = table.locator('tr', { hasText: '高邮市' });
      await gaoyou.waitFor();
      const target = page.getByLabel('target 321084');
      await target.fill('40');
      await target.blur();
      await page.getByText('已保存').first().waitFor();
      await gaoyou.getByText(/达到序时|略低于序时|明显落后/).waitFor();
      await page.getByTestId('cohort-card').getByText('落地率').waitFor();
      await screenshot(page, '30-targets');
      const actual = Number(await gaoyou.locator('td').nth(2).innerText());
      await gaoyou.locator('td').nth(2).getByRole('link').click();
      await page.getByTestId('totals-row').getByText(`${actual} 个项目`).waitFor();
    });
    const [row] = await env.server.database.db.select().from(targets).where(and(eq(targets.unitCode, '321084'), eq(targets.year, year), eq(targets.indicatorKey, 'signed_projects')));
    expect(row?.annual).toBe(40);
  });
});
