// With the English switch, no page shows Chinese UI text — only data (names, places). What counts as data is told
// by the server itself: it sends codes and keys, never display text, so any Chinese string in an API response is
// data (a unit's, a project's, a person's name). Whatever Chinese the page shows that no response contained is UI
// text the web failed to translate.
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { projects } from '../src/server/projects/schema.ts';
import { browserSuite, loginThroughUi, screenshot, withPage } from './support.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (CJK.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value && typeof value === 'object') {
    // a label the server sends in both languages ({ zh, en }) is UI text: only its English side may show
    const record = value as Record<string, unknown>;
    if ('zh' in record && 'en' in record) return collectStrings(record.en, into);
    for (const item of Object.values(record)) collectStrings(item, into);
  }
}

/** Records every Chinese string the API sent the page. */
function watchData(page: Page): Set<string> {
  const data = new Set<string>();
  page.on('response', (response: Response) => {
    if (!response.url().includes('/api/') || !(response.headers()['content-type'] ?? '').includes('json')) return;
    response
      .json()
      .then((body) => collectStrings(body, data))
      .catch(() => undefined);
  });
  return data;
}

/** The Chinese texts on the page that are not made of data (the language switch's own 中文 label aside). */
async function untranslated(page: Page, data: Set<string>): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest('[data-testid="lang-switch"]')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = (node.textContent ?? '').trim();
      if (text) found.push(text);
    }
    for (const element of Array.from(document.querySelectorAll('input[placeholder], textarea[placeholder]')))
      found.push((element as HTMLInputElement).placeholder);
    return found;
  });
  // data strings, longest first, so a name inside a longer name is taken as the longer one
  const known = [...data].sort((a, b) => b.length - a.length);
  const leaks = new Set<string>();
  for (const text of texts) {
    if (!CJK.test(text)) continue;
    let rest = text;
    for (const value of known) if (rest.includes(value)) rest = rest.split(value).join(' ');
    if (CJK.test(rest)) leaks.add(text);
  }
  return [...leaks];
}

async function switchToEnglish(page: Page): Promise<void> {
  await page.getByTestId('lang-switch').getByText('EN').click();
  await page
    .getByText('Sign out', { exact: false })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
}

async function visit(page: Page, url: string, data: Set<string>, leaks: Map<string, string[]>): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const found = await untranslated(page, data);
  if (found.length) leaks.set(new URL(url).pathname, found);
}

describe('the English UI', () => {
  const env = browserSuite();

  it('shows no Chinese UI text on any menu page, only data', async () => {
    const leaks = new Map<string, string[]>();
    const [project] = await env.server.database.db.select({ code: projects.code }).from(projects).limit(1);
    const base = env.server.url;
    const pagesOf: Record<string, string[]> = {
      yz_reviewer: [
        '/',
        '/projects',
        '/projects/new',
        '/projects/import',
        '/projects/duplicates',
        `/projects/${project!.code}`,
        '/targets',
        '/targets/indicators',
        '/cockpit',
        '/league',
        '/reporting',
        '/reporting/tasks',
        '/reporting/compliance',
        '/reporting/progress',
        '/alerts',
        '/blockers',
        '/bulletins',
        '/meetings',
        '/sponsors',
        '/chains',
        '/companies',
        '/trips',
        '/staff/out-of-city',
        '/sources',
        '/events',
        '/advisors',
        '/advisors?tab=rewards',
        '/staff/scoreboard',
        '/glance',
        '/org/units',
        '/org/departments',
      ],
      yz_admin: ['/admin/users', '/admin/settings'],
      yz_auditor: ['/audit'],
    };
    for (const [user, urls] of Object.entries(pagesOf))
      await withPage(env.browser, `english-${user}`, async (page) => {
        const data = watchData(page);
        await loginThroughUi(page, base, user);
        await switchToEnglish(page);
        for (const url of urls) await visit(page, `${base}${url}`, data, leaks);
        await screenshot(page, `english-${user}`);
      });
    const report = [...leaks].map(([url, texts]) => `${url}: ${texts.slice(0, 12).join(' | ')}`).join('\n');
    expect(report, 'Chinese UI text shown in English').toBe('');
  });
});
