import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../shared/roles.ts';
import { api } from '../api.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

interface Setting {
  key: string;
  scope: 'security' | 'system';
  kind: 'integer' | 'string';
  min: number | null;
  max: number | null;
  label: { zh: string; en: string };
  unit: { zh: string; en: string } | null;
  defaultValue: number | string;
  value: number | string;
}

function SettingEditor({ setting, editable }: { setting: Setting; editable: boolean }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [value, setValue] = useState<number | string>(setting.value);
  const save = useMutation({
    mutationFn: () => api.put(`/api/v1/settings/${setting.key}`, { value }),
    onSuccess: async () => {
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['settings'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (!editable) return <span>{`${setting.value} ${l(setting.unit)}`}</span>;
  return (
    <Space>
      {setting.kind === 'integer' ? (
        <InputNumber value={value as number} min={setting.min ?? undefined} max={setting.max ?? undefined} onChange={(v) => setValue(v ?? setting.value)} addonAfter={l(setting.unit) || undefined} aria-label={setting.key} />
      ) : (
        <Input value={value as string} onChange={(e) => setValue(e.target.value)} style={{ width: 320 }} aria-label={setting.key} />
      )}
      <Button type="primary" size="small" disabled={value === setting.value} loading={save.isPending} onClick={() => save.mutate()}>
        {t('save')}
      </Button>
    </Space>
  );
}

export function SettingsPage() {
  const { t, l } = useI18n();
  const { can } = useSession();
  const list = useQuery({ queryKey: ['settings'], queryFn: () => api.get<{ items: Setting[] }>('/api/v1/settings') });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const section = (scope: Setting['scope']) => {
    const editable = can(scope === 'security' ? 'security:write' : 'settings:write');
    return (
      <Card title={scope === 'security' ? t('securitySettings') : t('systemSettings')} size="small" style={{ marginBottom: 16 }} extra={!editable && <Typography.Text type="secondary">{t('settingReadonly', { role: l(ROLE_LABELS[scope === 'security' ? 'secadmin' : 'sysadmin']) })}</Typography.Text>}>
        <Table
          size="small"
          rowKey={(s) => `${s.key}:${String(s.value)}`}
          loading={list.isLoading}
          pagination={false}
          dataSource={(list.data?.items ?? []).filter((s) => s.scope === scope)}
          columns={[
            { title: t('name'), render: (_: unknown, s: Setting) => l(s.label), width: 220 },
            { title: t('settingValue'), render: (_: unknown, s: Setting) => <SettingEditor setting={s} editable={editable} /> },
            { title: t('defaultValue'), width: 200, render: (_: unknown, s: Setting) => `${s.defaultValue} ${l(s.unit)}` },
          ]}
        />
      </Card>
    );
  };
  return (
    <div>
      {section('security')}
      {section('system')}
    </div>
  );
}
