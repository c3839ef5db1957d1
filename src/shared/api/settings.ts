// Responses of the settings API (系统设置 ⚙): every definition with its current value.
import { z } from 'zod';
import { SETTING_DEFINITIONS, type SettingKey } from '../settings.ts';

export const settingValueSchema = z.union([
  z.string(),
  z.number(),
  z.array(z.string()),
  z.array(z.object({ yi: z.number(), usdWan: z.number() })),
]);

export const settingSchema = z.object({
  key: z.enum(SETTING_DEFINITIONS.map((d) => d.key) as [SettingKey, ...SettingKey[]]),
  scope: z.enum(['security', 'system', 'ledger', 'targets', 'reporting']),
  kind: z.enum(['string', 'integer', 'stringList', 'tierLadder']),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** the allowed values of a string setting; the web names them (`settingOption.<key>:<value>`), as it names the setting */
  options: z.array(z.string()).nullable(),
  defaultValue: settingValueSchema,
  value: settingValueSchema,
});

export const settingsResponse = z.object({ items: z.array(settingSchema) });

export const settingsByKeyPutResponse = z.object({ key: z.string(), value: settingValueSchema });
