import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/setup.ts';
import { DEMO_PASSWORD } from '../src/server/demo/fixtures.ts';
import { loadDemo } from '../src/server/demo/load.ts';
import { installClock, systemClock, type Clock } from '../src/shared/calendar.ts';

export const RESULTS_DIR = path.resolve('test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2eServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

/** The real server with the built UI and the demo data, on an in-memory PGlite and a free port (and a clock of the test's choosing). */
export async function startServer(options: { clock?: Clock } = {}): Promise<E2eServer> {
  if (options.clock) installClock(options.clock);
  const database = await openDatabase({});
  await migrateDatabase(database.db);
  await loadDemo(database.db);
  const { app } = await buildApp({ db: database.db, webDir: path.resolve('dist/web'), ...(options.clock ? { clock: options.clock } : {}) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** What the browser refused under the content security policy, on any page of the run: must stay empty. */
export const cspViolations: string[] = [];
/** Uncaught errors in a page (a form that throws, a chart that cannot lay out): each one fails the suite. */
export const pageErrors: string[] = [];
export function watchCsp(page: Page): Page {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  // an uncaught error of the web app is printed, so a blank FAILED screenshot says why
  page.on('pageerror', (error) => {
    console.error(`[page error] ${page.url()}: ${error.stack ?? error.message}`);
    pageErrors.push(`${page.url()}: ${error.message}`);
  });
  return page;
}

export async function newPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  return watchCsp(await context.newPage());
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the login form, as a person would. */
export async function loginThroughUi(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByTestId('current-unit').waitFor();
}

/** Runs a browser scenario on a fresh page; on failure the page is kept as FAILED-<name>.png. */
export async function withPage(
  browser: Browser,
  name: string,
  scenario: (page: Page) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const page = await newPage(browser, viewport);
  try {
    await scenario(page);
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    throw error;
  } finally {
    await page.context().close();
  }
}

/** Starts the server and the browser once for a describe block, and closes both after it. */
export function browserSuite(options: { clock?: Clock } = {}): { readonly server: E2eServer; readonly browser: Browser } {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    installClock(systemClock);
    // the UI must work under its own policy: a refused script, style or image is a bug
    if (cspViolations.length) throw new Error(`content security policy violations:\n${cspViolations.join('\n')}`);
    if (pageErrors.length) throw new Error(`uncaught errors in the page:\n${pageErrors.splice(0).join('\n')}`);
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}

/** Calls the API as a user (signed in through the API), for seeding a scenario as its users would through the product. */
export async function apiAs(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json().catch(() => null)) as T };
  };
}
