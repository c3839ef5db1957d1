import { eq, like, or, sql } from 'drizzle-orm';
import { clockNow } from '../../shared/calendar.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { loginThrottle } from './schema.ts';
import { escapeLike } from '../db/scope.ts';

// Failed sign-ins, counted in the database so that every instance sees them (no state in one process's memory):
// - per address: at most ⚙ N failures a minute, whatever the usernames (an attempt is counted before the password is
//   checked and given back when it succeeds, so a burst of concurrent guesses cannot slip past the cap);
// - per account and address: ⚙ login.maxFailures wrong passwords lock that address out of that account, progressively
//   longer — the real user signing in from elsewhere is not affected;
// - per account: many failures from many addresses lock the account, but not for addresses the user has signed in
//   from before (a distributed attack cannot lock the real user out of their own office), and the security
//   administrator can lift every lock.

const MINUTE = 60_000;
const KNOWN_FOR_DAYS = 90;
const ACCOUNT_WINDOW_MINUTES = 15;
/** many addresses together: this many times login.maxFailures within the window lock the account for unknown addresses */
const ACCOUNT_FACTOR = 4;
const MAX_LOCK_MINUTES = 24 * 60;

const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
const accountAddressKey = (username: string, ip: string | null) => `account:${username}|${ip ?? 'unknown'}`;
const accountKey = (username: string) => `account:${username}`;
const knownKey = (username: string, ip: string | null) => `known:${username}|${ip ?? 'unknown'}`;

interface Counter {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  lockCount: number;
}

/** Adds one to a key's count within its window (a window that ended starts again), atomically. */
async function bump(db: DbOrTx, key: string, windowMinutes: number, by = 1): Promise<Counter> {
  const now = clockNow();
  const windowStart = new Date(now.getTime() - windowMinutes * MINUTE);
  const [row] = rowsOf<{ failures: number; window_started_at: string | Date; locked_until: string | Date | null; lock_count: number }>(
    await db.execute(sql`insert into ${loginThrottle} (key, failures, window_started_at) values (${key}, ${Math.max(by, 0)}, ${now.toISOString()}::timestamptz)
      on conflict (key) do update set
        failures = greatest(case when ${loginThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 0 else ${loginThrottle.failures} end + ${by}, 0),
        window_started_at = case when ${loginThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStartedAt} end
      returning failures, window_started_at, locked_until, lock_count`),
  );
  return {
    failures: Number(row!.failures),
    windowStartedAt: new Date(row!.window_started_at),
    lockedUntil: row!.locked_until ? new Date(row!.locked_until) : null,
    lockCount: Number(row!.lock_count),
  };
}

async function read(db: DbOrTx, key: string): Promise<Counter | null> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row ?? null;
}

export type Refusal = { kind: 'address'; retryAfterSeconds: number } | { kind: 'locked'; minutes: number };

/**
 * Before a password is checked: the attempt counts against the address; refused when the address is over its cap or
 * locked out of the account, or the account is locked for addresses it does not know.
 */
export async function admitAttempt(
  db: DbOrTx,
  username: string,
  ip: string | null,
  limits: { perMinute: number },
): Promise<Refusal | null> {
  const now = clockNow().getTime();
  const address = await bump(db, ipKey(ip), 1);
  if (address.failures > limits.perMinute) {
    await bump(db, ipKey(ip), 1, -1); // a refused attempt does not count twice
    return { kind: 'address', retryAfterSeconds: Math.max(1, Math.ceil((address.windowStartedAt.getTime() + MINUTE - now) / 1000)) };
  }
  const own = await read(db, accountAddressKey(username, ip));
  if (own?.lockedUntil && own.lockedUntil.getTime() > now) {
    await bump(db, ipKey(ip), 1, -1);
    return { kind: 'locked', minutes: Math.ceil((own.lockedUntil.getTime() - now) / MINUTE) };
  }
  const account = await read(db, accountKey(username));
  if (account?.lockedUntil && account.lockedUntil.getTime() > now) {
    const known = await read(db, knownKey(username, ip));
    if (!known || known.windowStartedAt.getTime() < now - KNOWN_FOR_DAYS * 24 * 60 * MINUTE) {
      await bump(db, ipKey(ip), 1, -1);
      return { kind: 'locked', minutes: Math.ceil((account.lockedUntil.getTime() - now) / MINUTE) };
    }
  }
  return null;
}

/** A wrong password: counted for the account from this address (and overall); returns the lock it earned, if any. */
export async function recordFailure(
  db: DbOrTx,
  username: string,
  ip: string | null,
  limits: { maxFailures: number; lockMinutes: number },
): Promise<{ lockedMinutes: number | null }> {
  const now = clockNow().getTime();
  let lockedMinutes: number | null = null;
  const own = await bump(db, accountAddressKey(username, ip), limits.lockMinutes);
  if (own.failures >= limits.maxFailures) {
    lockedMinutes = Math.min(limits.lockMinutes * 2 ** own.lockCount, MAX_LOCK_MINUTES); // progressively longer for this address
    await db
      .update(loginThrottle)
      .set({ failures: 0, lockedUntil: new Date(now + lockedMinutes * MINUTE), lockCount: own.lockCount + 1 })
      .where(eq(loginThrottle.key, accountAddressKey(username, ip)));
  }
  const account = await bump(db, accountKey(username), ACCOUNT_WINDOW_MINUTES);
  if (account.failures >= limits.maxFailures * ACCOUNT_FACTOR) {
    await db
      .update(loginThrottle)
      .set({ failures: 0, lockedUntil: new Date(now + limits.lockMinutes * MINUTE), lockCount: account.lockCount + 1 })
      .where(eq(loginThrottle.key, accountKey(username)));
  }
  return { lockedMinutes };
}

/** The right password: the address's attempt is given back, its lock on the account lifted, and it is known from now on. */
export async function recordSuccess(db: DbOrTx, username: string, ip: string | null): Promise<void> {
  await bump(db, ipKey(ip), 1, -1);
  await db.delete(loginThrottle).where(eq(loginThrottle.key, accountAddressKey(username, ip)));
  await db
    .insert(loginThrottle)
    .values({ key: knownKey(username, ip), failures: 0, windowStartedAt: clockNow() })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { windowStartedAt: clockNow() } });
}

/** Every lock and count of an account (the security administrator's unlock). */
export async function clearAccountThrottle(db: DbOrTx, username: string): Promise<void> {
  await db
    .delete(loginThrottle)
    .where(or(eq(loginThrottle.key, accountKey(username)), like(loginThrottle.key, `account:${escapeLike(username)}|%`)));
}

/** Which of these accounts are locked somewhere now (the account itself, or from an address). */
export async function lockedUsernames(db: DbOrTx, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = rowsOf<{ username: string }>(
    await db.execute(sql`select distinct split_part(substr(key, 9), '|', 1) as username from ${loginThrottle}
      where key like 'account:%' and locked_until > ${clockNow().toISOString()}::timestamptz and split_part(substr(key, 9), '|', 1) = any(${sql.param(usernames)}::text[])`),
  );
  return new Set(rows.map((r) => r.username));
}
