import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { clockNow } from '../../shared/calendar.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { appendAudit, appendAuditSoon, subjectOf, type AuditSubject } from '../audit/recorder.ts';
import { DEMO_PASSWORD } from '../demo/fixtures.ts';
import { readSettings } from '../settings/repository.ts';
import { users } from '../users/schema.ts';
import { burnVerifyTime, verifyPassword } from './passwords.ts';
import { loginChallenges } from './schema.ts';
import { createSession, deleteSession } from './sessions.ts';
import { admitAttempt, recordFailure, recordSuccess } from './throttle.ts';
import { spendRecoveryCode, verifiedStep } from './totp.ts';

export type LoginResult =
  | { kind: 'session'; token: string; expiresAt: Date; userId: string; mustChangePassword: boolean }
  /** the password was right; the second factor is still to come (`POST /api/v1/auth/login/totp`) */
  | { kind: 'totp'; challenge: string };

type UserRow = typeof users.$inferSelect;
type Meta = RequestMeta & { userAgent: string | null };

const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const isLoopback = (ip: string | null) => ip === null || ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
const subjectOfUser = (user: UserRow | undefined, username: string): AuditSubject => ({
  userId: user?.id ?? null,
  username,
  unitCode: user?.unitCode ?? null,
});

/**
 * Username + password (+ the authenticator's code when the user has one: in `totp`, or in a second step). An unknown
 * user, a disabled user and a wrong password get the same answer. Throttled per address and per account (see
 * `throttle.ts`); every attempt is audited.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; totp?: string | undefined },
  meta: Meta,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const config = await readSettings(db, ['login.maxFailures', 'login.lockMinutes', 'login.ipFailuresPerMinute']);
  const limits = {
    maxFailures: Number(config['login.maxFailures']),
    lockMinutes: Number(config['login.lockMinutes']),
    perMinute: Number(config['login.ipFailuresPerMinute']),
  };
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const subject = subjectOfUser(user, username);

  const refusal = await admitAttempt(db, username, meta.ip, limits);
  if (refusal) {
    await appendAuditSoon(db, subject, meta, {
      action: 'auth.login',
      outcome: 'failure',
      detail: refusal.kind === 'address' ? 'address throttled' : 'locked',
    });
    if (refusal.kind === 'address')
      throw new AppError('LOGIN_THROTTLED', { seconds: refusal.retryAfterSeconds }, { retryAfterSeconds: refusal.retryAfterSeconds });
    throw new AppError('ACCOUNT_LOCKED', { minutes: refusal.minutes });
  }
  if (!user || !user.active) {
    await burnVerifyTime(input.password);
    await appendAuditSoon(db, subject, meta, { action: 'auth.login', outcome: 'failure', detail: user ? 'disabled' : 'unknown_user' });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await db.transaction(async (tx) => {
      const { lockedMinutes } = await recordFailure(tx, username, meta.ip, limits);
      await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id));
      await appendAudit(tx, subject, meta, {
        action: 'auth.login',
        outcome: 'failure',
        detail: lockedMinutes ? `wrong_password; this address locked out for ${lockedMinutes} min` : 'wrong_password',
      });
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  // the published demo password, used from another machine, must be changed at once
  const mustChange = input.password === DEMO_PASSWORD && user.isDemo && !isLoopback(meta.ip);
  if (user.totpEnabledAt && user.totpSecret) {
    if (!input.totp) return { kind: 'totp', challenge: await openChallenge(db, user.id) };
    await checkCode(db, user, input.totp, meta);
  }
  return openSession(db, user, meta, mustChange);
}

/** The second step: the challenge of a right password and the authenticator's code, or one of the recovery codes. */
export async function loginWithCode(
  db: Db,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  meta: Meta,
): Promise<LoginResult> {
  const id = hashToken(input.challenge);
  const [challenge] = await db.select().from(loginChallenges).where(eq(loginChallenges.id, id));
  if (!challenge || challenge.expiresAt.getTime() <= clockNow().getTime() || challenge.attempts >= CHALLENGE_ATTEMPTS) {
    if (challenge) await db.delete(loginChallenges).where(eq(loginChallenges.id, id));
    throw new AppError('TOTP_INVALID');
  }
  const [user] = await db.select().from(users).where(eq(users.id, challenge.userId));
  if (!user || !user.active) throw new AppError('TOTP_INVALID');
  try {
    if (input.recoveryCode) {
      const left = spendRecoveryCode(user.recoveryCodes, input.recoveryCode);
      if (!left) throw new AppError('TOTP_INVALID');
      await db.transaction(async (tx) => {
        await tx.update(users).set({ recoveryCodes: left }).where(eq(users.id, user.id));
        await appendAudit(tx, subjectOfUser(user, user.username), meta, {
          action: 'auth.recovery_code',
          objectType: 'user',
          objectId: user.id,
          detail: `${left.length} recovery codes left`,
        });
      });
    } else await checkCode(db, user, input.code ?? '', meta);
  } catch (error) {
    await db
      .update(loginChallenges)
      .set({ attempts: sql`${loginChallenges.attempts} + 1` })
      .where(eq(loginChallenges.id, id));
    throw error;
  }
  await db.delete(loginChallenges).where(eq(loginChallenges.id, id));
  return openSession(db, user, meta, false);
}

async function openChallenge(db: DbOrTx, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insert(loginChallenges)
    .values({ id: hashToken(token), userId, expiresAt: new Date(clockNow().getTime() + CHALLENGE_MINUTES * 60_000) });
  return token;
}

/** A code of the user's authenticator, each accepted once (a later step than the last one used). */
async function checkCode(db: Db, user: UserRow, code: string, meta: Meta): Promise<void> {
  const step = user.totpSecret ? verifiedStep(user.totpSecret, code) : null;
  const fresh = step !== null && (user.totpLastStep === null || step > user.totpLastStep);
  if (!fresh) {
    await appendAuditSoon(db, subjectOfUser(user, user.username), meta, {
      action: 'auth.login',
      outcome: 'failure',
      detail: step === null ? 'wrong_code' : 'code_reused',
    });
    throw new AppError('TOTP_INVALID');
  }
  await db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
}

async function openSession(db: Db, user: UserRow, meta: Meta, mustChange: boolean): Promise<LoginResult> {
  const config = await readSettings(db, ['password.maxAgeDays']);
  const maxAgeDays = Number(config['password.maxAgeDays']);
  const now = clockNow();
  const expired = maxAgeDays > 0 && user.passwordChangedAt.getTime() < now.getTime() - maxAgeDays * 86_400_000;
  const mustChangePassword = user.mustChangePassword || mustChange || expired;
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, mustChangePassword }).where(eq(users.id, user.id));
    await recordSuccess(tx, user.username, meta.ip);
    const session = await createSession(tx, user.id, meta);
    await appendAudit(tx, { userId: user.id, username: user.username, unitCode: user.unitCode }, meta, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      ...(expired ? { detail: 'password expired' } : mustChange ? { detail: 'demo password from another machine' } : {}),
    });
    return { kind: 'session' as const, ...session, userId: user.id, mustChangePassword };
  });
}

/** Ends the session at once, audited. */
export async function logout(db: Db, actor: Actor, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await appendAudit(tx, subjectOf(actor), meta, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}
