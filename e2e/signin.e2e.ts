import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { codeFor } from '../src/server/auth/totp.ts';
import { browserSuite, loginThroughUi, newPage, screenshot, withPage } from './support.ts';

// A code of the next 30-second step: the one just used to turn the authenticator on cannot be replayed.
const nextCode = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe('sign-in with a second factor', () => {
  const env = browserSuite();

  it('a security administrator turns on an authenticator, then signs in with a code on a phone and with a recovery code', async () => {
    let secret = '';
    let recovery: string[] = [];
    await withPage(env.browser, 'totp-enrol', async (page) => {
      await loginThroughUi(page, env.server.url, 'yz_secadmin');
      await page.getByTestId('user-menu').hover();
      await page.getByRole('menuitem', { name: '动态口令' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('totp-qr').waitFor();
      secret = ((await dialog.getByTestId('totp-secret').textContent()) ?? '').trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      // a wrong code is refused, in Chinese, and the dialog stays
      await dialog.getByTestId('totp-setup-code').fill(codeFor(secret) === '000000' ? '111111' : '000000');
      await dialog.getByTestId('totp-enable').click();
      await dialog.getByText('动态口令不正确或已过期').waitFor();
      await screenshot(page, '30-totp-setup');
      await dialog.getByTestId('totp-setup-code').fill(codeFor(secret));
      await dialog.getByTestId('totp-enable').click();
      const codes = dialog.getByTestId('recovery-codes');
      await codes.waitFor();
      recovery = ((await codes.locator('pre').textContent()) ?? '').split('\n').filter(Boolean);
      expect(recovery).toHaveLength(10);
      await screenshot(page, '31-recovery-codes');
      await dialog.getByTestId('recovery-codes-saved').click();
    });

    // on a phone: the password alone does not open the session; the code does
    const phone = await newPage(env.browser, { width: 390, height: 844 });
    await phone.goto(`${env.server.url}/login`);
    await phone.getByLabel('用户名').fill('yz_secadmin');
    await phone.getByLabel('密码').fill('Zhaoyin@2026');
    await phone.getByRole('button', { name: /登\s*录/ }).click();
    await phone.getByTestId('totp-code').waitFor();
    expect(await phone.getByTestId('current-unit').count()).toBe(0);
    await screenshot(phone, '32-totp-code-phone');
    await phone.getByTestId('totp-code').fill(nextCode(secret));
    await phone.getByTestId('totp-submit').click();
    await phone.getByTestId('current-unit').waitFor();
    await phone.context().close();

    // a lost phone: a recovery code opens it once
    await withPage(env.browser, 'totp-recovery', async (page) => {
      await page.goto(`${env.server.url}/login`);
      await page.getByLabel('用户名').fill('yz_secadmin');
      await page.getByLabel('密码').fill('Zhaoyin@2026');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('totp-code').waitFor();
      await page.getByText('使用恢复码').click();
      await page.getByTestId('totp-code').fill(recovery[0]!);
      await page.getByTestId('totp-submit').click();
      await page.getByTestId('current-unit').waitFor();
    });
  });

  it('the API documentation opens under the content security policy', async () => {
    await withPage(env.browser, 'api-docs', async (page) => {
      await page.goto(`${env.server.url}/api/docs`);
      await page.getByText('招引 Zhaoyin API').first().waitFor();
      await page.getByText('/api/v1/auth/login').first().waitFor();
    });
  });
});
