import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { projects } from '../src/server/projects/schema.ts';
import { RESULTS_DIR, apiAs, browserSuite, loginThroughUi, newPage, screenshot, withPage } from './support.ts';

async function fillTemplate(templatePath: string, rows: (string | number | null)[][], out: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(templatePath);
  const sheet = workbook.getWorksheet('项目台账')!;
  const headers = (sheet.getRow(1).values as (string | undefined)[]).slice(1);
  rows.forEach((row, i) => {
    const [name, unit, investor, capital, total, stage, signed, started] = row;
    const values: Record<string, string | number | null> = {
      项目名称: name!,
      所属单位: unit!,
      投资方: investor!,
      内外资: capital!,
      总投资: total!,
      当前阶段: stage!,
      签约日期: signed ?? null,
      开工日期: started ?? null,
      首次填报日期: '2025-01-06',
    };
    headers.forEach((header, col) => {
      if (header && values[header] !== undefined) sheet.getRow(i + 2).getCell(col + 1).value = values[header];
    });
  });
  const file = path.join(RESULTS_DIR, out);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('project ledger in the browser', () => {
  const env = browserSuite();

  it('imports a sheet after fixing its errors, advances a project to 开工, finds it and reads its history', async () => {
    await withPage(env.browser, 'ledger-import', async (page: Page) => {
      await loginThroughUi(page, env.server.url, 'gaoyou_officer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^项目$/ })
        .click();
      await page.getByTestId('totals-row').waitFor();
      await page.getByRole('button', { name: /导入 Excel/ }).click();

      const downloadPromise = page.waitForEvent('download');
      await page.getByTestId('download-template').click();
      const template = await downloadPromise;
      expect(template.suggestedFilename()).toBe('项目导入模板.xlsx');
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const templatePath = path.join(RESULTS_DIR, 'template.xlsx');
      await template.saveAs(templatePath);

      const bad = await fillTemplate(
        templatePath,
        [
          ['高邮湖碳化硅衬底项目', '高邮市', '江苏天科合达半导体有限公司', '内资', '15亿元', '开工', '2025-02-10', null],
          ['高邮港光伏玻璃项目', '高邮市', '福莱特玻璃集团', '内资', '约8亿', '签约', null, null],
        ],
        'import-bad.xlsx',
      );
      await page.locator('input[type=file]').setInputFiles(bad);
      await page.getByTestId('import-errors').waitFor();
      const errors = page.locator('.ant-table-tbody');
      await errors.getByText('开工日期').first().waitFor();
      await errors.getByText('须为确数', { exact: false }).waitFor();
      await screenshot(page, '10-import-errors');
      expect(await env.server.database.db.select().from(projects).where(eq(projects.name, '高邮湖碳化硅衬底项目'))).toHaveLength(0);

      const good = await fillTemplate(
        templatePath,
        [
          ['高邮湖碳化硅衬底项目', '高邮市', '江苏天科合达半导体有限公司', '内资', '15亿元', '签约', '2025-02-10', null],
          ['高邮港光伏玻璃项目', '高邮市', '福莱特玻璃集团', '内资', '8亿元', '签约', '2025-03-01', null],
        ],
        'import-good.xlsx',
      );
      await page.locator('input[type=file]').setInputFiles(good);
      await page.getByTestId('import-checked').waitFor();
      await page.getByTestId('import-preview').getByText('高邮湖碳化硅衬底项目').waitFor();
      await screenshot(page, '11a-import-preview');
      await page.getByTestId('confirm-import').click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确认导入/ })
        .click();
      await page.getByTestId('import-done').getByText('新增 2 个').waitFor();
      await screenshot(page, '11-import-done');

      // find it by a partial name
      await page.goto(`${env.server.url}/projects`);
      await page.getByPlaceholder(/项目名称、投资方或编号/).fill('碳化硅');
      await page.getByPlaceholder(/项目名称、投资方或编号/).press('Enter');
      await page.getByTestId('projects-table').getByRole('link', { name: '高邮湖碳化硅衬底项目' }).click();
      await page.getByTestId('project-title').filter({ hasText: '高邮湖碳化硅衬底项目' }).waitFor();

      // advance to 开工 with its date
      await page.getByRole('button', { name: '推进阶段' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('.ant-select').first().click();
      await page.locator('.ant-select-item-option').filter({ hasText: '开工' }).click();
      await dialog.getByPlaceholder(/选择日期|请选择日期/).fill('2025-06-18');
      await dialog.getByPlaceholder(/选择日期|请选择日期/).press('Enter');
      await dialog.getByLabel('佐证说明').fill('桩基施工开始，施工许可证已核发');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('project-stage').filter({ hasText: '开工' }).waitFor();
      await page.getByRole('tab', { name: '生命周期' }).click();
      await page.getByTestId('lifecycle').getByText('实际：2025-06-18').waitFor();
      await screenshot(page, '12-lifecycle');
      await page.getByRole('tab', { name: '变更历史' }).click();
      await page.getByTestId('history-table').getByText('推进阶段').waitFor();
      await page.getByTestId('history-table').getByText('开工日期').first().waitFor();
      await page.getByTestId('history-table').getByText('2025-06-18').first().waitFor();
      await screenshot(page, '13-history');
    });
    const [row] = await env.server.database.db.select().from(projects).where(eq(projects.name, '高邮湖碳化硅衬底项目'));
    expect(row).toMatchObject({ stage: 'started', startedOn: '2025-06-18', signedOn: '2025-02-10', unitCode: '321084' });
  });

  it('opens, from a home-page figure, exactly the projects it counts', async () => {
    await withPage(env.browser, 'home-click-through', async (page) => {
      await loginThroughUi(page, env.server.url, 'hanjiang_officer');
      const tag = page.getByTestId('ledger-summary').getByText(/^开工 \d+$/);
      const count = Number((await tag.textContent())!.replace(/\D/g, ''));
      expect(count).toBeGreaterThan(0);
      await tag.click();
      await page.getByTestId('totals-row').getByText(`${count} 个项目`).waitFor();
      await page.goto(`${env.server.url}/`);
      const tenYi = Number(
        await page
          .getByTestId('ledger-summary')
          .locator('.ant-statistic', { hasText: '10亿元以上' })
          .locator('.ant-statistic-content-value')
          .textContent(),
      );
      await page.getByTestId('ledger-summary').locator('.ant-statistic', { hasText: '10亿元以上' }).click();
      await page.getByTestId('totals-row').getByText(`${tenYi} 个项目`).waitFor();
    });
  });

  it('hides it from an officer of a sibling district', async () => {
    const [row] = await env.server.database.db.select().from(projects).where(eq(projects.name, '高邮湖碳化硅衬底项目'));
    await withPage(env.browser, 'ledger-sibling', async (page) => {
      await loginThroughUi(page, env.server.url, 'hanjiang_officer');
      await page.goto(`${env.server.url}/projects?q=碳化硅衬底`);
      await page.getByTestId('totals-row').getByText('0 个项目').waitFor();
      // another district's project answers exactly as one that does not exist
      await page.goto(`${env.server.url}/projects/${row!.code}`);
      await page.getByText('未找到该记录').waitFor();
      await page.getByText('不在您的管辖范围内').waitFor();
      await screenshot(page, '14-sibling-refused');
    });
  });

  it('refuses the second of two concurrent edits with a clear conflict message', async () => {
    const [row] = await env.server.database.db.select().from(projects).where(eq(projects.name, '高邮港光伏玻璃项目'));
    const first = await newPage(env.browser);
    const second = await newPage(env.browser);
    try {
      for (const page of [first, second]) {
        await loginThroughUi(page, env.server.url, 'gaoyou_officer');
        await page.goto(`${env.server.url}/projects/${row!.code}/edit`);
        await page.getByLabel('挂钩领导').waitFor();
      }
      await first.getByLabel('挂钩领导').fill('王市长');
      await first.getByRole('button', { name: /保\s*存/ }).click();
      await first.getByTestId('project-title').waitFor();
      await second.getByLabel('挂钩领导').fill('李副市长');
      await second.getByRole('button', { name: /保\s*存/ }).click();
      await second
        .getByTestId('form-error')
        .getByText(/该项目已被他人修改.*挂钩领导："王市长"/)
        .waitFor();
      // nothing is lost: the second user's entry is still in the form
      expect(await second.getByLabel('挂钩领导').inputValue()).toBe('李副市长');
      await screenshot(second, '15-edit-conflict');
    } finally {
      await first.context().close();
      await second.context().close();
    }
    const [after] = await env.server.database.db.select().from(projects).where(eq(projects.id, row!.id));
    expect(after!.sponsorLeader).toBe('王市长');
    expect(after!.version).toBe(row!.version + 1);
  });
  it('shows near duplicates as 待确认 with their look-alike, takes one as the same project and the other as new, and a second import changes nothing', async () => {
    const gaoyou = await apiAs(env.server.url, 'gaoyou_officer');
    const seed = async (name: string) => {
      const response = await gaoyou<{ project: { code: string } }>('POST', '/api/v1/projects', {
        name,
        unitCode: '321084',
        investorName: `${name}投资有限公司`,
        capitalType: 'domestic',
        totalInvestment: '6亿元',
        stage: 'negotiating',
        firstReportedOn: '2025-02-01',
      });
      expect(response.status).toBe(201);
      return response.json.project.code;
    };
    const bearings = await seed('高邮滚珠丝杠精密传动项目');
    const glass = await seed('高邮特种电子玻璃基板项目');
    const ledgerCount = async () => (await gaoyou<{ total: number }>('GET', '/api/v1/projects?unit=321084')).json.total;
    const before = await ledgerCount();
    const sheet = async (out: string) => {
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('台账');
      ws.addRow(['项目名称', '所属单位', '投资方', '内外资', '总投资', '当前阶段', '首次填报日期']);
      ws.addRow([
        '高邮滚珠丝杠精密传动项目（一期）',
        '高邮市',
        '高邮滚珠丝杠精密传动项目投资有限公司',
        '内资',
        '6亿元',
        '在谈',
        '2025-02-01',
      ]);
      ws.addRow([
        '高邮特种电子玻璃基板项目（二期）',
        '高邮市',
        '高邮特种电子玻璃基板项目投资有限公司',
        '内资',
        '9亿元',
        '在谈',
        '2025-02-01',
      ]);
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, out);
      await workbook.xlsx.writeFile(file);
      return file;
    };
    const file = await sheet('import-near-duplicates.xlsx');
    await withPage(env.browser, 'ledger-import-review', async (page: Page) => {
      await loginThroughUi(page, env.server.url, 'gaoyou_officer');
      await page.goto(`${env.server.url}/projects/import`);
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-checked').getByText('待确认 2 个').waitFor();
      const preview = page.getByTestId('import-preview');
      await preview.getByText(bearings).waitFor();
      await preview.getByText('名称主干相同', { exact: false }).first().waitFor();
      // nothing can be imported while a row is undecided
      expect(await page.getByTestId('confirm-import').isDisabled()).toBe(true);
      await screenshot(page, '13-import-review');
      await page.getByTestId('decide-2').getByText('是同一项目，更新').click();
      await page.getByTestId('decide-3').getByText('不是同一项目，新建').click();
      expect(await page.getByTestId('confirm-import').isDisabled()).toBe(false);
      await page.getByTestId('confirm-import').click();
      await page.locator('.ant-popconfirm').getByText('将新增 1 个项目、更新 1 个项目').waitFor();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确认导入/ })
        .click();
      await page.getByTestId('import-done').getByText('新增 1 个，更新 1 个').waitFor();
      await screenshot(page, '14-import-review-done');
      const [kept] = await env.server.database.db.select().from(projects).where(eq(projects.code, bearings));
      expect(kept!.name).toBe('高邮滚珠丝杠精密传动项目（一期）');
      expect((await env.server.database.db.select().from(projects).where(eq(projects.code, glass)))[0]!.name).toBe(
        '高邮特种电子玻璃基板项目',
      );
      expect(await ledgerCount()).toBe(before + 1);

      // the same sheet again: both rows now match their projects, nothing to decide, nothing written
      await page.goto(`${env.server.url}/projects/import`);
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-checked').getByText('新增 0 个，更新 0 个，未变化 2 个，待确认 0 个').waitFor();
      expect(await page.getByTestId('confirm-import').isDisabled()).toBe(true);
      await page.getByTestId('import-missing').waitFor();
      await screenshot(page, '15-import-unchanged');
    });
  });
});
