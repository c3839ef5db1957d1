import { clockNow } from '../../shared/calendar.ts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { checkSettingValue, SETTING_DEFINITIONS, settingDefinition } from '../../shared/settings.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { assertCan } from '../http/actor.ts';
import { AppError, notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { readSettings, settingChangeHooks } from './repository.ts';
import { settings } from './schema.ts';

export function registerSettingsRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/settings',
    { config: { access: 'settings:read' }, schema: { tags: ['settings'], summary: '系统设置与安全设置' } },
    async () => {
      const values = await readSettings(db);
      return {
        items: SETTING_DEFINITIONS.map((d) => ({
          key: d.key,
          scope: d.scope,
          kind: d.kind,
          min: 'min' in d ? d.min : null,
          max: 'max' in d ? d.max : null,
          label: d.label,
          unit: 'unit' in d ? d.unit : null,
          options: 'options' in d ? d.options : null,
          defaultValue: d.defaultValue,
          value: values[d.key],
        })),
      };
    },
  );

  app.put(
    '/api/v1/settings/:key',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: '修改设置（系统设置：系统管理员；安全设置：安全管理员）',
        params: z.object({ key: z.string().max(60) }),
        body: z.object({
          value: z.union([z.number(), z.string(), z.array(z.string()), z.array(z.object({ yi: z.number(), usdWan: z.number() }))]),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const definition = settingDefinition(request.params.key);
      if (!definition) throw notFound();
      assertCan(actor, definition.scope === 'security' ? 'security:write' : 'settings:write');
      // Ledger settings (tiers, chains) are system settings: the system administrator changes them.
      const checked = checkSettingValue(definition, request.body.value);
      if (!checked.ok) {
        const zh = request.meta.lang === 'zh';
        const range = definition.min !== undefined ? `${definition.min}–${definition.max}` : '';
        throw new AppError('VALIDATION', {
          detail:
            checked.reason === 'range'
              ? zh
                ? `取值范围 ${range}`
                : `allowed range ${range}`
              : zh
                ? '取值类型不正确'
                : 'wrong type of value',
        });
      }
      return db.transaction(async (tx) => {
        const before = (await readSettings(tx, [definition.key as never]))[definition.key as never];
        await tx
          .insert(settings)
          .values({ key: definition.key, value: sql`${JSON.stringify(checked.value)}::jsonb`, updatedBy: actor.username })
          .onConflictDoUpdate({
            target: settings.key,
            set: { value: sql`${JSON.stringify(checked.value)}::jsonb`, updatedAt: clockNow(), updatedBy: actor.username },
          });
        await settingChangeHooks.get(definition.key as never)?.(tx, checked.value);
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'settings.update',
          objectType: 'setting',
          objectId: definition.key,
          changes: { value: { before, after: checked.value } },
        });
        return { key: definition.key, value: checked.value };
      });
    },
  );
}
