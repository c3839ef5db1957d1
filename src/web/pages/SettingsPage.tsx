import { usdWanLabel, yiLabel } from '../../shared/money.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, InputNumber, Select, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { currentLang, translate } from '../i18n/index.tsx';
import { useState } from 'react';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { ResponseOf } from '../../shared/api/index.ts';
import { useSession } from '../session.tsx';
import { BUILT_IN_INDICATORS } from '../../shared/targets/indicators.ts';

type Step = { yi: number; usdWan: number };
type Value = number | string | string[] | Step[];

type Setting = ResponseOf<'GET /api/v1/settings'>['items'][number];

const display = (value: Value, lang: 'zh' | 'en') =>
  Array.isArray(value)
    ? value
        .map((v) => (typeof v === 'object' ? `${yiLabel(v.yi, lang)}/${usdWanLabel(v.usdWan, lang)}` : v))
        .join(translate(lang, 'listSeparator'))
    : String(value);

function SettingEditor({ setting, editable }: { setting: Setting; editable: boolean }) {
  const { t, l, lang, tCode } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [value, setValue] = useState<Value>(setting.value);
  const save = useMutation({
    mutationFn: () => call('PUT /api/v1/settings/:key', { params: { key: setting.key }, body: { value } }),
    onSuccess: async () => {
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['settings'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (!editable)
    return (
      <span>
        {setting.options
          ? tCode('settingOption', `${setting.key}:${String(setting.value)}`)
          : `${display(setting.value, lang)} ${tCode('settingUnit', setting.key, '')}`}
      </span>
    );
  const changed = JSON.stringify(value) !== JSON.stringify(setting.value);
  return (
    <Space align="start" wrap>
      {setting.kind === 'tierLadder' ? (
        <Space direction="vertical" size={4} data-testid="tier-ladder">
          {(value as Step[]).map((step, index) => (
            <Space key={index} size={4}>
              <InputNumber
                min={0.1}
                value={step.yi}
                addonAfter={t('moneyUnit.yi')}
                onChange={(v) => setValue((value as Step[]).map((s, i) => (i === index ? { ...s, yi: v ?? s.yi } : s)))}
              />
              <InputNumber
                min={1}
                value={step.usdWan}
                addonAfter={t('moneyUnit.usdWan')}
                onChange={(v) => setValue((value as Step[]).map((s, i) => (i === index ? { ...s, usdWan: v ?? s.usdWan } : s)))}
              />
              <Button size="small" onClick={() => setValue((value as Step[]).filter((_, i) => i !== index))}>
                −
              </Button>
            </Space>
          ))}
          <Button
            size="small"
            onClick={() => {
              const last = (value as Step[]).at(-1) ?? { yi: 1, usdWan: 1000 };
              setValue([...(value as Step[]), { yi: last.yi * 2, usdWan: last.usdWan * 2 }]);
            }}
          >
            +
          </Button>
        </Space>
      ) : setting.options ? (
        <Select
          style={{ minWidth: 280 }}
          value={value as string}
          onChange={(v: string) => setValue(v)}
          options={setting.options.map((o) => ({ value: o, label: tCode('settingOption', `${setting.key}:${o}`) }))}
          aria-label={setting.key}
        />
      ) : setting.kind === 'stringList' ? (
        <Select
          mode="tags"
          style={{ minWidth: 420 }}
          value={value as string[]}
          onChange={(v: string[]) => setValue(v)}
          aria-label={setting.key}
          // the cockpit's indicators by name (a unit's own indicator keeps its key, typed in)
          options={
            setting.key === 'targets.cockpitIndicators'
              ? BUILT_IN_INDICATORS.map((indicator) => ({ value: indicator.key, label: l(indicator.label) }))
              : undefined
          }
        />
      ) : setting.kind === 'integer' ? (
        <InputNumber
          value={value as number}
          min={setting.min ?? undefined}
          max={setting.max ?? undefined}
          onChange={(v) => setValue(v ?? setting.value)}
          addonAfter={tCode('settingUnit', setting.key, '') || undefined}
          aria-label={setting.key}
        />
      ) : (
        <Input value={value as string} onChange={(e) => setValue(e.target.value)} style={{ width: 320 }} aria-label={setting.key} />
      )}
      <Button type="primary" size="small" disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>
        {t('save')}
      </Button>
    </Space>
  );
}

export function SettingsPage() {
  const { t, lang, tCode } = useI18n();
  const { can } = useSession();
  const list = useApi('GET /api/v1/settings');
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const section = (scope: Setting['scope']) => {
    const editable = can(scope === 'security' ? 'security:write' : 'settings:write');
    return (
      <Card
        title={
          scope === 'security'
            ? t('securitySettings')
            : scope === 'ledger'
              ? t('ledgerSettings')
              : scope === 'targets'
                ? t('targetSettings')
                : scope === 'reporting'
                  ? t('reportingSettings')
                  : t('systemSettings')
        }
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          !editable && (
            <Typography.Text type="secondary">
              {t('settingReadonly', { role: t(`role.${scope === 'security' ? 'secadmin' : 'sysadmin'}`) })}
            </Typography.Text>
          )
        }
      >
        <Table
          size="small"
          rowKey={(s) => `${s.key}:${String(s.value)}`}
          loading={list.isLoading}
          pagination={false}
          dataSource={(list.data?.items ?? []).filter((s) => s.scope === scope)}
          columns={[
            { title: t('name'), render: (_: unknown, s: Setting) => t(`setting.${s.key}`), width: 220 },
            { title: t('settingValue'), render: (_: unknown, s: Setting) => <SettingEditor setting={s} editable={editable} /> },
            {
              title: t('defaultValue'),
              width: 220,
              render: (_: unknown, s: Setting) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.options
                    ? tCode('settingOption', `${s.key}:${String(s.defaultValue)}`)
                    : `${display(s.defaultValue, lang)} ${tCode('settingUnit', s.key, '')}`}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    );
  };
  return (
    <div>
      {section('security')}
      {section('system')}
      {section('ledger')}
      {section('targets')}
      {section('reporting')}
      <RatesCard editable={can('settings:write')} />
    </div>
  );
}

/** Monthly rates (CNY per unit), a row per month and a column per currency; projects keep the rate they were saved with. */
function RatesCard({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const rates = useApi('GET /api/v1/exchange-rates');
  const save = useMutation({
    mutationFn: (row: { currency: string; month: string; rate: number }) => call('PUT /api/v1/exchange-rates', { body: row }),
    onSuccess: async () => {
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['exchange-rates'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const months = [...new Set((rates.data?.items ?? []).map((r) => r.month))].sort().reverse();
  const rateOf = (currency: string, month: string) => rates.data?.items.find((r) => r.currency === currency && r.month === month);
  const currencies = ['USD', 'EUR', 'HKD', 'JPY'];
  return (
    <Card
      title={t('rate')}
      size="small"
      extra={
        <Space>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(urlOf('GET /api/v1/exchange-rates/export'))}>
            {t('exportExcel')}
          </Button>
          {editable && (
            <Upload
              name="file"
              accept=".xlsx"
              action={urlOf('POST /api/v1/exchange-rates/import')}
              headers={{ 'x-lang': currentLang() }}
              showUploadList={false}
              onChange={(info) => {
                if (info.file.status === 'done') {
                  message.success(t('saved'));
                  void client.invalidateQueries({ queryKey: ['exchange-rates'] });
                }
                if (info.file.status === 'error') {
                  const errors = (info.file.response as { errors?: { row: number; column: string; message: string }[] })?.errors ?? [];
                  message.error(
                    errors
                      .slice(0, 3)
                      .map((e) => t('rowColumnProblem', { row: e.row, column: e.column, message: e.message }))
                      .join(t('reasonSeparator')) || 'error',
                  );
                }
              }}
            >
              <Button size="small" icon={<UploadOutlined />}>
                {t('importExcel')}
              </Button>
            </Upload>
          )}
        </Space>
      }
    >
      <Table
        size="small"
        rowKey={(m) => m}
        loading={rates.isLoading}
        dataSource={months}
        pagination={{ pageSize: 12 }}
        columns={[
          { title: t('month'), render: (_: unknown, month: string) => month, width: 100 },
          ...currencies.map((currency) => ({
            title: currency,
            render: (_: unknown, month: string) => {
              const row = rateOf(currency, month);
              return editable ? (
                <InputNumber
                  size="small"
                  defaultValue={row?.rate}
                  min={0.000001}
                  step={0.01}
                  onBlur={(e) => {
                    const v = Number(e.target.value);
                    if (v > 0 && v !== row?.rate) save.mutate({ currency, month, rate: v });
                  }}
                  style={{ width: 110 }}
                  aria-label={`${currency} ${month}`}
                />
              ) : (
                (row?.rate ?? '—')
              );
            },
          })),
          {
            title: t('source'),
            render: (_: unknown, month: string) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {rateOf('USD', month)?.source ?? ''}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
