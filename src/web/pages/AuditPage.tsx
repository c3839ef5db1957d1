import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import type { AuditRowView } from '../../shared/api/audit.ts';
import { AUDIT_OBJECTS, auditActionLabel } from '../../shared/auditWords.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { formatDateTime, inZone } from '../time.ts';

type AuditRow = AuditRowView;

const OUTCOME_COLORS = { success: 'green', failure: 'orange', denied: 'red' } as const;

const show = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Field-level before/after, shown when a row is expanded. */
function ChangesTable({ changes }: { changes: NonNullable<AuditRow['changes']> }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      style={{ maxWidth: 900 }}
      dataSource={Object.entries(changes).map(([field, change]) => ({ field, ...change }))}
      columns={[
        { title: t('field'), dataIndex: 'field', width: 180 },
        { title: t('before'), dataIndex: 'before', render: (v: unknown) => <Typography.Text type="secondary">{show(v)}</Typography.Text> },
        { title: t('after'), dataIndex: 'after', render: (v: unknown) => <Typography.Text strong>{show(v)}</Typography.Text> },
      ]}
    />
  );
}

export function AuditPage() {
  const { t, l } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ from?: string; to?: string; username?: string; action?: string; outcome?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const params = { ...filters, ...page };
  const list = useApi('GET /api/v1/audit', { query: params });
  const actions = useApi('GET /api/v1/audit/actions');
  const verify = useMutation({ mutationFn: () => call('GET /api/v1/audit/verify') });
  const setFilter = (patch: Partial<typeof filters>) => {
    setFilters({ ...filters, ...patch });
    setPage({ ...page, page: 1 });
  };

  return (
    <Card
      title={t('audit')}
      extra={
        <Space>
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('verifyChain')}
          </Button>
          {can('audit:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(urlOf('GET /api/v1/audit/export', { query: filters })).catch((e) => message.error(errorText(e)))}
            >
              {t('exportExcel')}
            </Button>
          )}
        </Space>
      }
    >
      {verify.data && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={verify.data.ok ? 'success' : 'error'}
          message={
            verify.data.ok
              ? t('chainOk', { n: verify.data.checked })
              : t('chainBroken', { seq: verify.data.problem?.seq ?? '?', kind: verify.data.problem?.kind ?? '' })
          }
          data-testid="verify-result"
        />
      )}
      {verify.error && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={errorText(verify.error)} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
            setFilter({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <Input.Search
          placeholder={t('user')}
          allowClear
          onSearch={(username) => setFilter({ username: username.trim() || undefined })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          showSearch
          placeholder={t('action')}
          style={{ width: 260 }}
          onChange={(action?: string) => setFilter({ action })}
          optionFilterProp="label"
          options={(actions.data?.items ?? []).map((a) => ({ value: a, label: `${l(auditActionLabel(a))}（${a}）` }))}
        />
        <Select
          allowClear
          placeholder={t('outcome')}
          style={{ width: 120 }}
          onChange={(outcome?: string) => setFilter({ outcome })}
          options={[
            { value: 'success', label: t('success') },
            { value: 'failure', label: t('failure') },
            { value: 'denied', label: t('denied') },
          ]}
        />
      </Space>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="seq"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          data-testid="audit-table"
          expandable={{
            rowExpandable: (row) => Boolean(row.changes && Object.keys(row.changes).length > 0),
            expandedRowRender: (row) => <ChangesTable changes={row.changes!} />,
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('total', { n }),
            onChange: (p, size) => setPage({ page: p, pageSize: size }),
          }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 70 },
            { title: inZone(t('time')), dataIndex: 'occurredAt', width: 190, render: (v: string) => formatDateTime(v, true) },
            {
              title: t('user'),
              width: 170,
              render: (_: unknown, row: AuditRow) => (
                <Space direction="vertical" size={0}>
                  <span data-testid="audit-user">{row.displayName ?? row.username ?? '—'}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[row.displayName ? row.username : null, row.unitName ?? row.unitCode].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('action'),
              dataIndex: 'action',
              width: 190,
              render: (v: string) => (
                <Space direction="vertical" size={0}>
                  <span data-testid="audit-action">{l(auditActionLabel(v))}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('object'),
              width: 220,
              render: (_: unknown, row: AuditRow) =>
                row.objectType ? (
                  <Space direction="vertical" size={0}>
                    <span>
                      {AUDIT_OBJECTS[row.objectType] ? l(AUDIT_OBJECTS[row.objectType]!) : row.objectType} {row.objectName ?? ''}
                    </span>
                    {row.objectId && row.objectId !== row.objectName && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                        {row.objectId}
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('outcome'),
              dataIndex: 'outcome',
              width: 80,
              render: (v: AuditRow['outcome']) => <Tag color={OUTCOME_COLORS[v]}>{t(v)}</Tag>,
            },
            {
              title: t('changes'),
              ellipsis: true,
              render: (_: unknown, row: AuditRow) => {
                const fields = row.changes ? Object.keys(row.changes) : [];
                return fields.length > 0 ? fields.join(t('listSeparator')) : (row.detail ?? '—');
              },
            },
            { title: 'IP', dataIndex: 'ip', width: 110 },
          ]}
        />
      )}
    </Card>
  );
}
