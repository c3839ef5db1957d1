import { clockNow } from '../../shared/calendar.ts';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { SETTING_DEFINITIONS, type SettingKey, type SettingValue } from '../../shared/settings.ts';
import type { TierStep } from '../../shared/projects/tiers.ts';
import type { DbOrTx } from '../db/client.ts';
import { settings } from './schema.ts';

export type SettingValues = Record<SettingKey, SettingValue>;

const DEFAULTS = Object.fromEntries(SETTING_DEFINITIONS.map((d) => [d.key, d.defaultValue])) as SettingValues;

/** Reads settings fresh from the database (no process-local cache: several instances share one database). */
export async function readSettings(db: DbOrTx, keys?: readonly SettingKey[]): Promise<SettingValues> {
  const rows = keys
    ? await db
        .select()
        .from(settings)
        .where(inArray(settings.key, [...keys]))
    : await db.select().from(settings);
  return settingValuesOf(Object.fromEntries(rows.map((row) => [row.key, row.value])));
}

/**
 * The stored values of some settings as one jsonb object, for a caller that reads them in the same statement as
 * its own rows (the session look-up of every request), saving a round trip; `settingValuesOf` adds the defaults.
 */
export const storedSettingsSql = (keys: readonly SettingKey[]): SQL<Record<string, unknown> | null> =>
  sql<Record<
    string,
    unknown
  > | null>`(select jsonb_object_agg(${settings.key}, ${settings.value}) from ${settings} where ${inArray(settings.key, [...keys])})`;

export function settingValuesOf(stored: Record<string, unknown> | null): SettingValues {
  const values: SettingValues = { ...DEFAULTS };
  for (const [key, value] of Object.entries(stored ?? {})) if (key in values) values[key as SettingKey] = value as SettingValue;
  return values;
}

export async function readIntegerSetting(db: DbOrTx, key: SettingKey): Promise<number> {
  const value = (await readSettings(db, [key]))[key];
  return typeof value === 'number' ? value : Number(value);
}

/** Default settings are reference data: `migrate` inserts the missing ones and never overwrites a changed value. */
export async function insertDefaultSettings(db: DbOrTx): Promise<void> {
  await db
    .insert(settings)
    .values(SETTING_DEFINITIONS.map((d) => ({ key: d.key, value: sql`${JSON.stringify(d.defaultValue)}::jsonb` })))
    .onConflictDoNothing();
}

export async function readTierLadder(db: DbOrTx): Promise<TierStep[]> {
  return (await readSettings(db, ['ledger.tierLadder']))['ledger.tierLadder'] as TierStep[];
}

export async function readStringList(db: DbOrTx, key: SettingKey): Promise<string[]> {
  const value = (await readSettings(db, [key]))[key];
  return Array.isArray(value) ? (value as string[]) : [];
}

/** Capabilities react to a changed setting inside the same transaction (e.g. tiers are recomputed when the ladder changes). */
export type SettingChangeHook = (tx: DbOrTx, value: SettingValue) => Promise<void>;
export const settingChangeHooks = new Map<SettingKey, SettingChangeHook>();

export async function writeSetting(db: DbOrTx, key: SettingKey, value: SettingValue, username: string): Promise<void> {
  const json = sql`${JSON.stringify(value)}::jsonb`;
  await db
    .insert(settings)
    .values({ key, value: json, updatedBy: username })
    .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: clockNow(), updatedBy: username } });
}
