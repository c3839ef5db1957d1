import fs from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blockerNotes, blockers } from '../src/server/blockers/schema.ts';
import { projects } from '../src/server/projects/schema.ts';
import { apiAs, browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

describe('blockers (对账销号) in the browser', () => {
  const env = browserSuite();

  it('a city reviewer raises a blocker for the 自然资源和规划局; its liaison resolves it; the district confirms; it is closed', async () => {
    const db = env.server.database.db;
    const [project] = await db.select().from(projects).where(and(eq(projects.unitCode, '321003'), eq(projects.stage, 'started'))).orderBy(sql`${projects.totalInvestmentWan} desc`).limit(1);
    const description = '新增建设用地指标不足，需市级统筹调剂';

    await withPage(env.browser, 'blocker-raise', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page.goto(`${env.server.url}/projects/${project!.code}`);
      await page.getByTestId('blockers-tab').click();
      await page.getByTestId('raise-project-blocker').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('blocker-description-input').fill(description);
      await dialog.getByTestId('blocker-departments').click();
      await page.keyboard.type('扬州市自然');
      await page.locator('.ant-select-item-option').filter({ hasText: '扬州市自然资源和规划局' }).click();
      await page.keyboard.press('Escape');
      await screenshot(page, '50-blocker-raise');
      await page.getByTestId('blocker-save').click();
      await page.getByTestId('blockers-table').getByText(description).waitFor();
    });

    await withPage(env.browser, 'blocker-resolve', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_liaison');
      await page.getByRole('menuitem').filter({ hasText: /^问题清单$/ }).click();
      await page.getByTestId('blockers-table').getByText(description).click();
      const drawer = page.getByTestId('blocker-drawer');
      await drawer.getByTestId('blocker-text').fill('已报市政府专题会，同意调剂');
      await drawer.getByTestId('blocker-note').click();
      await drawer.getByTestId('drawer-status').getByText('办理中').waitFor();
      await drawer.getByTestId('blocker-text').fill('已调剂新增建设用地指标120亩，下达邗江区');
      await drawer.getByTestId('blocker-resolve').click();
      await drawer.getByTestId('drawer-status').getByText('已办结').waitFor();
      await screenshot(page, '51-blocker-resolved');
    });

    await withPage(env.browser, 'blocker-confirm', async (page) => {
      await loginThroughUi(page, env.server.url, 'hanjiang_officer');
      await page.goto(`${env.server.url}/projects/${project!.code}`);
      await page.getByTestId('blockers-tab').click();
      await page.getByTestId('blockers-table').getByText(description).click();
      const drawer = page.getByTestId('blocker-drawer');
      await drawer.getByTestId('blocker-confirm').click();
      await drawer.getByTestId('drawer-status').getByText('已销号').waitFor();
      await screenshot(page, '52-blocker-closed');
    });

    const [row] = await db.select().from(blockers).where(eq(blockers.description, description));
    expect(row).toMatchObject({ status: 'closed', resolution: '已调剂新增建设用地指标120亩，下达邗江区' });
    const notes = await db.select().from(blockerNotes).where(eq(blockerNotes.blockerId, row!.id));
    expect(notes.map((n) => n.kind)).toEqual(['raise', 'note', 'resolve', 'confirm']);
  });
});

describe('bulletins (通报) in the browser', () => {
  const env = browserSuite();

  it('the bulletin issued before a blocker is closed still shows it open; the one issued after shows it closed; both open as Word and Excel', async () => {
    const db = env.server.database.db;
    const [project] = await db.select().from(projects).where(and(eq(projects.unitCode, '321084'), eq(projects.stage, 'started'))).orderBy(sql`${projects.totalInvestmentWan} desc`).limit(1);
    const description = '项目用电增容审批滞后';
    const reviewerApi = await apiAs(env.server.url, 'yz_reviewer');
    const departmentsOf = await reviewerApi<{ items: { id: string; name: string }[] }>('GET', `/api/v1/blockers/departments?project=${project!.code}`);
    const bureau = departmentsOf.json.items.find((d) => d.name === '扬州市自然资源和规划局')!;
    const raised = await reviewerApi<{ id: number; version: number }>('POST', '/api/v1/blockers', { projectCode: project!.code, type: 'utilities', description, departmentIds: [bureau.id], deadline: '2099-12-31' });
    expect(raised.status).toBe(201);

    const issue = async (page: Page, name: string) => {
      await page.goto(`${env.server.url}/bulletins`);
      await page.getByTestId('issue-bulletin').click();
      await page.getByTestId('bulletin-preview').waitFor();
      await screenshot(page, name);
      return Number(page.url().split('/').pop());
    };
    const readDocx = async (page: Page) => {
      const downloading = page.waitForEvent('download');
      await page.getByTestId('bulletin-docx').click();
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(/通报.*\.docx$/);
      const zip = await JSZip.loadAsync(fs.readFileSync((await file.path())!));
      return zip.file('word/document.xml')!.async('string');
    };
    const readXlsx = async (page: Page) => {
      const downloading = page.waitForEvent('download');
      await page.getByTestId('bulletin-xlsx').click();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await (await downloading).path())!);
      return workbook;
    };

    let firstId = 0;
    await withPage(env.browser, 'bulletin-before', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      firstId = await issue(page, '53-bulletin-before');
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('待办').waitFor();
      expect(await readDocx(page)).toContain('待办');
      const workbook = await readXlsx(page);
      expect(workbook.getWorksheet('板块排名')!.rowCount).toBeGreaterThan(3);
    });

    // 对账销号 through the API as the department and the district would.
    const liaisonApi = await apiAs(env.server.url, 'yz_liaison');
    const resolved = await liaisonApi<{ version: number }>('POST', `/api/v1/blockers/${raised.json.id}/actions`, { action: 'resolve', version: raised.json.version, resolution: '已完成用电增容审批' });
    const gaoyouApi = await apiAs(env.server.url, 'gaoyou_officer');
    expect((await gaoyouApi('POST', `/api/v1/blockers/${raised.json.id}/actions`, { action: 'confirm', version: resolved.json.version })).status).toBe(200);

    await withPage(env.browser, 'bulletin-after', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await issue(page, '54-bulletin-after');
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('已销号').waitFor();
      await page.getByTestId('bulletin-changes').getByText(/新销号问题1个/).waitFor();
      const xml = await readDocx(page);
      expect(xml).toContain('已销号');
      const workbook = await readXlsx(page);
      const sheet = workbook.getWorksheet('问题清单')!;
      const statuses = Array.from({ length: sheet.rowCount - 2 }, (_, i) => [String(sheet.getRow(i + 3).getCell(4).value), String(sheet.getRow(i + 3).getCell(7).value)]);
      expect(statuses).toContainEqual([description, '已销号']);
      // The earlier bulletin has not changed.
      await page.goto(`${env.server.url}/bulletins/${firstId}`);
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('待办').waitFor();
    });
  });
});
