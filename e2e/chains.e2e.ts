import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

async function companySheet(file: string, rows: (string | number | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业');
  sheet.addRow(['企业名称', '统一社会信用代码', '企业类型', '所属单位', '所在地', '产业链环节', '标签', '营业收入(万元)']);
  for (const row of rows) sheet.addRow(row);
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-e2e-')), file);
  await workbook.xlsx.writeFile(target);
  return target;
}

describe('industrial chains and the company register in the browser', () => {
  const env = browserSuite();

  it('a reviewer draws a chain, imports companies with one bad row, finds the gaps and assigns a target to a district, which visits it and turns it into a 在谈 project of the ledger', async () => {
    const bad = await companySheet('bad.xlsx', [
      ['扬州云翼飞控科技有限公司', null, '在地企业', '321003', null, '低空经济/飞控系统', '高新技术企业', 8600],
      ['扬州某无人机有限公司', null, '在地企业', '321003', null, '低空经济/不存在的环节', null, null],
    ]);
    const good = await companySheet('good.xlsx', [
      ['扬州云翼飞控科技有限公司', null, '在地企业', '321003', null, '低空经济/飞控系统', '高新技术企业', 8600],
      ['深圳某无人机集团', null, '目标企业', null, '深圳市', '低空经济/整机制造', '独角兽', null],
    ]);

    await withPage(env.browser, 'chains', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page.getByRole('menuitem', { name: '招商引资' }).click();
      await page.getByRole('menuitem', { name: '产业链图谱' }).click();
      // the demo's chains of 扬州 are there, the first with its map
      await page.getByTestId('chain-graph').waitFor();
      await page.getByTestId('coverage-summary').waitFor();
      await screenshot(page, '70-chain-map');
      // the ledger's old classification: projects on the chain's name alone, placed on links as their names suggest
      await page.getByTestId('chain-select').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '集成电路' }).click();
      await page.getByRole('tab', { name: '待归入环节' }).click();
      const pending = page.getByTestId('placements-table');
      await pending.locator('.ant-table-row').first().waitFor();
      await screenshot(page, '70b-chain-placements');
      await page.getByTestId('place-all').click();
      await page.getByText(/已归入 \d+ 个项目/).waitFor();
      await page.getByRole('tab', { name: '图谱' }).click();

      // draw a new chain of three links
      await page.getByRole('button', { name: '绘制产业链' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('chain-name').fill('低空经济');
      await dialog.getByPlaceholder('环节名称').nth(0).fill('飞控系统');
      await dialog.getByTestId('add-link').click();
      await dialog.getByPlaceholder('环节名称').nth(1).fill('整机制造');
      await dialog.getByTestId('add-link').click();
      await dialog.getByPlaceholder('环节名称').nth(2).fill('低空运营');
      await screenshot(page, '71-chain-editor');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('coverage-summary').getByText('补链（缺失）').waitFor();
      await expect.poll(() => page.getByTestId('chain-select').textContent()).toContain('低空经济');
      // all three links are gaps: no local firm, no project
      await expect.poll(async () => (await page.getByTestId('coverage-summary').textContent()) ?? '').toMatch(/补链（缺失）3/);

      // import companies: the bad row is named by row and column, nothing is written
      await page.getByRole('menuitem', { name: '企业库' }).click();
      await page.getByTestId('import-companies').click();
      await page.getByRole('dialog').locator('input[type=file]').setInputFiles(bad);
      const errors = page.getByTestId('import-errors');
      await errors.getByText('产业链环节“低空经济/不存在的环节”不存在').waitFor();
      expect(await errors.locator('tbody tr').first().textContent()).toContain('3产业链环节');
      await screenshot(page, '72-company-import-errors');
      expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
      // the corrected sheet is checked, then imported
      await page.getByRole('dialog').locator('input[type=file]').setInputFiles(good);
      await page.getByTestId('import-checked').getByText('新增 2').waitFor();
      await page.getByTestId('import-commit').click();
      await page.getByTestId('companies-table').getByText('扬州云翼飞控科技有限公司').waitFor();
      await screenshot(page, '73-company-register');

      // the map now: 飞控系统 has one local firm (强链), 整机制造 a target only (still a gap), 低空运营 a gap
      await page.getByRole('menuitem', { name: '产业链图谱' }).click();
      await page.getByTestId('chain-select').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '低空经济' }).click();
      await page.getByRole('tab', { name: '覆盖表' }).click();
      const table = page.getByTestId('coverage-table');
      const row = (name: string) => table.locator('tbody tr').filter({ hasText: name });
      await expect.poll(async () => (await row('飞控系统').textContent()) ?? '').toContain('强链（仅1家）');
      expect(await row('整机制造').textContent()).toContain('补链（缺失）');
      expect(await row('低空运营').textContent()).toContain('补链（缺失）');
      await screenshot(page, '74-chain-coverage');
      // a count opens the companies behind it
      await row('飞控系统').getByRole('button', { name: '1' }).first().click();
      await page.getByTestId('link-drawer').getByText('扬州云翼飞控科技有限公司').waitFor();
      await screenshot(page, '75-chain-link-companies');

      // 交办: the target goes to 邗江区, to its officer
      await page.keyboard.press('Escape');
      await page.getByTestId('link-drawer').waitFor({ state: 'hidden' });
      await page.getByRole('menuitem', { name: '企业库' }).click();
      await page.getByTestId('companies-table').getByText('深圳某无人机集团').click();
      const drawer = page.getByTestId('company-drawer');
      await drawer.getByTestId('pipeline-move').click();
      const move = page.getByRole('dialog').filter({ hasText: '推进 / 交办' });
      const unitField = move.locator('.ant-select-selector').nth(1);
      await unitField.click();
      await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '扬州市' }).first().waitFor();
      await page.keyboard.type('邗江');
      // the tree re-renders as the search narrows it: pick the node once it stands alone, and see it chosen
      const option = page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: /^邗江区$/ });
      await option.first().waitFor();
      await option.first().click();
      await expect.poll(() => unitField.textContent()).toContain('邗江区');
      await move.getByLabel('跟踪人').fill('hanjiang_officer');
      await move.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.getByText('待接收').waitFor();
      await screenshot(page, '76-company-assigned');
    });

    // the district accepts it, logs a visit and turns it into a 在谈 project of the ledger
    await withPage(env.browser, 'pipeline-district', async (page) => {
      await loginThroughUi(page, env.server.url, 'hanjiang_officer');
      await page.goto(`${env.server.url}/companies`);
      await page.getByTestId('companies-table').getByText('深圳某无人机集团').click();
      const drawer = page.getByTestId('company-drawer');
      await drawer.getByTestId('assignment-accept').click();
      await drawer.getByText('已接收').waitFor();
      await drawer.getByTestId('contact-add').click();
      const log = page.getByRole('dialog').filter({ hasText: '记录走访' });
      await log.getByTestId('contact-summary').fill('赴深圳总部拜访，介绍邗江低空经济产业园');
      await log.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.getByTestId('contacts-table').getByText('赴深圳总部拜访').waitFor();
      await drawer.getByText('已拜访').first().waitFor();
      await drawer.getByTestId('pipeline-move').click();
      const move = page.getByRole('dialog').filter({ hasText: '推进 / 交办' });
      await move.getByTestId('pipeline-stage').click();
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^在谈$/ })
        .click();
      await move.getByTestId('project-name').fill('深圳某无人机整机制造项目');
      await move.getByTestId('project-investment').fill('3亿元');
      await move.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.getByTestId('company-project').waitFor();
      await screenshot(page, '77-company-negotiating');
      await drawer.getByTestId('company-project').click();
      await page.waitForURL(/\/projects\/321003-/);
      await page.getByText('深圳某无人机整机制造项目').first().waitFor();
      await page.getByText('深圳某无人机集团').first().waitFor();
      await screenshot(page, '78-pipeline-project-in-ledger');
      // the funnel counts it
      await page.goto(`${env.server.url}/companies?tab=funnel`);
      await page.getByTestId('funnel-table').waitFor();
      await screenshot(page, '79-pipeline-funnel');
    });

    // an agreed next step left overdue is an alert (the city sees its districts'); it opens the company
    await withPage(env.browser, 'pipeline-alerts', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page.goto(`${env.server.url}/alerts?kind=next_step_overdue`);
      const first = page.getByTestId('alerts-table').getByTestId('alert-company').first();
      const name = (await first.textContent()) ?? '';
      expect(name).not.toBe('');
      await expect.poll(() => page.getByTestId('alert-message').first().textContent()).toContain('已逾期');
      await screenshot(page, '79b-follow-up-alerts');
      await first.click();
      await page.waitForURL(/\/companies\?company=/);
      await page.getByTestId('company-drawer').getByText(name).first().waitFor();
      await page.getByTestId('company-drawer').getByTestId('next-step-overdue').waitFor();
      await screenshot(page, '79c-follow-up-company');
    });
  });
});
