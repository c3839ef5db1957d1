import { clockNow } from '../../shared/calendar.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { RequestMeta } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { appendAudit, appendAuditSoon } from '../audit/recorder.ts';
import { readSettings } from '../settings/repository.ts';
import { users } from '../users/schema.ts';
import { burnVerifyTime, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  userId: string;
  mustChangePassword: boolean;
}

/**
 * Username + password. An unknown user, a disabled user and a wrong password get the same answer;
 * `login.maxFailures` failures in a row lock the account for `login.lockMinutes`. Every attempt is audited.
 */
export async function login(db: Db, input: { username: string; password: string }, meta: RequestMeta & { userAgent: string | null }): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const config = await readSettings(db, ['login.maxFailures', 'login.lockMinutes']);
  const maxFailures = Number(config['login.maxFailures']);
  const lockMinutes = Number(config['login.lockMinutes']);
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const failureSubject = { userId: user?.id ?? null, username, unitCode: user?.unitCode ?? null };

  if (!user || !user.active) {
    await burnVerifyTime(input.password);
    await appendAuditSoon(db, failureSubject, meta, { action: 'auth.login', outcome: 'failure', detail: user ? 'disabled' : 'unknown_user' });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const now = clockNow().getTime();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    await appendAuditSoon(db, failureSubject, meta, { action: 'auth.login', outcome: 'failure', detail: 'locked' });
    throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((user.lockedUntil.getTime() - now) / 60_000) });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await db.transaction(async (tx) => {
      // Counted in SQL so that concurrent attempts on several instances all count.
      const [updated] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      const failures = updated?.failedLogins ?? maxFailures;
      const locks = failures >= maxFailures;
      if (locks) await tx.update(users).set({ failedLogins: 0, lockedUntil: new Date(now + lockMinutes * 60_000) }).where(eq(users.id, user.id));
      await appendAudit(tx, failureSubject, meta, { action: 'auth.login', outcome: 'failure', detail: locks ? `wrong_password; locked for ${lockMinutes} min` : 'wrong_password' });
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date(now) }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, meta);
    await appendAudit(tx, { userId: user.id, username: user.username, unitCode: user.unitCode }, meta, { action: 'auth.login', objectType: 'user', objectId: user.id });
    return { ...session, userId: user.id, mustChangePassword: user.mustChangePassword };
  });
}
