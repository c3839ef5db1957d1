import { describe, expect, it } from 'vitest';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

const PHONE = { width: 390, height: 844 };

describe('the promotion team in the browser: trips and out-of-city time', () => {
  const env = browserSuite();

  it('an officer logs a group trip at the desk; the reviewer reads the month against the quotas, sets a post and opens the trips behind a figure', async () => {
    await withPage(env.browser, 'trips-desk', async (page) => {
      await loginThroughUi(page, env.server.url, 'quanshan_officer');
      await page.getByRole('menuitem', { name: '招商引资' }).click();
      await page.getByRole('menuitem', { name: '外出招商' }).click();
      await page.getByTestId('trips-table').locator('.ant-table-row').first().waitFor();
      await page.getByTestId('trip-new').click();
      const form = page.getByTestId('trip-form');
      // the officer is on it already (and leads it, being first); a colleague of 泉山区 goes along
      await form.getByTestId('trip-people').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '泉山区' }).first().click();
      await page.keyboard.press('Escape');
      await form.getByTestId('trip-destination').fill('上海市');
      await form.getByTestId('trip-purpose').fill('拜访上海某新能源集团总部，推介泉山经济开发区');
      await form.getByTestId('visit-add').click();
      await form.getByTestId('visit-company').fill('上海某新能源集团');
      await form.getByTestId('trip-results').fill('对方同意下月来徐考察');
      await screenshot(page, '80-trip-form');
      await form.getByTestId('trip-save').click();
      await page.getByTestId('trips-table').getByText('拜访上海某新能源集团总部').first().waitFor();
      await page.getByTestId('trips-table').getByText('拜访上海某新能源集团总部').first().click();
      const drawer = page.getByTestId('trip-drawer');
      await drawer.getByText('上海某新能源集团', { exact: true }).waitFor();
      await screenshot(page, '81-trip-detail');
    });

    await withPage(env.browser, 'out-of-city', async (page) => {
      await loginThroughUi(page, env.server.url, 'quanshan_reviewer');
      await page.goto(`${env.server.url}/staff/out-of-city`);
      const table = page.getByTestId('out-of-city-table');
      await table.getByText('招商分管领导').first().waitFor();
      expect(await page.getByTestId('period-workdays').textContent()).toMatch(/本期工作日 \d+ 天/);
      await screenshot(page, '82-out-of-city-month');
      // October 2026: 国庆 and its 调休 Saturday give 18 working days
      await page.goto(`${env.server.url}/staff/out-of-city?month=2026-10`);
      await expect.poll(() => page.getByTestId('period-workdays').textContent()).toContain('18');
      // the officer's post set from the table
      await page.getByTestId('post-quanshan_officer').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '园区主要负责人' }).click();
      await page.getByText('已保存').first().waitFor();
      await expect.poll(() => page.getByTestId('post-quanshan_officer').textContent()).toContain('园区主要负责人');
      // the days away open the trips behind them
      await page.getByTestId('days-away-quanshan_leader').click();
      await page.waitForURL(/\/trips\?user=quanshan_leader&month=2026-10/);
      await page.getByTestId('trips-user-filter').waitFor();
      await page.getByTestId('trips-table').locator('.ant-table-row').first().waitFor();
      await screenshot(page, '83-trips-of-a-person');
      await page.goto(`${env.server.url}/staff/out-of-city?year=2026`);
      await table.getByText('招商分管领导').first().waitFor();
      await screenshot(page, '84-out-of-city-year');
    });
  });

  it('the lead sources’ conversion opens the projects behind a count, as many as it says', async () => {
    await withPage(env.browser, 'sources', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page.goto(`${env.server.url}/sources?year=${new Date().getFullYear()}`);
      const table = page.getByTestId('conversion-table');
      await table.locator('.ant-table-row').first().waitFor();
      await screenshot(page, '89-lead-source-conversion');
      const cell = table.getByTestId('conversion-total-leads');
      const count = Number(await cell.getAttribute('data-count'));
      expect(count).toBeGreaterThan(0);
      await cell.click();
      await page.getByTestId('drilldown').waitFor();
      await expect
        .poll(
          async () =>
            (await page
              .getByText(/共 \d+ 条/)
              .first()
              .textContent()) ?? '',
        )
        .toContain(`共 ${count} 条`);
      await screenshot(page, '89b-lead-source-projects');
    });
  });

  it('on a phone: an officer logs a reception and a trip with large fields, and reads the month', async () => {
    await withPage(
      env.browser,
      'trips-phone',
      async (page) => {
        await loginThroughUi(page, env.server.url, 'hanjiang_officer');
        await page.goto(`${env.server.url}/trips`);
        await page.getByTestId('trip-card').first().waitFor();
        await screenshot(page, '85-trips-phone');
        await page.getByTestId('trip-new').click();
        const form = page.getByTestId('trip-form');
        await form.getByTestId('trip-destination').fill('深圳市');
        await form.getByTestId('trip-purpose').fill('拜访深圳某电子集团，洽谈汽车电子配套');
        await screenshot(page, '86-trip-form-phone');
        // a touch target is at least 40 px high
        const box = await form.getByTestId('trip-save').boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(40);
        await form.getByTestId('trip-save').click();
        await page.getByTestId('trip-card').filter({ hasText: '拜访深圳某电子集团' }).first().waitFor();
        await page.getByTestId('reception-new').click();
        const reception = page.getByTestId('trip-form');
        await reception.getByTestId('trip-destination').fill('苏州市');
        await reception.getByTestId('trip-purpose').fill('接待苏州某集团考察邗江区');
        await reception.getByTestId('trip-save').click();
        await page.getByTestId('trip-card').filter({ hasText: '接待苏州某集团考察' }).first().waitFor();
        await page.getByTestId('trip-card').filter({ hasText: '拜访深圳某电子集团' }).first().click();
        await page.getByTestId('trip-drawer').getByText('深圳市').first().waitFor();
        await screenshot(page, '87-trip-detail-phone');
        await page.goto(`${env.server.url}/staff/out-of-city`);
        await page.getByTestId('out-of-city-list').getByText('招商分管领导').first().waitFor();
        await screenshot(page, '88-out-of-city-phone');
      },
      PHONE,
    );
  });
});
