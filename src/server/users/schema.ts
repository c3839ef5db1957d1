import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments } from '../departments/schema.ts';
import { units } from '../units/schema.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(), // stored lower-case
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    departmentId: uuid('department_id').references(() => departments.id),
    roles: text('roles').array().notNull().default([]),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    // hashes of the last passwords (⚙ password.history), none of which may be chosen again
    passwordHistory: text('password_history').array().notNull().default([]),
    // an administrator's reset, told to the user at their next sign-in
    passwordResetBy: text('password_reset_by'),
    passwordResetAt: timestamp('password_reset_at', { withTimezone: true }),
    totpSecret: text('totp_secret'), // base32; enabled once confirmed with a code
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: integer('totp_last_step'), // the time step of the last code accepted: a code works once
    recoveryCodes: text('recovery_codes').array().notNull().default([]), // SHA-256 of each unused code
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_username_uq').on(table.username), index('users_unit_idx').on(table.unitCode)],
);
