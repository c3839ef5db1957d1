import type { Lang } from '../../shared/errors.ts';
import type { PermissionKey, RoleKey } from '../../shared/roles.ts';
import { hasPermission } from '../../shared/roles.ts';
import { isWithin } from '../../shared/units.ts';
import { AppError, hiddenObject } from './errors.ts';

/** Who is acting: the signed-in user with the unit that bounds their scope. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  unitCode: string;
  unitPath: string;
  departmentId: string | null;
  roles: RoleKey[];
  sessionId: string;
  /** the password was reset, has expired or is the published demo one: nothing but changing it until it is changed */
  mustChangePassword: boolean;
  /** a second factor is required and not yet set up: nothing but setting it up */
  needsTotp: boolean;
  /** the unit tree's token when the session was read (units/repository.ts: whether this instance's copy is current) */
  unitTreeToken?: string | null;
}

/** Request facts that travel with every command (for the audit log and messages). */
export interface RequestMeta {
  ip: string | null;
  lang: Lang;
}

// One-line policies.
export const can = (actor: Actor, permission: PermissionKey): boolean => hasPermission(actor.roles, permission);
export const inScope = (actor: Actor, unitPath: string): boolean => isWithin(unitPath, actor.unitPath);

export function assertCan(actor: Actor, permission: PermissionKey): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}

export function assertInScope(actor: Actor, unitPath: string): void {
  if (!inScope(actor, unitPath)) throw new AppError('OUT_OF_SCOPE');
}

/** For an object looked up by its code or id: outside the caller's units it does not exist (404, audited). */
export function assertObjectInScope(actor: Actor, unitPath: string): void {
  if (!inScope(actor, unitPath)) throw hiddenObject();
}

/** Within the caller's units, or — for a record kept above for the units below (a city's targets) — above them. */
export const isWithinScopeOrAbove = (actor: Actor, unitPath: string, sharedDown: boolean): boolean =>
  inScope(actor, unitPath) || (sharedDown && actor.unitPath.startsWith(unitPath));
