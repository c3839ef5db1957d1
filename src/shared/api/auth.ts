// Responses of the auth API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { unitSchema } from './units.ts';

export const authLoginPostResponse = z.object({ ok: z.boolean(), mustChangePassword: z.boolean() });

export const authLoginTotpPostResponse = z.object({ ok: z.boolean(), mustChangePassword: z.boolean() });

export const authLogoutPostResponse = z.object({ ok: z.boolean() });

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(['sysadmin', 'secadmin', 'auditor', 'leader', 'officer', 'reviewer', 'liaison'])),
    departmentId: z.string().nullable(),
    mustChangePassword: z.boolean(),
    passwordReset: z.object({ by: z.string().nullable(), at: z.string() }).nullable(),
    totpEnabled: z.boolean(),
    needsTotp: z.boolean(),
  }),
  unit: unitSchema,
  permissions: z.array(
    z.enum([
      'org:read',
      'org:write',
      'org:delete',
      'org:export',
      'users:read',
      'users:write',
      'users:grant',
      'settings:read',
      'settings:write',
      'security:write',
      'audit:read',
      'audit:export',
      'business:read',
      'business:write',
      'business:delete',
      'business:export',
      'business:review',
      'business:contacts',
    ]),
  ),
  session: z.object({ idleMinutes: z.number() }),
  systemTitle: z.string(),
  timeZone: z.string(),
  today: z.string(),
});

export const mePasswordPostResponse = z.object({ ok: z.boolean() });

export const meTotpSetupPostResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });

export const meTotpEnablePostResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const meTotpDisablePostResponse = z.object({ ok: z.boolean() });

export const meTotpRecoveryCodesPostResponse = z.object({ recoveryCodes: z.array(z.string()) });
