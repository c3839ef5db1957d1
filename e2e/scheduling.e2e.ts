import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../src/shared/projects/dates.ts';
import { blockerNotes, blockers } from '../src/server/blockers/schema.ts';
import { meetingItems } from '../src/server/meetings/schema.ts';
import { projects } from '../src/server/projects/schema.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

describe('a scheduling meeting, 对账销号 and bulletins in the browser', () => {
  const env = browserSuite();

  it('in a meeting a reviewer raises a blocker for the 自然资源和规划局; its liaison resolves it; the owner confirms; the bulletin after shows it closed, the one before still open; minutes and bulletins open as Word and Excel', async () => {
    const db = env.server.database.db;
    const description = '二期用地规划调整未获批，需市级统筹';
    let meetingId = 0;
    let projectCode = '';

    await withPage(env.browser, 'meeting', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^调度会$/ })
        .click();
      await page.getByTestId('new-meeting').click();
      await page.getByRole('dialog').getByTestId('meeting-title').fill('全市重大项目推进调度会');
      await page.getByTestId('meeting-save').click();
      await page.waitForURL(/\/meetings\/\d+$/);
      meetingId = Number(page.url().split('/').pop());
      const [first] = await db
        .select({ projectId: meetingItems.projectId })
        .from(meetingItems)
        .where(and(eq(meetingItems.meetingId, meetingId), eq(meetingItems.position, 1)));
      const [project] = await db.select().from(projects).where(eq(projects.id, first!.projectId));
      projectCode = project!.code;
      await page.getByTestId(`agenda-${projectCode}`).waitFor();
      // 过堂: one project per page, moved with the keyboard.
      await page.getByTestId('present').click();
      await page.getByTestId('presentation-project').getByText(project!.name).waitFor();
      await screenshot(page, '55-meeting-presentation');
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('presentation-page').getByText(/^2 \//).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId(`agenda-${projectCode}`).waitFor();
      // The decision and the blocker raised in the meeting.
      await page.getByTestId(`decision-${projectCode}`).fill('由市自然资源和规划局牵头，月底前解决用地指标。');
      await page.getByTestId(`save-decision-${projectCode}`).click();
      await page.getByText('议定事项已记录').waitFor();
      await page.getByTestId(`raise-${projectCode}`).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('blocker-description-input').fill(description);
      await dialog.getByTestId('blocker-departments').click();
      await page.keyboard.type('扬州市自然');
      await page.locator('.ant-select-item-option').filter({ hasText: '扬州市自然资源和规划局' }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('blocker-save').click();
      await page.getByTestId(`agenda-${projectCode}`).getByText(description).waitFor();
      await screenshot(page, '56-meeting');
      const downloading = page.waitForEvent('download');
      await page.getByTestId('minutes').click();
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(/会议纪要\.docx$/);
      const xml = await (await JSZip.loadAsync(fs.readFileSync((await file.path())!))).file('word/document.xml')!.async('string');
      expect(xml).toContain('月底前解决用地指标');
      expect(xml).toContain(description);
    });
    const [raised] = await db.select().from(blockers).where(eq(blockers.description, description));
    expect(raised).toMatchObject({ meetingId, status: 'open' });

    // the city officer drafts this month's bulletin and sends it for signing; the reviewer signs it
    let firstBulletin = 0;
    await withPage(env.browser, 'bulletin-draft', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      firstBulletin = await draftBulletin(page, env.server.url);
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('待办').waitFor();
      expect(await page.getByTestId('bulletin-sign').count()).toBe(0); // officers do not sign
      await screenshot(page, '56-bulletin-draft');
      await page.getByTestId('bulletin-submit').click();
      await page.getByTestId('bulletin-status').getByText('待签发').waitFor();
    });
    await withPage(env.browser, 'bulletin-before', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await page.goto(`${env.server.url}/bulletins/${firstBulletin}`);
      await signBulletin(page);
      await screenshot(page, '57-bulletin-before');
      await page
        .getByTestId('bulletin-doc-number')
        .getByText(/扬商通〔\d{4}〕\d+号/)
        .waitFor();
      await page
        .getByTestId('bulletin-signed-on')
        .getByText(/\d{4}年\d{1,2}月\d{1,2}日/)
        .waitFor();
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('待办').waitFor();
      expect(await readDocx(page)).toContain('待办');
      expect((await readXlsx(page)).getWorksheet('板块排名')!.rowCount).toBeGreaterThan(3);
    });

    await withPage(env.browser, 'blocker-resolve', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_liaison');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^问题清单$/ })
        .click();
      await page.getByTestId('blockers-table').getByText(description).click();
      const drawer = page.getByTestId('blocker-drawer');
      await drawer.getByTestId('blocker-text').fill('已报市政府专题会，同意调剂');
      await drawer.getByTestId('blocker-note').click();
      await drawer.getByTestId('drawer-status').getByText('办理中').waitFor();
      await drawer.getByTestId('blocker-text').fill('已调剂新增建设用地指标120亩');
      await drawer.getByTestId('blocker-resolve').click();
      await drawer.getByTestId('drawer-status').getByText('已办结').waitFor();
      await screenshot(page, '58-blocker-resolved');
    });

    await withPage(env.browser, 'blocker-confirm', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_officer');
      await page.goto(`${env.server.url}/projects/${projectCode}`);
      await page.getByTestId('blockers-tab').click();
      await page.getByTestId('blockers-table').getByText(description).click();
      const drawer = page.getByTestId('blocker-drawer');
      await drawer.getByTestId('blocker-confirm').click();
      await drawer.getByTestId('drawer-status').getByText('已销号').waitFor();
      await screenshot(page, '59-blocker-closed');
    });
    const [closed] = await db.select().from(blockers).where(eq(blockers.id, raised!.id));
    expect(closed).toMatchObject({ status: 'closed', resolution: '已调剂新增建设用地指标120亩' });
    const notes = await db.select().from(blockerNotes).where(eq(blockerNotes.blockerId, raised!.id));
    expect(notes.map((n) => n.kind)).toEqual(['raise', 'note', 'resolve', 'confirm']);

    await withPage(env.browser, 'bulletin-after', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_reviewer');
      await draftBulletin(page, env.server.url);
      // the month has a signed bulletin already: asked, the reviewer adds another (the first stays as it is)
      await signBulletin(page, 'add');
      await screenshot(page, '60-bulletin-after');
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('已销号').waitFor();
      await page
        .getByTestId('bulletin-changes')
        .getByText(/新销号问题1个/)
        .waitFor();
      expect(await readDocx(page)).toContain('已销号');
      const sheet = (await readXlsx(page)).getWorksheet('问题清单')!;
      const statuses = Array.from({ length: sheet.rowCount - 2 }, (_, i) => [
        String(sheet.getRow(i + 3).getCell(4).value),
        String(sheet.getRow(i + 3).getCell(7).value),
      ]);
      expect(statuses).toContainEqual([description, '已销号']);
      // The earlier bulletin has not changed.
      await page.goto(`${env.server.url}/bulletins/${firstBulletin}`);
      await page.getByTestId('bulletin-blockers').locator('tr', { hasText: description }).getByText('待办').waitFor();
      expect(await readDocx(page)).toContain('待办');
    });
  });
});

describe('sponsored projects (挂钩) in the browser', () => {
  const env = browserSuite();

  it('shows a sponsoring leader their projects against plan with their 开工率 and investment completion', async () => {
    await withPage(env.browser, 'sponsors', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_leader');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^挂钩项目$/ })
        .click();
      await page.getByTestId('sponsor-figures').getByText('投资完成率').waitFor();
      const rows = page.getByTestId('sponsor-projects').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(0);
      await page
        .getByTestId('sponsor-projects')
        .getByText(/超前|按计划|滞后/)
        .first()
        .waitFor();
      await screenshot(page, '61-sponsors');
    });
  });
});

/** Drafts this month's bulletin through the dialog (its as-of day follows the month: today). */
async function draftBulletin(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/bulletins`);
  await page.getByTestId('new-bulletin').click();
  const month = page.getByTestId('bulletin-period');
  await month.click();
  await month.fill(todayIso().slice(0, 7));
  await month.press('Enter');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /生成草稿/ })
    .click();
  await page.getByTestId('bulletin-preview').waitFor();
  await page.getByTestId('bulletin-status').getByText('草稿').waitFor();
  return Number(page.url().split('/').pop());
}

/** 签发 in the dialog: the confirmation ticked, and — when the month already has one — the choice asked for. */
async function signBulletin(page: Page, existing?: 'add' | 'replace'): Promise<void> {
  await page.getByTestId('bulletin-sign').click();
  await page
    .getByTestId('bulletin-sign-number')
    .getByText(/〔\d{4}〕\d+号/)
    .waitFor();
  await page.getByTestId('bulletin-sign-check').click();
  await page.getByTestId('bulletin-sign-ok').click();
  if (existing) {
    await page.getByTestId('bulletin-exists').waitFor();
    await page.getByTestId(`bulletin-${existing}`).click();
  }
  await page.getByTestId('bulletin-status').getByText('已签发').waitFor();
}

async function readDocx(page: Page): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('bulletin-docx').click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(fs.readFileSync((await file.path())!));
  return zip.file('word/document.xml')!.async('string');
}

async function readXlsx(page: Page): Promise<ExcelJS.Workbook> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('bulletin-xlsx').click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await (await downloading).path())!);
  return workbook;
}
