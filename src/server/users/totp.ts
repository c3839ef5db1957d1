import { eq } from 'drizzle-orm';
import { clockNow } from '../../shared/calendar.ts';
import { ADMIN_ROLES, type RoleKey } from '../../shared/roles.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { newRecoveryCodes, newTotpSecret, otpauthUrl, qrSvg, totpRequired, verifiedStep } from '../auth/totp.ts';
import type { Db } from '../db/client.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { readSettings } from '../settings/repository.ts';
import { units } from '../units/schema.ts';
import { users } from './schema.ts';

// A user's second factor: set up (a new secret, shown as a QR code), confirmed with a code (then ten recovery codes,
// shown once), turned off where it is not required, recovery codes renewed; the security administrator clears a
// business user's lost authenticator. Every step audited.

async function me(db: Db, actor: Actor) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound();
  return user;
}

async function requiredFor(db: Db, roles: readonly string[]) {
  const config = await readSettings(db, ['security.totpAdmins', 'security.totpOthers']);
  return totpRequired(roles, { admins: String(config['security.totpAdmins']), others: String(config['security.totpOthers']) });
}

/** A new secret for the user's authenticator (replacing an unconfirmed one); not yet in force. */
export async function setupTotp(db: Db, actor: Actor, meta: RequestMeta) {
  const user = await me(db, actor);
  if (user.totpEnabledAt) throw conflict({ totp: 'enabled' });
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: secret, updatedAt: clockNow() }).where(eq(users.id, user.id));
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.totp_setup', objectType: 'user', objectId: user.id });
  });
  const url = otpauthUrl(secret, user.username);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

/** The first code confirms the secret: from now on sign-in asks for a code. Returns the recovery codes, once. */
export async function enableTotp(db: Db, actor: Actor, meta: RequestMeta, code: string) {
  const user = await me(db, actor);
  if (user.totpEnabledAt) throw conflict({ totp: 'enabled' });
  const step = user.totpSecret ? verifiedStep(user.totpSecret, code) : null;
  if (step === null) throw new AppError('TOTP_INVALID');
  const recovery = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: clockNow(), totpLastStep: step, recoveryCodes: recovery.hashes, updatedAt: clockNow() })
      .where(eq(users.id, user.id));
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.totp_enable', objectType: 'user', objectId: user.id });
  });
  return { recoveryCodes: recovery.codes };
}

/** Off again, with the password — not where the 等保 profile requires a second factor. */
export async function disableTotp(db: Db, actor: Actor, meta: RequestMeta, password: string) {
  const user = await me(db, actor);
  if (!(await verifyPassword(user.passwordHash, password))) throw new AppError('PASSWORD_WRONG');
  if (await requiredFor(db, user.roles))
    throw new AppError('VALIDATION', {
      detail: meta.lang === 'zh' ? '您的账户必须使用动态口令，不能关闭' : 'your account must keep its authenticator',
    });
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [], updatedAt: clockNow() })
      .where(eq(users.id, user.id));
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.totp_disable', objectType: 'user', objectId: user.id });
  });
}

/** Ten new recovery codes (the old ones stop working), with the password. */
export async function renewRecoveryCodes(db: Db, actor: Actor, meta: RequestMeta, password: string) {
  const user = await me(db, actor);
  if (!(await verifyPassword(user.passwordHash, password))) throw new AppError('PASSWORD_WRONG');
  if (!user.totpEnabledAt)
    throw new AppError('VALIDATION', { detail: meta.lang === 'zh' ? '尚未启用动态口令' : 'no authenticator is set up' });
  const recovery = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ recoveryCodes: recovery.hashes, updatedAt: clockNow() }).where(eq(users.id, user.id));
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.recovery_codes', objectType: 'user', objectId: user.id });
  });
  return { recoveryCodes: recovery.codes };
}

/**
 * A business user lost their authenticator: the security administrator clears it (the user sets up a new one at the
 * next sign-in where one is required). Never for an administrator account: that is the server operator's CLI.
 */
export async function resetUserTotp(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ user: users, unitPath: units.path })
      .from(users)
      .innerJoin(units, eq(units.code, users.unitCode))
      .where(eq(users.id, id));
    if (!row) throw notFound();
    assertInScope(actor, row.unitPath);
    if ((row.user.roles as RoleKey[]).some((role) => ADMIN_ROLES.includes(role))) throw new AppError('ADMIN_ACCOUNT_PROTECTED');
    await tx
      .update(users)
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodes: [],
        version: row.user.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(users.id, id));
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.totp_reset', objectType: 'user', objectId: id });
  });
}
