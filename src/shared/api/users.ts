// Responses of the users API: the success bodies, checked on every response in tests.
import { z } from 'zod';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  roles: z.array(z.enum(['sysadmin', 'secadmin', 'auditor', 'leader', 'officer', 'reviewer', 'liaison'])),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});

export const usersResponse = z.object({ items: z.array(userSchema), total: z.number() });

export const usersByIdResetTotpPostResponse = z.object({ ok: z.boolean() });
