import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bulletins } from '../src/server/bulletins/schema.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

/**
 * Follows every link of a page that promises a count of projects (`data-count`) and checks that the ledger it opens
 * totals exactly that many: the same number everywhere.
 */
async function checkLinkedCounts(page: Page, url: string, source: string, ready: string): Promise<number> {
  await page.goto(`${url}${source}`);
  await page.locator(ready).first().waitFor();
  const links = await page
    .locator('a[data-count]')
    .evaluateAll((elements) =>
      elements.map((e) => ({ href: e.getAttribute('href')!, count: Number(e.getAttribute('data-count')), text: e.textContent ?? '' })),
    );
  const unique = [...new Map(links.map((l) => [l.href, l])).values()];
  for (const link of unique) {
    await page.goto(`${url}${link.href}`);
    const totals = page.getByTestId('totals-row');
    await totals.waitFor();
    expect(Number(await totals.getAttribute('data-total')), `${source} → ${link.href} (“${link.text}”)`).toBe(link.count);
    // the number the link showed is the number it promised
    expect(link.text.replace(/[^\d]/g, ''), link.href).toContain(String(link.count));
  }
  return unique.length;
}

describe('every linked figure opens exactly its projects', () => {
  const env = browserSuite();

  it('on the home page, the cockpit and a bulletin the count equals the list it opens', async () => {
    await withPage(env.browser, 'figures', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      await page
        .getByTestId('ledger-summary')
        .getByText(/不含已终止\/流失/)
        .waitFor();
      await screenshot(page, '16-home-figures');
      expect(await checkLinkedCounts(page, env.server.url, '/', '[data-testid=home-projects]')).toBeGreaterThanOrEqual(10);
      // the list the home page's 项目 opens says it leaves the lost projects out
      await page.goto(`${env.server.url}/`);
      await page.getByTestId('home-projects').click();
      await page.getByTestId('status-filter').getByText('正常').waitFor();
      await page.getByTestId('status-filter').getByText('暂停').waitFor();
      await screenshot(page, '17-ledger-in-force');

      expect(
        await checkLinkedCounts(page, env.server.url, '/cockpit?unit=321000', '[data-testid=kpi-cards] a[data-count]'),
      ).toBeGreaterThanOrEqual(5);
      const [bulletin] = await env.server.database.db.select({ id: bulletins.id }).from(bulletins).where(eq(bulletins.unitCode, '321000'));
      expect(
        await checkLinkedCounts(page, env.server.url, `/bulletins/${bulletin!.id}`, '[data-testid=bulletin-rows] a[data-count]'),
      ).toBeGreaterThanOrEqual(3);
    });
  });
});
