import { describe, expect, it } from 'vitest';
import { clockFrom, dayIn } from '../src/shared/calendar.ts';
import { browserSuite, CHROMIUM, loginThroughUi, screenshot } from './support.ts';

/** 20:00 UTC nearest to now (at most 12 hours away): 04:00 of the next day in Beijing. */
function nearest20Utc(): Date {
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const options = [-1, 0, 1].map((d) => Date.parse(`${today}T20:00:00Z`) + d * 86_400_000);
  return new Date(options.reduce((best, t) => (Math.abs(t - now) < Math.abs(best - now) ? t : best)));
}

const instant = nearest20Utc();
const beijing = dayIn(instant, 'Asia/Shanghai');
const utc = instant.toISOString().slice(0, 10);

describe('one clock: Beijing’s day although the server’s clock reads 20:00 UTC and the browser is set to UTC', () => {
  const env = browserSuite({ clock: clockFrom(instant) });

  it('shows dates and times in Beijing time on forms, lists and the audit log', async () => {
    expect(beijing).not.toBe(utc);
    expect(CHROMIUM).toBeTruthy();
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'UTC' });
    await context.clock.setFixedTime(instant);
    const page = await context.newPage();
    try {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      // a new project is first reported today — Beijing's today, not the browser's
      await page.goto(`${env.server.url}/projects/new`);
      await expect.poll(() => page.getByLabel('首次填报日期').inputValue()).toBe(beijing);
      // a bulletin of this month is as of today
      await page.goto(`${env.server.url}/bulletins`);
      await page.getByTestId('new-bulletin').click();
      const month = page.getByTestId('bulletin-period');
      await month.click();
      await month.fill(beijing.slice(0, 7));
      await month.press('Enter');
      await expect
        .poll(() =>
          page
            .getByRole('dialog')
            .getByPlaceholder(/选择日期|请选择日期/)
            .inputValue(),
        )
        .toBe(beijing);
      await screenshot(page, '18-clock-bulletin-as-of');
      await page.keyboard.press('Escape');

      // the audit log: this sign-in at 04:xx Beijing time, with the zone named
      const auditorContext = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'UTC' });
      await auditorContext.clock.setFixedTime(instant);
      const auditor = await auditorContext.newPage();
      await loginThroughUi(auditor, env.server.url, 'yz_auditor');
      await auditor.goto(`${env.server.url}/audit`);
      await auditor.getByRole('columnheader', { name: /时间（北京时间）/ }).waitFor();
      await auditor
        .getByRole('cell', { name: new RegExp(`^${beijing} 0[34]:\\d\\d:\\d\\d$`) })
        .first()
        .waitFor();
      await screenshot(auditor, '19-clock-audit');
      await auditorContext.close();
    } catch (error) {
      for (const [i, p] of context.pages().entries()) await screenshot(p, `FAILED-clock-${i}`).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
