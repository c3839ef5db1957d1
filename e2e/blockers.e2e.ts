import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { blockerNotes, blockers } from '../src/server/blockers/schema.ts';
import { projects } from '../src/server/projects/schema.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

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
