import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { targets } from '../src/server/targets/schema.ts';
import { browserSuite, loginThroughUi, newPage, screenshot, withPage } from './support.ts';

describe('targets in the browser', () => {
  const env = browserSuite();

  it('lets a city officer set a district’s target, read its completion and colour, and open the projects behind the figure', async () => {
    const year = dayjs().year();
    await withPage(env.browser, 'targets', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^目标考核$/ })
        .click();
      const table = page.getByTestId('targets-table');
      const gaoyou = table.locator('tr', { hasText: '高邮市' });
      await gaoyou.waitFor();
      const target = page.getByLabel('target 321084');
      await target.fill('40');
      // leaving the box saves nothing: the ✓ does
      await target.blur();
      await page.getByTestId('save-target-321084').waitFor();
      await page.getByTestId('save-target-321084').click();
      await page.getByText('已保存').first().waitFor();
      await page.getByText('已保存').first().waitFor({ state: 'hidden' });
      // 下达: the year's district targets become version 1; a later change asks for its reason
      await page.getByTestId('targets-issue').click();
      await page.getByTestId('issue-note').fill('依据市委市政府年度考核方案');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /下\s*达/ })
        .click();
      await page
        .getByTestId('targets-issued')
        .getByText(/已下达 第1版/)
        .waitFor();
      await target.fill('42');
      await page.getByTestId('save-target-321084').click();
      await page.getByTestId('revision-reason').fill('高邮新增一个省级园区');
      await screenshot(page, '29-target-revision');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await page.getByText('已保存').first().waitFor();
      await gaoyou.getByText(/达到序时|略低于序时|明显落后/).waitFor();
      await page.getByTestId('cohort-card').getByText('落地率').waitFor();
      await screenshot(page, '30-targets');
      const actual = Number(await gaoyou.locator('td').nth(2).innerText());
      await gaoyou.locator('td').nth(2).getByRole('link').click();
      await page.getByTestId('totals-row').getByText(`${actual} 个项目`).waitFor();
    });
    const [row] = await env.server.database.db
      .select()
      .from(targets)
      .where(and(eq(targets.unitCode, '321084'), eq(targets.year, year), eq(targets.indicatorKey, 'signed_projects')));
    expect(row?.annual).toBe(42);
  });
});

describe('targets, cockpit and league table in the browser', () => {
  const env = browserSuite();

  it('a city officer sets and splits targets; a leader sees a district in red on the cockpit, opens its projects, exports the cockpit and the league table', async () => {
    const year = dayjs().year();
    await withPage(env.browser, 'targets-split', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^目标考核$/ })
        .click();
      const table = page.getByTestId('targets-table');
      await table.locator('tr', { hasText: '邗江区' }).waitFor();
      // the city's own target is issued by the province: shown, not editable
      await page.getByTestId('target-issued-321000').getByText('上级下达').waitFor();
      expect(await page.getByLabel('target 321000').count()).toBe(0);
      for (const [code, value] of [
        ['321003', '9999'],
        ['321084', '12'],
      ] as const) {
        const input = page.getByLabel(`target ${code}`);
        await input.fill(value);
        await page.getByTestId(`save-target-${code}`).click();
        await page.getByText('已保存').first().waitFor();
        await page.getByText('已保存').first().waitFor({ state: 'hidden' });
      }
      // Split 邗江's target to months, evenly, and read it back by quarter.
      const hanjiang = table.locator('tr', { hasText: '邗江区' });
      await hanjiang.getByRole('button', { name: '按月分解' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: '平均分解' }).click();
      // a count splits into whole projects: 9,999 is 833 a month, the 3 left over in the last months
      await expect.poll(() => dialog.getByLabel('month 1', { exact: true }).inputValue()).toBe('833');
      await expect.poll(() => dialog.getByLabel('month 12').inputValue()).toBe('834');
      // … or in the first months, as the user says
      await dialog.getByTestId('split-remainder').getByText('余数放在前几个月').click();
      await expect.poll(() => dialog.getByLabel('month 1', { exact: true }).inputValue()).toBe('834');
      await expect.poll(() => dialog.getByLabel('month 12').inputValue()).toBe('833');
      await dialog.getByText('按季度').click();
      await expect.poll(() => dialog.getByLabel('quarter 1').inputValue()).toBe('2502');
      await expect.poll(() => dialog.getByLabel('quarter 4').inputValue()).toBe('2499');
      await screenshot(page, '31-targets-split');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByText(/下级单位目标合计/)
        .first()
        .waitFor();
    });
    const [split] = await env.server.database.db
      .select()
      .from(targets)
      .where(and(eq(targets.unitCode, '321003'), eq(targets.year, year), eq(targets.indicatorKey, 'signed_projects')));
    expect(split?.annual).toBe(9999);
    expect(split?.monthly).toHaveLength(12);
    expect(split!.monthly!.reduce((a, b) => a + b, 0)).toBe(9999);
    expect(split!.monthly!.every(Number.isInteger)).toBe(true);

    await withPage(env.browser, 'cockpit', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_leader');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^领导驾驶舱$/ })
        .click();
      await page.getByTestId('kpi-signed_projects').waitFor();
      const hanjiang = page.getByTestId('children-table').locator('tr', { hasText: '邗江区' });
      await hanjiang.getByText('明显落后').waitFor();
      await page.getByTestId('watchlist').locator('tr', { hasText: '邗江区' }).first().waitFor();
      await page.waitForTimeout(600); // let the charts finish their entry animation before the screenshot
      await screenshot(page, '32-cockpit-1366');
      // Export the page for a meeting as an image (the PDF is the browser's print: desk.e2e.ts prints it)
      const imageDownload = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出图片' }).click();
      const image = await imageDownload;
      expect(image.suggestedFilename()).toMatch(/^扬州市驾驶舱-.*\.png$/);
      const saved = await image.path();
      expect(saved && fs.statSync(saved).size).toBeGreaterThan(10_000);
      // Click through to 邗江's projects behind the figure.
      const actual = (await hanjiang.locator('td').nth(1).innerText()).trim();
      await hanjiang.locator('td').nth(1).getByRole('link').click();
      await page.getByTestId('drilldown').waitFor();
      await page.getByTestId('totals-row').getByText(`${actual} 个项目`).waitFor();
      await screenshot(page, '33-cockpit-drilldown');
      // The league table, exported to Excel.
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^擂台赛$/ })
        .click();
      await page.getByTestId('league-table').locator('tr', { hasText: '邗江区' }).waitFor();
      await screenshot(page, '34-league');
      const downloading = page.waitForEvent('download');
      await page.getByTestId('league-export').click();
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(/擂台赛.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await file.path())!);
      const sheet = workbook.worksheets[0]!;
      expect(String(sheet.getCell('A1').value)).toContain('擂台赛');
      const units = Array.from({ length: sheet.rowCount - 2 }, (_, i) => String(sheet.getRow(i + 3).getCell(4).value));
      expect(units).toContain('邗江区');
    });

    // On a meeting-room display the same page spreads out.
    const big = await newPage(env.browser, { width: 1920, height: 1080 });
    try {
      await loginThroughUi(big, env.server.url, 'yz_leader');
      await big.goto(`${env.server.url}/cockpit`);
      await big.getByTestId('kpi-signed_projects').waitFor();
      await big.waitForTimeout(600);
      await screenshot(big, '35-cockpit-1920');
    } finally {
      await big.context().close();
    }
  });
});

describe('indicator catalog and target sheets in the browser', () => {
  const env = browserSuite();

  it('a reviewer adds an indicator; an officer exports the target sheet, fills it and imports it back', async () => {
    const year = dayjs().year();
    await withPage(env.browser, 'indicator-catalog', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^指标目录$/ })
        .click();
      await page.getByRole('button', { name: '新增指标' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('指标代码').fill('city_key_signings');
      await dialog.getByLabel('指标名称').fill('市重点签约项目数');
      await dialog.getByLabel('项目级别').click();
      await page.locator('.ant-select-item-option', { hasText: '市重点' }).click();
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('indicator-table').locator('tr', { hasText: '市重点签约项目数' }).getByText('自定义').waitFor();
      await screenshot(page, '36-indicator-catalog');
    });
    await withPage(env.browser, 'targets-excel', async (page) => {
      await loginThroughUi(page, env.server.url, 'gaoyou_officer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^目标考核$/ })
        .click();
      await page.getByTestId('targets-table').locator('tr', { hasText: '高邮市' }).first().waitFor();
      const downloading = page.waitForEvent('download');
      await page.getByTestId('targets-export').click();
      const file = await downloading;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await file.path())!);
      const sheet = workbook.worksheets[0]!;
      let filled = 0;
      sheet.eachRow((row, n) => {
        if (n > 1 && row.getCell(3).value === 'city_key_signings') {
          row.getCell(6).value = n % 2 === 0 ? 3 : 'x'; // one good row, then a bad one
          filled++;
        }
      });
      expect(filled).toBeGreaterThan(1);
      const upload = async () =>
        page.locator('input[type=file]').setInputFiles({
          name: 'targets.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
        });
      await upload();
      await page.getByTestId('targets-import-errors').getByText('年度目标须为数字').first().waitFor();
      sheet.eachRow((row, n) => {
        if (n > 1 && row.getCell(3).value === 'city_key_signings') row.getCell(6).value = 3;
      });
      await upload();
      // 高邮's own target is the city's to set: that row is refused, nothing is written
      await page
        .getByTestId('targets-import-errors')
        .getByText(/高邮市的目标由上级单位下达/)
        .first()
        .waitFor();
      sheet.eachRow((row, n) => {
        if (n > 1 && row.getCell(3).value === 'city_key_signings' && row.getCell(1).value === '321084') row.getCell(6).value = null;
      });
      await upload();
      await page.getByText(/已导入：更新 \d+ 项/).waitFor();
      await screenshot(page, '37-targets-imported');
    });
    const rows = await env.server.database.db
      .select()
      .from(targets)
      .where(and(eq(targets.year, year), eq(targets.indicatorKey, 'city_key_signings')));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.unitCode)).not.toContain('321084');
    expect(rows.every((r) => r.annual === 3)).toBe(true);
  });
});
