import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Popconfirm, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ALERT_KINDS, type AlertKind, type Severity } from '../../shared/reporting/alerts.ts';
import { useApi } from '../api/hooks.ts';
import { call } from '../api/contract.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n, type Translate } from '../i18n/index.tsx';
import type { ResponseOf } from '../../shared/api/index.ts';
import { beijingTime, useQueryParams } from '../reporting.ts';
import { inZone } from '../time.ts';

export type AlertView = ResponseOf<'GET /api/v1/alerts'>['items'][number];

/** An alert's message in the user's language, from its key and parameters. */
export function alertMessage(alert: Pick<AlertView, 'text'>, t: Translate, l: (label: { zh: string; en: string }) => string): string {
  const params = Object.fromEntries(
    Object.entries(alert.text.params).map(([name, value]) => [name, typeof value === 'object' ? l(value) : value]),
  );
  return t(`alertMessage.${alert.text.key}`, params);
}

const SEVERITY_COLORS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };

/** 预警中心: the alerts of the user's scope, current as of the request, by kind, each linking to its project or report. */
export function AlertsPage() {
  const { t, l } = useI18n();
  const client = useQueryClient();
  const [params, set] = useQueryParams();
  const kind = (params.get('kind') as AlertKind | null) ?? undefined;
  const status = (params.get('status') as 'open' | 'resolved' | null) ?? 'open';
  const unit = params.get('unit') ?? undefined;
  const severity = (params.get('severity') as Severity | null) ?? undefined;
  const list = useApi('GET /api/v1/alerts', { query: { kind, status, unit, severity, limit: 500 } });
  const read = useMutation({
    mutationFn: (body: { ids?: number[]; all?: boolean }) => call('POST /api/v1/alerts/read', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }),
  });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const counts = list.data?.counts ?? {};
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <Card
      title={t('alertCenter')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} allowClear placeholder={t('units')} style={{ width: 220 }} />
          <Select
            allowClear
            placeholder={t('severity')}
            style={{ width: 110 }}
            value={severity}
            onChange={(v: Severity | undefined) => set('severity', v)}
            options={(['high', 'medium', 'low'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          />
          <Segmented
            value={status}
            onChange={(v) => set('status', v === 'open' ? undefined : String(v))}
            options={[
              { value: 'open', label: t('openAlerts') },
              { value: 'resolved', label: t('resolvedAlerts') },
            ]}
          />
          <Popconfirm title={t('markAllReadConfirm')} onConfirm={() => read.mutate({ all: true })}>
            <Button icon={<CheckOutlined />} data-testid="mark-all-read">
              {t('markAllRead')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Tabs
        activeKey={kind ?? 'all'}
        onChange={(key) => set('kind', key === 'all' ? undefined : key)}
        items={[
          {
            key: 'all',
            label: (
              <span>
                {t('allSubmissions')} <Badge count={all} showZero color="#8c8c8c" overflowCount={9999} />
              </span>
            ),
          },
          ...ALERT_KINDS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`alert-tab-${k}`}>
                {t(`alertKind.${k}`)}{' '}
                <Badge
                  count={counts[k] ?? 0}
                  showZero
                  color={k === 'stalled' || k === 'submission_overdue' ? '#cf1322' : '#d46b08'}
                  overflowCount={9999}
                />
              </span>
            ),
          })),
        ]}
      />
      <Table<AlertView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('noAlerts') }}
        data-testid="alerts-table"
        onRow={(row) => ({ onClick: () => !row.read && read.mutate({ ids: [row.id] }) })}
        columns={[
          {
            title: t('severity'),
            width: 80,
            render: (_, row) => <Tag color={SEVERITY_COLORS[row.severity]}>{t(`severity.${row.severity}`)}</Tag>,
          },
          { title: t('alertKind'), width: 150, render: (_, row) => t(`alertKind.${row.kind}`) },
          {
            title: t('alert'),
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong={!row.read} data-testid="alert-message">
                  {alertMessage(row, t, l)}
                </Typography.Text>
                {row.projectCode ? (
                  <Link to={`/projects/${row.projectCode}`}>{row.projectCode}</Link>
                ) : row.submissionId ? (
                  <Link to={`/reporting/submissions/${row.submissionId}`}>{t('openTheReport')}</Link>
                ) : row.companyId ? (
                  <Link to={`/companies?company=${row.companyId}`} data-testid="alert-company">
                    {row.companyName ?? t('companyRegister')}
                  </Link>
                ) : null}
              </Space>
            ),
          },
          { title: t('units'), dataIndex: 'unitName', width: 150 },
          {
            title: inZone(status === 'open' ? t('raisedAt') : t('resolvedAt')),
            width: 170,
            render: (_, row) => beijingTime(status === 'open' ? row.raisedAt : row.resolvedAt),
          },
        ]}
      />
    </Card>
  );
}
