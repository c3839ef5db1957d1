// Roles and permissions: pure rules shared by server and web.

export const ROLE_KEYS = ['sysadmin', 'secadmin', 'auditor', 'leader', 'officer', 'reviewer', 'liaison'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** 三员分立: the three administrator roles exclude each other and every business role. */
export const ADMIN_ROLES: readonly RoleKey[] = ['sysadmin', 'secadmin', 'auditor'];
export const BUSINESS_ROLES: readonly RoleKey[] = ['leader', 'officer', 'reviewer', 'liaison'];

export const ROLE_LABELS: Record<RoleKey, { zh: string; en: string }> = {
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计管理员', en: 'Audit administrator' },
  leader: { zh: '领导', en: 'Leader' },
  officer: { zh: '招商专员', en: 'Investment officer' },
  reviewer: { zh: '审核员', en: 'Reviewer' },
  liaison: { zh: '部门联络员', en: 'Department liaison' },
};

export const PERMISSION_KEYS = [
  'org:read', // 单位、部门
  'org:write',
  'org:delete',
  'org:export',
  'users:read',
  'users:write', // create, disable, reset password, move unit
  'users:grant', // assign roles
  'settings:read',
  'settings:write', // system settings
  'security:write', // security settings
  'audit:read',
  'audit:export',
  'business:read', // 项目、目标、填报 … (later capabilities)
  'business:write',
  'business:delete',
  'business:export',
  'business:review',
  'business:contacts', // investors' contacts unmasked
] as const;
export type PermissionKey = (typeof PERMISSION_KEYS)[number];

const GRANTS: Record<RoleKey, readonly PermissionKey[]> = {
  sysadmin: ['org:read', 'org:write', 'org:delete', 'org:export', 'users:read', 'users:write', 'settings:read', 'settings:write'],
  secadmin: ['org:read', 'users:read', 'users:grant', 'settings:read', 'security:write'],
  auditor: ['audit:read', 'audit:export'],
  leader: ['org:read', 'org:export', 'business:read', 'business:export'],
  officer: ['org:read', 'org:export', 'business:read', 'business:write', 'business:delete', 'business:export', 'business:contacts'],
  reviewer: ['org:read', 'org:export', 'business:read', 'business:export', 'business:review', 'business:contacts'],
  liaison: ['org:read', 'business:read'],
};

export function permissionsOf(roles: readonly RoleKey[]): Set<PermissionKey> {
  const result = new Set<PermissionKey>();
  for (const role of roles) for (const permission of GRANTS[role]) result.add(permission);
  return result;
}

export function hasPermission(roles: readonly RoleKey[], permission: PermissionKey): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

export type RoleSetProblem = 'empty' | 'admin_roles_combined' | 'admin_with_business' | 'unknown_role';

/** Checks a role set against 三员分立; null when it is valid. */
export function roleSetProblem(roles: readonly string[]): RoleSetProblem | null {
  if (roles.length === 0) return 'empty';
  if (roles.some((role) => !(ROLE_KEYS as readonly string[]).includes(role))) return 'unknown_role';
  const admins = roles.filter((role) => ADMIN_ROLES.includes(role as RoleKey));
  if (admins.length > 1) return 'admin_roles_combined';
  if (admins.length === 1 && roles.length > 1) return 'admin_with_business';
  return null;
}
