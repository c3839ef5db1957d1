import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/shared/calendar.ts';
import { todayIso } from '../src/shared/projects/dates.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

/** The text a PDF draws: its page streams inflated (Chromium writes them deflated), as the operators they hold. */
function pdfStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const pattern = /stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not deflated (an image, a font program): not text
    }
  }
  return out.join('\n');
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; sheet: ExcelJS.Worksheet }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  return { name: download.suggestedFilename(), sheet: workbook.worksheets[0]! };
}

describe('every role’s desk, alerts to handle, names in the log, outputs for the meeting table, the large screen', () => {
  const env = browserSuite();

  it('a liaison’s desk lists the department’s blockers, each opening the blocker', async () => {
    await withPage(env.browser, 'desk-liaison', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_liaison');
      const desk = page.getByTestId('desk');
      await desk.getByTestId('desk-item-blocker').first().waitFor();
      expect(await desk.textContent()).toContain('扬州市自然资源和规划局');
      expect(await page.getByTestId('desk-count-blocker').textContent()).toMatch(/本部门问题 \d+/);
      // a liaison fills and reviews nothing
      expect(await desk.getByTestId('desk-item-fill').count()).toBe(0);
      await screenshot(page, '90-desk-liaison');
      await desk.getByTestId('desk-item-blocker').first().click();
      await page.waitForURL(/\/blockers\?tab=mine&blocker=\d+/);
      await page.locator('.ant-drawer-content').waitFor();
      await screenshot(page, '91-desk-blocker-opened');
    });
  });

  it('an officer’s desk shows the report returned for correction; its returned row is highlighted with the comment beside it', async () => {
    await withPage(env.browser, 'desk-returned', async (page) => {
      await loginThroughUi(page, env.server.url, 'hanjiang_officer');
      const desk = page.getByTestId('desk');
      const returned = desk.getByTestId('desk-item-returned');
      await returned.waitFor();
      expect(await desk.textContent()).toContain('1 行被退回');
      expect(await desk.textContent()).toContain('请核实标注的行后重新提交');
      await screenshot(page, '92-desk-officer');
      await returned.click();
      await page.waitForURL(/\/reporting\/submissions\/\d+/);
      const row = page.locator('tr.row-returned');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      expect(await row.first().textContent()).toContain('本月完成投资与形象进度不符');
      // highlighted: its cells carry the returned rows' colour
      const background = await row
        .first()
        .locator('td')
        .first()
        .evaluate((cell) => getComputedStyle(cell).backgroundColor);
      expect(background).toBe('rgb(255, 241, 240)');
      await screenshot(page, '93-returned-row');
    });
    // on the phone the desk is a column of cards, the returned report first among those due
    await withPage(
      env.browser,
      'desk-phone',
      async (page) => {
        await loginThroughUi(page, env.server.url, 'hanjiang_officer');
        const item = page.getByTestId('desk').getByTestId('desk-item-returned');
        await item.waitFor();
        const box = await item.boundingBox();
        expect(box!.height).toBeLessThan(30); // the title on one line, not a column of single characters
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, '93b-desk-phone');
      },
      { width: 390, height: 844 },
    );
  });

  it('a reviewer’s desk lists the reports to review; a city officer assigns an alert and snoozes another with a reason', async () => {
    await withPage(env.browser, 'desk-review', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page.getByTestId('desk').getByTestId('desk-item-review').first().waitFor();
      await screenshot(page, '94-desk-reviewer');
    });
    await withPage(env.browser, 'alert-triage', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      const triage = page.getByTestId('alert-triage');
      await triage.waitFor();
      await page.goto(`${env.server.url}/alerts?kind=milestone_overdue`);
      const table = page.getByTestId('alerts-table');
      await table.locator('.ant-table-row').first().waitFor();
      // an empty assignment says what is missing
      await table.getByTestId('alert-assign').first().click();
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await page.getByText('请选择处置人').waitFor();
      await page.getByTestId('assignee-select').click();
      await page.locator('.ant-select-item-option').first().click();
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await expect.poll(() => table.getByTestId('alert-triage-state').first().textContent()).not.toBe('—');
      // snoozing asks for the day and the reason
      await table.getByTestId('alert-snooze').nth(1).click();
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await page.getByText('请选择暂缓到哪一天').waitFor();
      await page.getByText('请写明暂缓原因').waitFor();
      await page.getByTestId('snooze-until').click();
      await page.getByTestId('snooze-until').fill(addDays(todayIso(), 7));
      await page.keyboard.press('Enter');
      await page.getByTestId('snooze-reason').fill('等待市自然资源和规划局批复');
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByTestId('alert-view').getByText('已暂缓').click();
      await table.getByText('等待市自然资源和规划局批复').waitFor();
      await screenshot(page, '95-alerts-snoozed');
      // the list as Excel: a title, 序号, names and a 合计 line
      await page.getByTestId('alert-view').getByText('全部').click();
      const { name, sheet } = await downloaded(page, () => page.getByTestId('export-excel').click());
      expect(name).toMatch(/^预警清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(sheet.getCell(1, 1).value).toBe('扬州市预警清单');
      expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
    });
  });

  it('exports 问题清单 and 投资完成 as titled lists; the ledger with 序号, unit names, amounts with their unit and a 合计 line', async () => {
    await withPage(env.browser, 'exports', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      await page.goto(`${env.server.url}/blockers`);
      await page.locator('.ant-table-row').first().waitFor();
      const blockers = await downloaded(page, () => page.getByTestId('export-excel').click());
      expect(blockers.sheet.getCell(1, 1).value).toBe('扬州市问题清单');
      expect(blockers.sheet.getRow(3).getCell(1).value).toBe('序号');
      await page.goto(`${env.server.url}/reporting/progress`);
      await page.getByTestId('progress-summary').locator('.ant-table-row').first().waitFor();
      const progress = await downloaded(page, () => page.getByTestId('export-excel').click());
      expect(String(progress.sheet.getCell(1, 1).value)).toContain('扬州市重大项目投资完成情况');
      expect(progress.sheet.getRow(progress.sheet.rowCount).getCell(1).value).toBe('合计');
      await page.goto(`${env.server.url}/projects?unit=321003`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: /导出 Excel/ }).click();
      const ledger = await downloaded(page, () => page.locator('.ant-dropdown-menu').getByText('项目台账', { exact: true }).click());
      const header = (ledger.sheet.getRow(2).values as string[]).slice(1);
      expect(header.slice(0, 3)).toEqual(['序号', '项目编号', '项目名称']);
      expect(header).toContain('总投资(万，按币种)');
      expect(header).toContain('总投资折人民币(亿元)');
      expect(ledger.sheet.getCell(3, header.indexOf('所属单位') + 1).value).toBe('邗江区');
      const total = ledger.sheet.getRow(ledger.sheet.rowCount);
      expect(total.getCell(1).value).toBe('合计');
      expect(String(total.getCell(3).value)).toMatch(/^共 \d+ 个项目$/);
    });
  });

  it('prints a project as an A4 sheet: its record, stage dates, recent progress and open blockers', async () => {
    await withPage(env.browser, 'project-print', async (page) => {
      await loginThroughUi(page, env.server.url, 'hanjiang_officer');
      await page.goto(`${env.server.url}/projects?unit=321003&stage=started`);
      await page.locator('.ant-table-row a').first().click();
      await page.waitForURL(/\/projects\/321003-/);
      await page.getByTestId('project-print-view').click();
      await page.waitForURL(/\/print$/);
      const sheet = page.getByTestId('project-print');
      await sheet.getByText('重大项目信息表').waitFor();
      await page.getByTestId('print-progress').waitFor();
      expect(await sheet.textContent()).toContain('邗江区');
      // the menus are not on it; printed, the buttons go too
      expect(await page.locator('.ant-layout-sider').count()).toBe(0);
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('print').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.length).toBeLessThan(1024 * 1024);
      await page.emulateMedia({ media: 'screen' });
      await screenshot(page, '98-project-print');
    });
  });

  it('names people and actions in the audit log', async () => {
    await withPage(env.browser, 'audit-names', async (page) => {
      await loginThroughUi(page, env.server.url, 'auditor');
      await page.goto(`${env.server.url}/audit`);
      const table = page.getByTestId('audit-table');
      await table.locator('.ant-table-row').first().waitFor();
      const actions = await table.getByTestId('audit-action').allTextContents();
      expect(actions.some((a) => a === '登录')).toBe(true);
      expect(actions.every((a) => !/^[a-z_]+\.[a-z_.]+$/.test(a))).toBe(true); // words, not codes
      await screenshot(page, '96-audit-names');
    });
  });

  it('prints the cockpit as a vector PDF under 2 MB with its text selectable and the 红黄灯清单 whole', async () => {
    await withPage(
      env.browser,
      'cockpit-pdf',
      async (page) => {
        await loginThroughUi(page, env.server.url, 'yz_leader');
        await page.goto(`${env.server.url}/cockpit`);
        await page.getByTestId('kpi-cards').waitFor();
        await page.waitForTimeout(1500); // the charts' first drawing
        await page.emulateMedia({ media: 'print' });
        const watchlist = page.getByTestId('watchlist').locator('.scroll-box');
        // in print the scroll box is open: all of the list is laid out
        expect(await watchlist.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
        const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
        expect(pdf.length).toBeLessThan(2 * 1024 * 1024);
        const streams = pdfStreams(pdf);
        expect(streams).toMatch(/\bBT\b[\s\S]*?\bTj\b|\bTJ\b/); // text drawn as text
        expect(pdf.toString('latin1')).toMatch(/\/FontFile2|\/Type\s*\/Font/);
        expect(pdf.toString('latin1')).not.toMatch(/\/Subtype\s*\/Image[\s\S]{0,200}\/Width\s+(\d{4,})/); // no page-sized pictures
        await page.emulateMedia({ media: 'screen' });
      },
      { width: 1440, height: 900 },
    );
  });

  it('shows the large screen dark on one 1920×1080 screen without scrolling, its figures opening the projects', async () => {
    await withPage(
      env.browser,
      'big-screen',
      async (page) => {
        await loginThroughUi(page, env.server.url, 'yz_leader');
        await page.goto(`${env.server.url}/cockpit`);
        await page.getByTestId('big-screen').click();
        await page.waitForURL(/\/cockpit\/screen/);
        const screen = page.getByTestId('cockpit-screen');
        await page.getByTestId('screen-kpis').waitFor();
        await page.waitForTimeout(1500);
        const size = await page.evaluate(() => ({
          scrollHeight: document.documentElement.scrollHeight,
          scrollWidth: document.documentElement.scrollWidth,
        }));
        expect(size.scrollHeight).toBeLessThanOrEqual(1080);
        expect(size.scrollWidth).toBeLessThanOrEqual(1920);
        // every panel inside the screen
        for (const id of ['screen-kpis', 'screen-children', 'screen-watchlist', 'screen-largest']) {
          const box = await page.getByTestId(id).boundingBox();
          expect(box!.y + box!.height, id).toBeLessThanOrEqual(1080);
        }
        const background = await screen.evaluate((el) => getComputedStyle(el).backgroundImage);
        expect(background).toContain('gradient');
        expect(await page.getByTestId('screen-updated').textContent()).toMatch(/每 5 分钟自动刷新/);
        await screenshot(page, '97-big-screen');
        const signed = page.getByTestId('screen-kpi-signed_projects').locator('a[data-count]');
        const count = Number(await signed.getAttribute('data-count'));
        await signed.click();
        await page.waitForURL(/\/projects\?/);
        const totals = page.getByTestId('totals-row');
        await totals.waitFor();
        expect(Number(await totals.getAttribute('data-total'))).toBe(count);
      },
      { width: 1920, height: 1080 },
    );
  });
});
