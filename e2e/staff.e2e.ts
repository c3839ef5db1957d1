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

  it('events: the year’s signing ceremonies with their totals, an event’s printable sheet as many projects as it says, and a new one registered', async () => {
    await withPage(env.browser, 'events', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      // the menu remembers which groups are open: go by address, as a bookmark would
      await page.goto(`${env.server.url}/events`);
      const table = page.getByTestId('events-table');
      await table.locator('.ant-table-row').first().waitFor();
      await screenshot(page, '90-events');
      const count = table.locator('[data-testid^="event-count-"]').first();
      const n = Number(await count.getAttribute('data-count'));
      expect(n).toBeGreaterThan(0);
      await count.click();
      const sheet = page.getByTestId('event-sheet');
      await expect.poll(() => page.getByTestId('event-announcement').textContent()).toContain(`共签约项目${n}个`);
      expect(await sheet.getByTestId('event-projects').locator('.ant-table-row').count()).toBe(n);
      const firstProject = (await sheet.getByTestId('event-projects').locator('.ant-table-row a').first().textContent())!.trim();
      await screenshot(page, '91-event-sheet');
      // a new event from the ledger's projects, searched by name
      await page.goto(`${env.server.url}/events`);
      await page.getByTestId('event-new').click();
      const form = page.getByTestId('event-form');
      await form.getByTestId('event-name').fill('扬州（深圳）先进制造业投资说明会');
      await form.getByTestId('event-kind').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '推介会' }).click();
      await form.getByTestId('event-projects-select').click();
      await page.keyboard.type(firstProject.slice(0, 6));
      await page.locator('.ant-select-item-option').filter({ hasText: firstProject }).first().click();
      await page.keyboard.press('Escape');
      await screenshot(page, '92-event-form');
      await form.getByTestId('event-save').click();
      await expect.poll(() => page.getByTestId('event-announcement').textContent(), { timeout: 15_000 }).toContain('共签约项目1个');
      await page.getByTestId('event-sheet').getByText(firstProject).first().waitFor();
    });
  });

  it('advisors: the register, an advisor’s projects, and the reward ledger approved by the appointing unit’s reviewer — hidden from its officers', async () => {
    await withPage(env.browser, 'advisors', async (page) => {
      await loginThroughUi(page, env.server.url, 'quanshan_reviewer');
      await page.goto(`${env.server.url}/advisors`);
      const table = page.getByTestId('advisors-table');
      await table.locator('.ant-table-row').first().waitFor();
      expect(await table.locator('.ant-table-row').count()).toBe(15);
      await screenshot(page, '93-advisors');
      await page.getByRole('tab', { name: '奖励台账' }).click();
      const ledger = page.getByTestId('reward-table');
      await ledger.locator('.ant-table-row').first().waitFor();
      const approve = ledger.locator('[data-testid^="approve-"]').first();
      const code = (await approve.getAttribute('data-testid'))!.replace('approve-', '');
      await approve.click();
      await page.getByText('已保存').first().waitFor();
      // approved: the amount is frozen and its payment can be recorded
      await ledger.getByTestId(`pay-${code}`).waitFor();
      await screenshot(page, '94-reward-ledger');
      await ledger.locator('.ant-table-row a').first().click();
      await page.waitForURL(/\/advisors\/[0-9a-f-]{36}$/);
      await page.getByTestId('advisor-projects').locator('.ant-table-row').first().waitFor();
      await screenshot(page, '95-advisor');
    });
    await withPage(env.browser, 'advisors-officer', async (page) => {
      await loginThroughUi(page, env.server.url, 'quanshan_officer');
      await page.goto(`${env.server.url}/advisors`);
      await page.getByTestId('advisors-table').locator('.ant-table-row a').first().click();
      await page.getByText('奖励情况仅聘任单位的审核员和领导可见').waitFor();
      expect(await page.getByTestId('reward-table').count()).toBe(0);
      expect(await page.getByRole('tab', { name: '奖励台账' }).count()).toBe(0);
    });
  });

  it('the staff scoreboard ranks the team and every figure opens as many records', async () => {
    await withPage(env.browser, 'scoreboard', async (page) => {
      await loginThroughUi(page, env.server.url, 'quanshan_reviewer');
      const lastMonth = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 7);
      await page.goto(`${env.server.url}/staff/scoreboard?period=${lastMonth}`);
      const table = page.getByTestId('scoreboard-table');
      await table.locator('.ant-table-row').first().waitFor();
      await screenshot(page, '96-scoreboard');
      const trips = table.locator('[data-testid$="-trips"]').first();
      const n = Number(await trips.textContent());
      await trips.click();
      await page.waitForURL(/\/trips\?user=.*&from=.*&counted=true/);
      await page.getByTestId('trips-range-filter').waitFor();
      if (n > 0) await page.getByTestId('trips-table').locator('.ant-table-row').first().waitFor();
      await expect.poll(() => page.getByTestId('trips-table').locator('.ant-table-row').count()).toBe(Math.min(n, 20));
      // the weights are the unit's: a trip worth 5 changes the score
      await page.goto(`${env.server.url}/staff/scoreboard?period=${lastMonth}`);
      await table.locator('.ant-table-row').first().waitFor();
      await page.getByTestId('score-settings').click();
      await page.getByTestId('weight-trips').fill('5');
      await page.getByTestId('score-settings-save').click();
      await page.getByText('已保存').first().waitFor();
      await page.getByText('本单位考核设置').first().waitFor();
    });
  });

  it('on a phone: a leader’s one screen, and photos added to a trip', async () => {
    await withPage(
      env.browser,
      'glance-phone',
      async (page) => {
        await loginThroughUi(page, env.server.url, 'yz_leader');
        await page.goto(`${env.server.url}/glance`);
        await page.getByTestId('summary-signed_projects').waitFor();
        await page.getByText('我挂钩的项目').waitFor();
        await screenshot(page, '97-glance-phone');
        const signed = page.getByTestId('summary-signed_projects').locator('a').first();
        const n = Number(await signed.getAttribute('data-count'));
        await signed.click();
        await page.waitForURL(/\/projects\?/);
        // as many projects as the tile says (none early in a month: the empty list)
        if (n === 0) await page.locator('.ant-table-placeholder').first().waitFor();
        else
          await expect
            .poll(
              async () =>
                (await page
                  .getByText(/共 \d+ 条/)
                  .first()
                  .textContent()) ?? '',
            )
            .toContain(`共 ${n} 条`);
      },
      PHONE,
    );
    await withPage(
      env.browser,
      'trip-photo-phone',
      async (page) => {
        await loginThroughUi(page, env.server.url, 'hanjiang_officer');
        await page.goto(`${env.server.url}/trips`);
        await page.getByTestId('trip-card').first().click();
        const drawer = page.getByTestId('trip-drawer');
        await drawer.getByTestId('trip-photo-upload').waitFor();
        // a small valid PNG, as the phone's camera would hand one over
        const png = Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGMQK/9PEmIY1TCqYfhqAACdg4wQ/jLGqgAAAABJRU5ErkJggg==',
          'base64',
        );
        await drawer.locator('input[type="file"]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: png });
        await drawer.getByTestId('trip-photos').locator('img').first().waitFor();
        await screenshot(page, '98-trip-photo-phone');
      },
      PHONE,
    );
  });
});
