import { clockNow } from '../../shared/calendar.ts';
import { and, eq, ne } from 'drizzle-orm';
import { roleSetProblem, ROLE_LABELS, type RoleKey } from '../../shared/roles.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf, type AuditSubject } from '../audit/recorder.ts';
import { hashPassword, passwordStrongEnough, verifyPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { sessions } from '../auth/schema.ts';
import { departments } from '../departments/schema.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { readIntegerSetting } from '../settings/repository.ts';
import { findUnit } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
const AUDITED = ['username', 'displayName', 'unitCode', 'departmentId', 'roles', 'phone', 'active', 'mustChangePassword'] as const;

const ROLE_PROBLEM_TEXT = {
  empty: { zh: '至少需要一个角色', en: 'at least one role is needed' },
  unknown_role: { zh: '未知角色', en: 'unknown role' },
  admin_roles_combined: { zh: '系统管理员、安全管理员、审计管理员不能兼任', en: 'the system, security and audit administrator roles exclude each other' },
  admin_with_business: { zh: '管理员角色不能同时拥有业务角色', en: 'an administrator role cannot be combined with a business role' },
} as const;

export function assertValidRoles(roles: readonly string[], lang: 'zh' | 'en'): asserts roles is RoleKey[] {
  const problem = roleSetProblem(roles);
  if (problem) throw new AppError('ROLE_SET_INVALID', { detail: ROLE_PROBLEM_TEXT[problem][lang] });
}

async function assertPasswordPolicy(db: DbOrTx, password: string): Promise<void> {
  const minLength = await readIntegerSetting(db, 'password.minLength');
  if (!passwordStrongEnough(password, minLength)) throw new AppError('PASSWORD_WEAK', { min: minLength });
}

async function findUserInScope(tx: DbOrTx, actor: Actor, id: string): Promise<UserRow & { unitPath: string }> {
  const [row] = await tx.select({ user: users, unitPath: units.path }).from(users).innerJoin(units, eq(units.code, users.unitCode)).where(eq(users.id, id));
  if (!row) throw notFound();
  assertInScope(actor, row.unitPath);
  return { ...row.user, unitPath: row.unitPath };
}

async function assertDepartmentOfUnit(tx: DbOrTx, departmentId: string | null | undefined, unitCode: string, lang: 'zh' | 'en'): Promise<void> {
  if (!departmentId) return;
  const [department] = await tx.select().from(departments).where(eq(departments.id, departmentId));
  if (!department || department.unitCode !== unitCode) throw new AppError('VALIDATION', { detail: lang === 'zh' ? '所选部门不属于该用户所在单位' : 'the department does not belong to the user’s unit' });
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
export async function insertUser(tx: DbOrTx, subject: AuditSubject, meta: RequestMeta, input: NewUser, passwordHash?: string): Promise<UserRow> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9_.-]{3,32}$/.test(username)) throw new AppError('VALIDATION', { detail: meta.lang === 'zh' ? '用户名须为 3–32 位字母、数字、下划线、点或连字符' : 'usernames are 3–32 letters, digits, _ . or -' });
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
    })
    .returning();
  if (!created) throw new Error('insert returned nothing');
  await appendAudit(tx, subject, meta, { action: 'user.create', objectType: 'user', objectId: created.id, changes: diffFields(null, created, AUDITED) });
  return created;
}

/**
 * 三员分立: the system administrator creates accounts (without roles) and the security administrator grants roles.
 * A new user must change the initial password at first sign-in.
 */
export async function createUser(db: Db, actor: Actor, meta: RequestMeta, input: Omit<NewUser, 'roles' | 'isDemo'>): Promise<UserRow> {
  await assertPasswordPolicy(db, input.password);
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitCode);
    if (!unit) throw notFound();
    assertInScope(actor, unit.path);
    await assertDepartmentOfUnit(tx, input.departmentId, unit.code, meta.lang);
    return insertUser(tx, subjectOf(actor), meta, { ...input, mustChangePassword: true });
  });
}

export async function updateUser(db: Db, actor: Actor, meta: RequestMeta, id: string, input: { version: number; displayName?: string | undefined; unitCode?: string | undefined; departmentId?: string | null | undefined; phone?: string | null | undefined }) {
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
    const departmentId = input.departmentId === undefined ? (unitCode === before.unitCode ? before.departmentId : null) : input.departmentId;
    await assertDepartmentOfUnit(tx, departmentId, unitCode, meta.lang);
    const [after] = await tx
      .update(users)
      .set({ displayName: input.displayName?.trim() ?? before.displayName, unitCode, departmentId, phone: input.phone === undefined ? before.phone : input.phone || null, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.update', objectType: 'user', objectId: id, changes: diffFields(before, after, AUDITED) });
    return after;
  });
}

/** Disabling ends every session of the user at once. */
export async function setUserActive(db: Db, actor: Actor, meta: RequestMeta, id: string, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    if (id === actor.userId) throw new AppError('SELF_CHANGE', { what: meta.lang === 'zh' ? '账户状态' : 'account status' });
    const [after] = await tx
      .update(users)
      .set({ active, failedLogins: 0, lockedUntil: null, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    if (!active) await deleteUserSessions(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, { action: active ? 'user.enable' : 'user.disable', objectType: 'user', objectId: id, changes: diffFields(before, after, AUDITED) });
    return after;
  });
}

/** An administrator sets a temporary password: the user must change it, and existing sessions end. */
export async function resetPassword(db: Db, actor: Actor, meta: RequestMeta, id: string, password: string) {
  await assertPasswordPolicy(db, password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    const [after] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound();
    await deleteUserSessions(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.reset_password', objectType: 'user', objectId: id, changes: { password: { before: '***', after: '***' }, ...diffFields(before, after, AUDITED) } });
    return after;
  });
}

export async function unlockUser(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  return db.transaction(async (tx) => {
    const before = await findUserInScope(tx, actor, id);
    const [after] = await tx.update(users).set({ failedLogins: 0, lockedUntil: null, version: before.version + 1, updatedAt: clockNow() }).where(eq(users.id, id)).returning();
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.unlock', objectType: 'user', objectId: id, changes: { lockedUntil: { before: before.lockedUntil?.toISOString() ?? null, after: null } } });
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
    const [after] = await tx.update(users).set({ roles, version: before.version + 1, updatedAt: clockNow() }).where(eq(users.id, id)).returning();
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
  await assertPasswordPolicy(db, input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AppError('VALIDATION', { detail: meta.lang === 'zh' ? '新密码不能与原密码相同' : 'the new password must differ from the current one' });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, version: user.version + 1, updatedAt: clockNow() }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId)));
    await appendAudit(tx, subjectOf(actor), meta, { action: 'user.change_password', objectType: 'user', objectId: user.id, changes: { password: { before: '***', after: '***' } } });
  });
}
