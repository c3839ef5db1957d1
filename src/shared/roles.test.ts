import { describe, expect, it } from 'vitest';
import { hasPermission, permissionsOf, roleSetProblem } from './roles.ts';

describe('三员分立 role sets', () => {
  it('accepts one administrator role alone and business roles together', () => {
    expect(roleSetProblem(['sysadmin'])).toBeNull();
    expect(roleSetProblem(['auditor'])).toBeNull();
    expect(roleSetProblem(['officer', 'reviewer'])).toBeNull();
  });
  it('refuses administrator roles combined with each other or with business roles', () => {
    expect(roleSetProblem(['sysadmin', 'secadmin'])).toBe('admin_roles_combined');
    expect(roleSetProblem(['secadmin', 'auditor'])).toBe('admin_roles_combined');
    expect(roleSetProblem(['auditor', 'leader'])).toBe('admin_with_business');
    expect(roleSetProblem([])).toBe('empty');
    expect(roleSetProblem(['superuser'])).toBe('unknown_role');
  });
  it('gives no administrator any business permission, and the auditor nothing but the log', () => {
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect([...permissionsOf([role])].filter((p) => p.startsWith('business:'))).toEqual([]);
    }
    expect([...permissionsOf(['auditor'])].sort()).toEqual(['audit:export', 'audit:read']);
    expect(hasPermission(['sysadmin'], 'users:grant')).toBe(false);
    expect(hasPermission(['secadmin'], 'users:write')).toBe(false);
    expect(hasPermission(['officer'], 'business:write')).toBe(true);
    expect(hasPermission(['leader'], 'business:write')).toBe(false);
  });
});
