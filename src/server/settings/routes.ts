import { z } from 'zod';
import { SETTING_DEFINITIONS, settingDefinition } from '../../shared/settings.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { updateSetting } from './commands.ts';
import { readSettings } from './repository.ts';
import { settingsByKeyPutResponse, settingsResponse } from '../../shared/api/settings.ts';

export function registerSettingsRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/settings',
    {
      config: { access: 'settings:read' },
      schema: { response: { 200: settingsResponse }, tags: ['settings'], summary: '系统设置与安全设置' },
    },
    async () => {
      const values = await readSettings(db);
      return {
        items: SETTING_DEFINITIONS.map((d) => ({
          key: d.key,
          scope: d.scope,
          kind: d.kind,
          min: 'min' in d ? d.min : null,
          max: 'max' in d ? d.max : null,
          options: 'options' in d ? d.options.map((o) => o.value) : null,
          defaultValue: d.defaultValue,
          value: values[d.key],
        })),
      };
    },
  );

  app.put(
    '/api/v1/settings/:key',
    {
      config: { access: ['settings:write', 'security:write'] },
      schema: {
        response: { 200: settingsByKeyPutResponse },
        tags: ['settings'],
        summary: '修改设置（系统设置：系统管理员；安全设置：安全管理员）',
        params: z.object({ key: z.string().max(60) }),
        body: z.object({
          value: z.union([z.number(), z.string(), z.array(z.string()), z.array(z.object({ yi: z.number(), usdWan: z.number() }))]),
        }),
      },
    },
    async (request) => {
      const definition = settingDefinition(request.params.key);
      if (!definition) throw notFound();
      return updateSetting(db, requireActor(request), request.meta, definition, request.body.value);
    },
  );
}
