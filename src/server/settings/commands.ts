import { checkSettingValue, type SettingDefinition, type SettingKey } from '../../shared/settings.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import { assertCan, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { readSettings, settingChangeHooks, writeSetting } from './repository.ts';

/**
 * Changes one setting: system settings by the system administrator, security settings by the security administrator
 * (三员分立); the capabilities that react to it (tiers recomputed when the ladder changes) do so in the same transaction.
 */
export async function updateSetting(db: Db, actor: Actor, meta: RequestMeta, definition: SettingDefinition, value: unknown) {
  assertCan(actor, definition.scope === 'security' ? 'security:write' : 'settings:write');
  const checked = checkSettingValue(definition, value);
  if (!checked.ok) {
    const zh = meta.lang === 'zh';
    const range = definition.min !== undefined ? `${definition.min}–${definition.max}` : '';
    const detail =
      checked.reason === 'range' ? (zh ? `取值范围 ${range}` : `allowed range ${range}`) : zh ? '取值类型不正确' : 'wrong type of value';
    throw new AppError('VALIDATION', { detail });
  }
  const key = definition.key as SettingKey;
  return db.transaction(async (tx) => {
    const before = (await readSettings(tx, [key]))[key];
    await writeSetting(tx, key, checked.value, actor.username);
    await settingChangeHooks.get(key)?.(tx, checked.value);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'settings.update',
      objectType: 'setting',
      objectId: definition.key,
      changes: { value: { before, after: checked.value } },
    });
    return { key: definition.key, value: checked.value };
  });
}
