import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import { clockNow } from '../../shared/calendar.ts';
import { ADMIN_ROLES, type RoleKey } from '../../shared/roles.ts';

// Second factor (等保: required for the three administrators, ⚙ for others): TOTP (RFC 6238, 30-second steps, six
// digits) by otplib, as every authenticator app speaks it; ten single-use recovery codes kept as SHA-256 hashes.

export const TOTP_ISSUER = '招引 Zhaoyin';
const STEP_SECONDS = 30;

const epoch = () => Math.floor(clockNow().getTime() / 1000);
export const currentStep = () => Math.floor(epoch() / STEP_SECONDS);

export const newTotpSecret = (): string => generateSecret();

export function otpauthUrl(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/** The enrolment QR code as SVG, drawn on the server (nothing loads from the internet). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/** The time step a code belongs to (this one or the one either side, for clocks a little apart), or null. */
export function verifiedStep(secret: string, code: string): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = verifySync({ secret, token, epoch: epoch(), epochTolerance: STEP_SECONDS });
  if (!result.valid) return null;
  return currentStep() + (result.delta ?? 0);
}

/** A code for a secret now (tests and the demo's fixed authenticator). */
export const codeFor = (secret: string): string => generateSync({ secret, epoch: epoch() });

const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** Ten recovery codes (shown once) and their hashes (stored). */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashCode) };
}

/** The stored hashes without the one this code matches, or null when it matches none. */
export function spendRecoveryCode(hashes: readonly string[], code: string): string[] | null {
  const hash = hashCode(code);
  return hashes.includes(hash) ? hashes.filter((h) => h !== hash) : null;
}

/** Whether a user must have a second factor, by the ⚙ settings and their roles. */
export function totpRequired(roles: readonly string[], settings: { admins: string; others: string }): boolean {
  const admin = roles.some((role) => ADMIN_ROLES.includes(role as RoleKey));
  return admin ? settings.admins === 'required' : settings.others === 'required';
}
