import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ALERT_KINDS, type AlertKind, type Severity } from '../../shared/reporting/alerts.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { whenValid } from '../forms.ts';
import { useSession } from '../session.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n, type Translate } from '../i18n/index.tsx';
import type { ResponseOf } from '../../shared/api/index.ts';
import { beijingTime, useQueryParams } from '../reporting.ts';
import { inZone, todayDay } from '../time.ts';

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
  const assignee = (params.get('alertAssignee') as 'me' | 'none' | null) ?? undefined;
  const snoozed = (params.get('snoozed') as 'only' | null) ?? undefined;
  const view = snoozed === 'only' ? 'snoozed' : (assignee ?? 'all');
  const { can } = useSession();
  const { message } = App.useApp();
  const [snoozing, setSnoozing] = useState<AlertView | null>(null);
  const [assigning, setAssigning] = useState<AlertView | null>(null);
  const query = { kind, status, unit, severity, assignee, snoozed };
  const list = useApi('GET /api/v1/alerts', { query: { ...query, limit: 500 } });
  const read = useMutation({
    mutationFn: (body: { ids?: number[]; all?: boolean }) => call('POST /api/v1/alerts/read', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const triage = useMutation({
    mutationFn: ({ id, body }: { id: number; body: TriageBody }) => call('POST /api/v1/alerts/:id/triage', { params: { id }, body }),
    onSuccess: (_, { body }) => {
      message.success(t(body.action === 'assign' ? 'assignedDone' : body.action === 'snooze' ? 'snoozedDone' : 'wokenDone'));
      setSnoozing(null);
      setAssigning(null);
      void client.invalidateQueries({ queryKey: ['alerts'] });
      void client.invalidateQueries({ queryKey: ['desk'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const mayTriage = can('business:write') && status === 'open';
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
          {status === 'open' && (
            <Segmented
              data-testid="alert-view"
              value={view}
              onChange={(v) => {
                set('assignee', v === 'me' || v === 'none' ? String(v) : undefined);
                set('snoozed', v === 'snoozed' ? 'only' : undefined);
              }}
              options={(['all', 'me', 'none', 'snoozed'] as const).map((v) => ({ value: v, label: t(`alertView.${v}`) }))}
            />
          )}
          <ExportButton url={urlOf('GET /api/v1/alerts/export', { query })} />
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
          {
            title: t('alertAssignee'),
            width: 140,
            render: (_, row) => (
              <Space direction="vertical" size={0} data-testid="alert-triage-state">
                {row.assignee ? <Tag color="blue">{row.assignee.name}</Tag> : <Typography.Text type="secondary">—</Typography.Text>}
                {row.snoozedUntil && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('snoozedTill', { day: row.snoozedUntil, reason: row.snoozeReason ?? '' })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(mayTriage
            ? [
                {
                  title: t('actions'),
                  width: 120,
                  render: (_: unknown, row: AlertView) => (
                    <Space size={4} onClick={(e) => e.stopPropagation()}>
                      <Button size="small" type="link" onClick={() => setAssigning(row)} data-testid="alert-assign">
                        {t('assign')}
                      </Button>
                      {row.snoozedUntil ? (
                        <Button size="small" type="link" onClick={() => triage.mutate({ id: row.id, body: { action: 'wake' } })}>
                          {t('wake')}
                        </Button>
                      ) : (
                        <Button size="small" type="link" onClick={() => setSnoozing(row)} data-testid="alert-snooze">
                          {t('snooze')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {assigning && (
        <AssignModal
          alert={assigning}
          busy={triage.isPending}
          onCancel={() => setAssigning(null)}
          onAssign={(assigneeId) => triage.mutate({ id: assigning.id, body: { action: 'assign', assigneeId } })}
        />
      )}
      {snoozing && (
        <SnoozeModal
          busy={triage.isPending}
          onCancel={() => setSnoozing(null)}
          onSnooze={(until, reason) => triage.mutate({ id: snoozing.id, body: { action: 'snooze', until, reason } })}
        />
      )}
    </Card>
  );
}

type TriageBody =
  { action: 'assign'; assigneeId: string | null } | { action: 'snooze'; until: string; reason: string } | { action: 'wake' };

/** 指派: one of the people who see the alert (its unit's and those above, up to the caller's). */
function AssignModal({
  alert,
  busy,
  onCancel,
  onAssign,
}: {
  alert: AlertView;
  busy: boolean;
  onCancel: () => void;
  onAssign: (id: string | null) => void;
}) {
  const { t } = useI18n();
  const handlers = useApi('GET /api/v1/alerts/:id/handlers', { params: { id: alert.id } });
  const [form] = Form.useForm<{ assigneeId: string }>();
  return (
    <Modal
      open
      title={t('assign')}
      onCancel={onCancel}
      confirmLoading={busy}
      onOk={() => whenValid(form, (v) => onAssign(v.assigneeId))}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {alert.assignee && (
            <Button onClick={() => onAssign(null)} style={{ float: 'left' }}>
              {t('unassign')}
            </Button>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
    >
      <Form form={form} layout="vertical" initialValues={{ assigneeId: alert.assignee?.id }}>
        <Form.Item name="assigneeId" label={t('alertAssignee')} rules={[{ required: true, message: t('whoHandles') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={handlers.isLoading}
            data-testid="assignee-select"
            options={(handlers.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.displayName}（${h.unitName}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 暂缓: until a day (today or later, at most the ⚙ days the server allows) with the reason. */
function SnoozeModal({
  busy,
  onCancel,
  onSnooze,
}: {
  busy: boolean;
  onCancel: () => void;
  onSnooze: (until: string, reason: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ until: Dayjs; reason: string }>();
  return (
    <Modal
      open
      title={t('snooze')}
      onCancel={onCancel}
      confirmLoading={busy}
      onOk={() => whenValid(form, (v) => onSnooze(v.until.format('YYYY-MM-DD'), v.reason))}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="until" label={t('snoozeUntil')} rules={[{ required: true, message: t('snoozeUntilRequired') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayDay(), 'day')} data-testid="snooze-until" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('snoozeReason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('snoozeReasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="snooze-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
