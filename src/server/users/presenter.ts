import { clockNow } from '../../shared/calendar.ts';
import type { RoleKey } from '../../shared/roles.ts';
import type { UserRow } from './repository.ts';

export function presentUser(
  user: UserRow,
  extra: { unitName?: string | null; departmentName?: string | null; lockedSomewhere?: boolean } = {},
) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    unitCode: user.unitCode,
    unitName: extra.unitName ?? null,
    departmentId: user.departmentId,
    departmentName: extra.departmentName ?? null,
    roles: user.roles as RoleKey[],
    phone: user.phone,
    active: user.active,
    locked: Boolean(extra.lockedSomewhere || (user.lockedUntil && user.lockedUntil.getTime() > clockNow().getTime())),
    mustChangePassword: user.mustChangePassword,
    totpEnabled: Boolean(user.totpEnabledAt),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    version: user.version,
  };
}
