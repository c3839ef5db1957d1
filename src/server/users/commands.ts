import { clockNow } from '../../shared/calendar.ts';
import { and, eq, ne } from 'drizzle-orm';
import { ADMIN_ROLES, roleSetProblem, ROLE_LABELS, type RoleKey } from '../../shared/roles.ts';
import { passwordProblems, passwordProblemText } from '../../shared/passwords.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf, type AuditSubject } from '../audit/recorder.ts';
import { hashPassword, isCommonPassword, reusesPassword, verifyPassword } from '../auth/passwords.ts';
import { clearAccountThrottle } from '../auth/throttle.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { sessions } from '../auth/schema.ts';
import { departments } from '../departments/schema.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { readSettings } from '../settings/repository.ts';
import { findUnit } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { users } from './schema.ts';

export type { UserRow } from './repository.ts';
import type { UserRow } from './repository.ts';
const AUDITED = ['username', 'displayName', 'unitCode', 'departmentId', 'roles', 'phone', 'active', 'mustChangePassword'] as const;

const ROLE_PROBLEM_TEXT = {
  empty: { zh: '至少需要一个角色', en: 'at least one role is needed' },
  unknown_role: { zh: '未知角色', en: 'unknown role' },
  admin_roles_combined: {
    zh: '系统管理员、安全管理员、审计管理员不能兼任',
    en: 'the system, security and audit administrator roles exclude each other',
  },
  admin_with_business: { zh: '管理员角色不能同时拥有业务角色', en: 'an administrator role cannot be combined with a business role' },
} as const;

export function assertValidRoles(roles: readonly string[], lang: 'zh' | 'en'): asserts roles is RoleKey[] {
  const problem = roleSetProblem(roles);
  if (problem) throw new AppError('ROLE_SET_INVALID', { detail: ROLE_PROBLEM_TEXT[problem][lang] });
}

/** The 等保 password rule (⚙ length, classes, common list, username) and, for a change, the user's last passwords. */
export async function assertPasswordPolicy(
  db: DbOrTx,
  password: string,
  username: string,
  lang: 'zh' | 'en',
  recent: readonly string[] = [],
): Promise<void> {
  const settings = await readSettings(db, ['password.minLength', 'password.classes', 'password.blockCommon', 'password.history']);
  const rule = {
    minLength: Number(settings['password.minLength']),
    classes: Number(settings['password.classes']),
    blockCommon: settings['password.blockCommon'] !== 'off',
    isCommon: isCommonPassword,
  };
  const problems = passwordProblems(password, username, rule);
  if (problems.length) throw new AppError('PASSWORD_WEAK', { detail: passwordProblemText(problems, rule, lang) });
  const history = Number(settings['password.history']);
  if (history > 0 && (await reusesPassword(password, recent.slice(0, history))))
    throw new AppError('PASSWORD_WEAK', {
      detail: lang === 'zh' ? `不能使用最近 ${history} 次用过的密码` : `none of the last ${history} passwords`,
    });
}

/** Administrator accounts (三员) cannot be reset, disabled or enabled through the application by anyone. */
function assertNotAdministrator(target: UserRow): void {
  if ((target.roles as RoleKey[]).some((role) => ADMIN_ROLES.includes(role))) throw new AppError('ADMIN_ACCOUNT_PROTECTED');
}

async function findUserInScope(tx: DbOrTx, actor: Actor, id: string): Promise<UserRow & { unitPath: string }> {
  const [row] = await tx
    .select({ user: users, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(eq(users.id, id));
  if (!row) throw notFound();
  assertInScope(actor, row.unitPath);
  return { ...row.user, unitPath: row.unitPath };
}

async function assertDepartmentOfUnit(
  tx: DbOrTx,
  departmentId: string | null | undefined,
  unitCode: string,
  lang: 'zh' | 'en',
): Promise<void> {
  if (!departmentId) return;
  const [department] = await tx.select().from(departments).where(eq(departments.id, departmentId));
  if (!department || department.unitCode !== unitCode)
    throw new AppError('VALIDATION', {
      detail: lang === 'zh' ? '所选部门不属于该用户所在单位' : 'the department does not belong to the user’s unit',
    });
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  unitCode: string;
  departmentId?: string | null | undefined;
  phone?: string | null | undefined;
  roles?: RoleKey[] | undefined;
  mustChangePassword?: boolean | undefined;
  isDemo?: boolean | undefined;
}

/** Inserts a user and its audit row inside `tx`; shared by the API, the CLI and the demo loader. */
export async function insertUser(
  tx: DbOrTx,
  subject: AuditSubject,
  meta: RequestMeta,
  input: NewUser,
  passwordHash?: string,
): Promise<UserRow> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9_.-]{3,32}$/.test(username))
    throw new AppError('VALIDATION', {
      detail: meta.lang === 'zh' ? '用户名须为 3–32 位字母、数字、下划线、点或连字符' : 'usernames are 3–32 letters, digits, _ . or -',
    });
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (existing) throw new AppError('DUPLICATE', { what: meta.lang === 'zh' ? `用户名 ${username} ` : `username ${username}` });
  const roles = input.roles ?? [];
  if (roles.length > 0) assertValidRoles(roles, meta.lang);
  const [created] = await tx
    .insert(users)
    .values({
      username,
      displayName: input.displayName.trim(),
      passwordHash: passwordHash ?? (await hashPassword(input.password)),
      unitCode: input.unitCode,
      departmentId: input.departmentId ?? null,
      phone: input.phone || null,
      roles,
      mustChangePassword: input.mustChangePassword ?? false,
      isDemo: input.isDemo ?? false,
      passwordChangedAt: clockNow(),
      createdAt: clockNow(),
      updatedAt: clockNow(),
    })
    .returning();
  if (!created) throw new Error('insert returned nothing');
  await appendAudit(tx, subject, meta, {
    action: 'user.create',
    objectType: 'user',
    objectId: created.id,
    changes: diffFields(null, created, AUDITED),
  });
  return created;
}

/**
 * 三员分立: the system administrator creates accounts (without roles) and the security administrator grants roles.
 * A new user must change the initial password at first sign-in.
 */
export async function createUser(db: Db, actor: Actor, meta: RequestMeta, input: Omit<NewUser, 'roles' | 'isDemo'>): Promise<UserRow> {
  await assertPasswordPolicy(db, input.password, input.username, meta.lang);
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitCode);
    if (!unit) throw notFound();
    assertInScope(actor, unit.path);
    await assertDepartmentOfUnit(tx, input.departmentId, unit.code, meta.lang);
    return insertUser(tx, subjectOf(actor), meta, { ...input, mustChangePassword: true });
  });
}

export async function updateUser(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: {
    version: number;
    displayName?: string | undefined;
    unitCode?: string | undefined;
    departmentId?: string | null | undefined;
    phone?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    if (before.version !== input.version) throw conflict(null);
    const unitCode = input.unitCode ?? before.unitCode;
    if (input.unitCode && input.unitCode !== before.unitCode) {
      if (id === actor.userId) throw new AppError('SELF_CHANGE', { what: meta.lang === 'zh' ? '所在单位' : 'unit' });
      const unit = await findUnit(tx, input.unitCode);
      if (!unit) throw notFound();
      assertInScope(actor, unit.path);
    }
    const departmentId =
      input.departmentId === undefined ? (unitCode === before.unitCode ? before.departmentId : null) : input.departmentId;
    await assertDepartmentOfUnit(tx, departmentId, unitCode, meta.lang);
    const [after] = await tx
      .update(users)
      .set({
        displayName: input.displayName?.trim() ?? before.displayName,
        unitCode,
        departmentId,
        phone: input.phone === undefined ? before.phone : input.phone || null,
        version: before.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
    });
    return after;
  });
}

/** Disabling ends every session of the user at once. */
export async function setUserActive(db: Db, actor: Actor, meta: RequestMeta, id: string, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    if (id === actor.userId) throw new AppError('SELF_CHANGE', { what: meta.lang === 'zh' ? '账户状态' : 'account status' });
    assertNotAdministrator(before);
    const [after] = await tx
      .update(users)
      .set({ active, failedLogins: 0, lockedUntil: null, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    if (!active) await deleteUserSessions(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: active ? 'user.enable' : 'user.disable',
      objectType: 'user',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
    });
    return after;
  });
}

/**
 * An administrator sets a temporary password for a business user: the user must change it on the server before doing
 * anything else, is told at sign-in who reset it and when, and existing sessions end. Never for an administrator account.
 */
export async function resetPassword(db: Db, actor: Actor, meta: RequestMeta, id: string, password: string) {
  const [target] = await db.select().from(users).where(eq(users.id, id));
  if (target) assertNotAdministrator(target);
  await assertPasswordPolicy(db, password, target?.username ?? '', meta.lang);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    if (id === actor.userId)
      throw new AppError('SELF_CHANGE', { what: meta.lang === 'zh' ? '密码（请用“修改密码”）' : 'password (use change password)' });
    assertNotAdministrator(before);
    const [after] = await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordResetBy: actor.displayName,
        passwordResetAt: clockNow(),
        passwordHistory: [before.passwordHash, ...before.passwordHistory].slice(0, 24),
        version: before.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    await deleteUserSessions(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'user.reset_password',
      objectType: 'user',
      objectId: id,
      changes: { password: { before: '***', after: '***' }, ...diffFields(before, after, AUDITED) },
    });
    return after;
  });
}

/** The security administrator lifts the user's locks: the account's and those of every address that guessed at it. */
export async function unlockUser(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    const [after] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(users.id, id))
      .returning();
    await clearAccountThrottle(tx, before.username);
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'user.unlock',
      objectType: 'user',
      objectId: id,
      changes: { lockedUntil: { before: before.lockedUntil?.toISOString() ?? null, after: null } },
    });
    return after;
  });
}

/** The security administrator grants roles; nobody changes their own. Takes effect on the user's next request. */
export async function setUserRoles(db: Db, actor: Actor, meta: RequestMeta, id: string, input: { roles: string[]; version: number }) {
  assertValidRoles(input.roles, meta.lang);
  const roles = [...new Set(input.roles)] as RoleKey[];
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    if (id === actor.userId) throw new AppError('SELF_CHANGE', { what: meta.lang === 'zh' ? '角色' : 'roles' });
    if (before.version !== input.version) throw conflict(null);
    const [after] = await tx
      .update(users)
      .set({ roles, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'user.set_roles',
      objectType: 'user',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
      detail: roles.map((role) => ROLE_LABELS[role].zh).join('、'),
    });
    return after;
  });
}

/** A user changes their own password; their other sessions end. */
export async function changeOwnPassword(db: Db, actor: Actor, meta: RequestMeta, input: { currentPassword: string; newPassword: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('PASSWORD_WRONG');
  if (input.newPassword === input.currentPassword)
    throw new AppError('VALIDATION', {
      detail: meta.lang === 'zh' ? '新密码不能与原密码相同' : 'the new password must differ from the current one',
    });
  await assertPasswordPolicy(db, input.newPassword, user.username, meta.lang, user.passwordHistory);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: clockNow(),
        passwordHistory: [user.passwordHash, ...user.passwordHistory].slice(0, 24),
        passwordResetBy: null,
        passwordResetAt: null,
        version: user.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId)));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'user.change_password',
      objectType: 'user',
      objectId: user.id,
      changes: { password: { before: '***', after: '***' } },
    });
  });
}

/** The CLI's operations on an account (the server operator's, audited as `cli`), administrators' included. */
export async function operateOnUser(
  db: Db,
  command: 'user:reset-password' | 'user:set-active' | 'user:reset-totp',
  username: string,
  input: { password?: string | undefined; active: boolean },
): Promise<string> {
  const subject = { userId: null, username: 'cli', unitCode: null };
  const meta = { ip: null, lang: 'zh' as const };
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw new AppError('NOT_FOUND');
  if (command === 'user:reset-password') {
    await assertPasswordPolicy(db, input.password!, username, 'zh');
    const passwordHash = await hashPassword(input.password!);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          passwordHash,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          passwordResetBy: '服务器运维（命令行）',
          passwordResetAt: clockNow(),
          passwordHistory: [user.passwordHash, ...user.passwordHistory].slice(0, 24),
          version: user.version + 1,
          updatedAt: clockNow(),
        })
        .where(eq(users.id, user.id));
      await deleteUserSessions(tx, user.id);
      await clearAccountThrottle(tx, user.username);
      await appendAudit(tx, subject, meta, {
        action: 'user.reset_password',
        objectType: 'user',
        objectId: user.id,
        changes: { password: { before: '***', after: '***' } },
        detail: 'cli',
      });
    });
    return `password of ${username} reset: it must be changed at the next sign-in`;
  }
  if (command === 'user:set-active') {
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ active: input.active, version: user.version + 1, updatedAt: clockNow() })
        .where(eq(users.id, user.id));
      if (!input.active) await deleteUserSessions(tx, user.id);
      await appendAudit(tx, subject, meta, {
        action: input.active ? 'user.enable' : 'user.disable',
        objectType: 'user',
        objectId: user.id,
        changes: { active: { before: user.active, after: input.active } },
        detail: 'cli',
      });
    });
    return `${username} ${input.active ? 'enabled' : 'disabled'}`;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodes: [],
        version: user.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(users.id, user.id));
    await appendAudit(tx, subject, meta, { action: 'user.totp_reset', objectType: 'user', objectId: user.id, detail: 'cli' });
  });
  return `authenticator of ${username} cleared: set it up again at the next sign-in`;
}
