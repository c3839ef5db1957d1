// 招商人员考核: the team's measures for a month, a quarter or a year, weighted by the unit's settings and ranked;
// every figure opens the trips or the projects behind it.
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, InputNumber, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../shared/api/index.ts';
import {
  periodOfDay,
  periodRange,
  SCORE_METRICS,
  SCORE_PERIODS,
  SCORED_GROUPS,
  type ScoreMetric,
  type ScorePeriod,
} from '../../shared/staff/scoreboard.ts';
import { download } from '../api/client.ts';
import { call, urlOf } from '../api/contract.ts';
import { useApi, useInvalidate } from '../api/hooks.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect, useScopeUnits } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';
import { whenValid } from '../forms.ts';

type Board = ResponseOf<'GET /api/v1/staff/scoreboard'>;
type Row = Board['items'][number];

/** Where a measure of a person opens: their trips or receptions of the period, or the projects they follow. */
function linkOf(metric: ScoreMetric, row: Row, board: Board, unit: string | undefined): string {
  const scope = unit ? `&unit=${unit}` : '';
  const range = `from=${board.first}&to=${board.last}`;
  if (metric === 'trips' || metric === 'companiesVisited') return `/trips?user=${row.username}&${range}&kind=trip&counted=true${scope}`;
  if (metric === 'receptions') return `/trips?user=${row.username}&${range}&kind=reception&counted=true${scope}`;
  const field = metric === 'leads' ? 'entered' : metric === 'negotiating' ? 'negotiating' : 'signed';
  return `/projects?owner=${row.username}&dateField=${field}&${range}${scope}`;
}

export function ScoreboardPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const period = params.get('period') ?? undefined;
  const [settings, setSettings] = useState(false);
  const board = useApi('GET /api/v1/staff/scoreboard', { query: { unit, period } });
  if (board.error) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  const data = board.data;
  const kind: ScorePeriod = data?.kind ?? 'month';
  const picker = kind === 'month' ? 'month' : kind === 'quarter' ? 'quarter' : 'year';
  const shown = data ? dayjs(periodRange(data.period)?.first ?? todayDay().format('YYYY-MM-DD')) : todayDay();
  return (
    <Card
      title={t('scoreboard')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} placeholder={t('units')} style={{ width: 200 }} />
          <Segmented
            value={kind}
            onChange={(v) => set('period', periodOfDay(v as ScorePeriod, shown.format('YYYY-MM-DD')))}
            options={SCORE_PERIODS.map((p) => ({ value: p, label: t(`scorePeriod.${p}`) }))}
            data-testid="score-period-kind"
          />
          <DatePicker
            picker={picker}
            allowClear={false}
            value={shown}
            onChange={(v) => v && set('period', periodOfDay(kind, v.format('YYYY-MM-DD')))}
            data-testid="score-period"
          />
          {can('business:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(urlOf('GET /api/v1/staff/scoreboard.xlsx', { query: { unit, period } })).catch((e) => message.error(errorText(e)))
              }
            >
              {t('exportExcel')}
            </Button>
          )}
          {can('business:review') && (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)} data-testid="score-settings">
              {t('scoreboardSettings')}
            </Button>
          )}
        </Space>
      }
    >
      {data && (
        <Typography.Paragraph type="secondary" data-testid="score-period-text">
          {t('scorePeriod', { first: data.first, last: data.last })}
          {' · '}
          {data.profile.from === null
            ? t('scoreProfileDefault')
            : data.profile.from === data.profile.unitCode
              ? t('scoreProfileOwn')
              : t('scoreProfileFrom', { unit: data.profile.from })}
          {data.approvedOnly && ` · ${t('approvedOnlyNote')}`}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="username"
        size="middle"
        loading={board.isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="scoreboard-table"
        scroll={{ x: 1040 }}
        columns={[
          { title: t('rankColumn'), dataIndex: 'rank', width: 64, render: (v: number) => (v <= 3 ? <Tag color="gold">{v}</Tag> : v) },
          { title: t('name'), render: (_, r) => r.displayName, width: 100 },
          { title: t('unit'), dataIndex: 'unitName', width: 140 },
          { title: t('post'), width: 130, render: (_, r) => (r.post ? t(`staffPost.${r.post}`) : '—') },
          {
            title: t('scoreColumn'),
            dataIndex: 'score',
            align: 'right',
            width: 80,
            render: (v: number, r) => <strong data-testid={`score-${r.username}`}>{v}</strong>,
          },
          ...SCORE_METRICS.map((m) => ({
            title: `${t(`scoreMetric.${m}`)}${data ? ` ×${data.profile.weights[m]}` : ''}`,
            align: 'right' as const,
            width: 96,
            render: (_: unknown, r: Row) => {
              const value = m === 'signedInvestmentYi' ? r.metrics[m].toFixed(2) : r.metrics[m];
              return data ? (
                <Link to={linkOf(m === 'signedInvestmentYi' ? 'signed' : m, r, data, unit)} data-testid={`score-${r.username}-${m}`}>
                  {value}
                </Link>
              ) : (
                value
              );
            },
          })),
        ]}
      />
      {settings && data && <SettingsModal board={data} unit={unit} onClose={() => setSettings(false)} />}
    </Card>
  );
}

function SettingsModal({ board, unit, onClose }: { board: Board; unit: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const units = useScopeUnits();
  const [form] = Form.useForm<{ weights: Record<ScoreMetric, number>; period: ScorePeriod; scored: 'team' | 'posts' }>();
  const code = unit ?? me?.unit.code ?? '';
  const name = units.data?.items.find((u) => u.code === code)?.name ?? code;
  const save = useMutation({
    mutationFn: (v: { weights: Record<ScoreMetric, number>; period: ScorePeriod; scored: 'team' | 'posts' }) =>
      call('PUT /api/v1/staff/scoreboard/profile', { body: { unit: code, ...v } }),
    onSuccess: async () => {
      message.success(t('saved'));
      await invalidate('staff');
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open
      title={`${t('scoreboardSettings')} · ${name}`}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'score-settings-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ weights: board.profile.weights, period: board.profile.period, scored: board.profile.scored }}
      >
        <Typography.Text strong>{t('scoreWeights')}</Typography.Text>
        {SCORE_METRICS.map((m) => (
          <Form.Item
            key={m}
            name={['weights', m]}
            label={t(`scoreMetric.${m}`)}
            rules={[{ required: true, message: t('required') }]}
            style={{ marginBottom: 8 }}
          >
            <InputNumber min={0} max={1000} step={0.5} data-testid={`weight-${m}`} />
          </Form.Item>
        ))}
        <Form.Item name="period" label={t('scorePeriodSetting')}>
          <Radio.Group options={SCORE_PERIODS.map((p) => ({ value: p, label: t(`scorePeriod.${p}`) }))} />
        </Form.Item>
        <Form.Item name="scored" label={t('scoredSetting')}>
          <Radio.Group options={SCORED_GROUPS.map((g) => ({ value: g, label: t(`scoredGroup.${g}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
