import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, EditOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { LeagueGroup, LeagueItem, Standing } from '../../shared/league/score.ts';
import { percent } from '../../shared/targets/period.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { formatFigure, indicatorProjectsLink, staffIndicatorLink, useLeagueIndicators } from '../indicators.ts';
import { useSession } from '../session.tsx';
import { thisYear } from '../time.ts';
import { todayIso } from '../../shared/projects/dates.ts';

interface Scheme {
  id: number;
  unit: string;
  name: string;
  periodKind: 'month' | 'quarter';
  items: LeagueItem[];
  groups: LeagueGroup[];
  version: number;
}
interface StandingsResponse {
  scheme: Scheme;
  period: { key: string; from: string; to: string };
  periods: string[];
  rows: Standing[];
  adjustments: { id: number; unit: string; points: number; reason: string; createdBy: string | null }[];
}

function Movement({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value > 0)
    return (
      <Typography.Text type="success" data-testid="move-up">
        <ArrowUpOutlined /> {value}
      </Typography.Text>
    );
  if (value < 0)
    return (
      <Typography.Text type="danger" data-testid="move-down">
        <ArrowDownOutlined /> {-value}
      </Typography.Text>
    );
  return <MinusOutlined style={{ color: '#bfbfbf' }} />;
}

/** 擂台赛: standings of the children of a unit on a weighted scheme, by month or quarter, with movement, bonus and penalty points, history and Excel export. */
export function LeaguePage() {
  const { t, l } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const year = Number(params.get('year') ?? thisYear());
  const asOf = year === thisYear() ? todayIso() : `${year}-12-31`;
  const [period, setPeriod] = useState<string | undefined>();
  const [editing, setEditing] = useState<Scheme | 'new' | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const indicators = useLeagueIndicators(true);
  const label = (key: string) => {
    const indicator = indicators.data?.items.find((i) => i.key === key);
    return indicator ? l(indicator.label) : key;
  };
  const schemes = useApi('GET /api/v1/league/schemes', { query: { unit: unit } }, { enabled: Boolean(unit) });
  const schemeId = Number(params.get('scheme') ?? schemes.data?.items[0]?.id ?? 0) || undefined;
  const standings = useApi(
    'GET /api/v1/league/schemes/:id/standings',
    { params: { id: schemeId }, query: { year, period, asOf } },
    { enabled: Boolean(schemeId) },
  );
  const history = useApi(
    'GET /api/v1/league/schemes/:id/history',
    { params: { id: schemeId }, query: { year, asOf } },
    { enabled: Boolean(schemeId) },
  );
  const refresh = () => client.invalidateQueries({ queryKey: ['league'] });
  const removeAdjustment = useMutation({
    mutationFn: (id: number) => call('DELETE /api/v1/league/adjustments/:id', { params: { id } }),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(e)),
  });
  const writable = can('business:write');
  const data = standings.data;
  const scheme = data?.scheme ?? schemes.data?.items.find((s) => s.id === schemeId);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const historyOption = (): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 36, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: history.data?.periods ?? [] },
    yAxis: { type: 'value', inverse: true, min: 1, minInterval: 1, name: t('rank') },
    series: (history.data?.units ?? []).map((u) => ({ name: u.name, type: 'line', data: u.ranks, connectNulls: true })),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title={t('league')}>
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => setParams(v ? { unit: v } : {}, { replace: true })} style={{ width: 220 }} />
          <Select
            value={year}
            onChange={(v) => setParam('year', String(v))}
            style={{ width: 96 }}
            options={[0, 1, 2].map((d) => ({ value: thisYear() - d, label: `${thisYear() - d}` }))}
            aria-label="year"
          />
          <Select
            value={schemeId}
            placeholder={t('leagueScheme')}
            onChange={(v) => {
              setPeriod(undefined);
              setParam('scheme', String(v));
            }}
            style={{ width: 280 }}
            options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="scheme-select"
          />
          {data && (
            <Select
              value={data.period.key}
              onChange={setPeriod}
              style={{ width: 120 }}
              options={data.periods.map((p) => ({ value: p, label: p }))}
              data-testid="period-select"
            />
          )}
          {writable && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('newScheme')}
            </Button>
          )}
          {writable && scheme && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(scheme)}>
              {t('editScheme')}
            </Button>
          )}
          {writable && data && <Button onClick={() => setAdjusting(true)}>{t('adjustments')}</Button>}
          {data && can('business:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(
                  urlOf('GET /api/v1/league/schemes/:id/standings.xlsx', {
                    params: { id: schemeId },
                    query: { year, period: data.period.key, asOf },
                  }),
                ).catch((e: unknown) => message.error(errorText(e)))
              }
              data-testid="league-export"
            >
              {t('exportExcel')}
            </Button>
          )}
        </Space>
      </Card>
      {schemes.data && schemes.data.items.length === 0 && <Empty description={t('noScheme')} />}
      {standings.error && <Typography.Text type="danger">{errorText(standings.error)}</Typography.Text>}
      {data && scheme && (
        <Card
          size="small"
          title={`${scheme.name} · ${data.period.key}${t('parens', { text: t('cumulativeTo', { date: data.period.to }) })}`}
          extra={
            <Typography.Text type="secondary">
              {scheme.items
                .map((item) => `${label(item.indicator)} ${item.weight}${t('points')}（${t('cap')} ${percent(item.cap, 0)}）`)
                .join(t('reasonSeparator'))}
            </Typography.Text>
          }
        >
          <Table<Standing>
            size="small"
            rowKey="unitCode"
            pagination={false}
            dataSource={data.rows}
            data-testid="league-table"
            scroll={{ x: true }}
            columns={[
              ...(scheme.groups.length ? [{ title: t('group'), dataIndex: 'group', render: (g: string) => <Tag>{g}</Tag> }] : []),
              {
                title: t('rank'),
                dataIndex: 'rank',
                width: 56,
                align: 'center' as const,
                render: (rank: number) => <Typography.Text strong>{rank}</Typography.Text>,
              },
              { title: t('movement'), dataIndex: 'movement', width: 64, render: (m: number | null) => <Movement value={m} /> },
              { title: t('unit'), dataIndex: 'unitName' },
              ...scheme.items.map((item, i) => ({
                title: `${label(item.indicator)}${t('parens', { text: item.weight })}`,
                align: 'right' as const,
                render: (_: unknown, row: Standing) => {
                  const score = row.items[i];
                  if (!score) return '—';
                  const indicator = indicators.data?.items.find((x) => x.key === item.indicator);
                  const href =
                    staffIndicatorLink(item.indicator, row.unitCode, data.period.key) ??
                    indicatorProjectsLink(indicator, row.unitCode, Number(data.period.to.slice(0, 4)), data.period.to);
                  const actual = formatFigure(indicator, score.actual);
                  return (
                    <Space direction="vertical" size={0}>
                      <span>
                        {href ? <Link to={href}>{actual}</Link> : actual} / {formatFigure(indicator, score.target)}
                      </span>
                      <Typography.Text type="secondary">
                        {percent(score.ratio, 1)} → {score.score}
                      </Typography.Text>
                    </Space>
                  );
                },
              })),
              {
                title: t('adjustment'),
                dataIndex: 'adjustment',
                align: 'right' as const,
                render: (v: number) =>
                  v ? <Typography.Text type={v > 0 ? 'success' : 'danger'}>{v > 0 ? `+${v}` : v}</Typography.Text> : '—',
              },
              {
                title: t('totalScore'),
                dataIndex: 'total',
                align: 'right' as const,
                width: 90,
                render: (v: number) => (
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {v.toFixed(2)}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      )}
      {history.data && history.data.periods.length > 1 && (
        <Card size="small" title={t('rankHistory')}>
          <ReactECharts option={historyOption()} style={{ height: 300 }} notMerge />
        </Card>
      )}
      {editing && (
        <SchemeDrawer
          unit={unit}
          scheme={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(id) => (setEditing(null), setParam('scheme', String(id)), void refresh())}
        />
      )}
      {adjusting && data && (
        <AdjustmentsModal
          schemeId={data.scheme.id}
          period={data.period.key}
          rows={data.rows}
          adjustments={data.adjustments}
          onRemove={(id) => removeAdjustment.mutate(id)}
          onClose={() => setAdjusting(false)}
          onSaved={() => void refresh()}
        />
      )}
    </Space>
  );
}

function SchemeDrawer({
  unit,
  scheme,
  onClose,
  onSaved,
}: {
  unit: string;
  scheme: Scheme | null;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const indicators = useLeagueIndicators();
  const children = useApi('GET /api/v1/units', { query: { parent: unit } });
  const [form] = Form.useForm<{
    name: string;
    periodKind: 'month' | 'quarter';
    items: { indicator: string; weight: number; capPercent: number }[];
    groups: { name: string; units: string[] }[];
  }>();
  const save = useMutation({
    mutationFn: async (values: {
      name: string;
      periodKind: 'month' | 'quarter';
      items: { indicator: string; weight: number; capPercent: number }[];
      groups?: { name: string; units: string[] }[];
    }) => {
      const body = {
        unit,
        name: values.name,
        periodKind: values.periodKind,
        items: values.items.map((i) => ({ indicator: i.indicator, weight: i.weight, cap: i.capPercent / 100 })),
        groups: (values.groups ?? []).map((g) => ({ name: g.name, units: g.units ?? [] })),
      };
      return scheme
        ? call('PUT /api/v1/league/schemes/:id', { params: { id: scheme.id }, body: { ...body, version: scheme.version } })
        : call('POST /api/v1/league/schemes', { body });
    },
    onSuccess: (saved) => {
      message.success(t('saved'));
      onSaved(saved.id);
    },
    onError: (e) => message.error(errorText(e), 8),
  });
  return (
    <Drawer
      open
      width={640}
      title={scheme ? t('editScheme') : t('newScheme')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        initialValues={
          scheme
            ? {
                name: scheme.name,
                periodKind: scheme.periodKind,
                items: scheme.items.map((i) => ({ indicator: i.indicator, weight: i.weight, capPercent: Math.round(i.cap * 100) })),
                groups: scheme.groups,
              }
            : {
                name: t('defaultLeagueName', { year: thisYear() }),
                periodKind: 'month',
                items: [
                  { indicator: 'signed_projects', weight: 50, capPercent: 120 },
                  { indicator: 'started_projects', weight: 50, capPercent: 120 },
                ],
                groups: [],
              }
        }
      >
        <Form.Item name="name" label={t('schemeName')} rules={[{ required: true, message: t('required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="periodKind" label={t('periodKind')}>
          <Radio.Group
            options={[
              { value: 'month', label: t('monthly') },
              { value: 'quarter', label: t('quarterly') },
            ]}
          />
        </Form.Item>
        <Typography.Text strong>{t('schemeItems')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('schemeItemsHelp')}</Typography.Paragraph>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'indicator']} rules={[{ required: true, message: t('required') }]}>
                    <Select
                      style={{ width: 240 }}
                      showSearch
                      optionFilterProp="label"
                      options={(indicators.data?.items ?? []).map((i) => ({ value: i.key, label: l(i.label) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: t('required') }]}>
                    <InputNumber min={1} max={1000} addonAfter={t('points')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'capPercent']} rules={[{ required: true, message: t('required') }]}>
                    <InputNumber min={100} max={1000} addonBefore={t('cap')} addonAfter="%" style={{ width: 170 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    {t('remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ weight: 10, capPercent: 120 })} block>
                {t('addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph strong style={{ marginTop: 16 }}>
          {t('groups')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('groupsHelp')}</Typography.Paragraph>
        <Form.List name="groups">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('required') }]}>
                    <Input placeholder={t('leagueGroupExample')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'units']}>
                    <Select
                      mode="multiple"
                      style={{ width: 360 }}
                      options={(children.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }))}
                      optionFilterProp="label"
                    />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    {t('remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ units: [] })} block>
                {t('addGroup')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function AdjustmentsModal({
  schemeId,
  period,
  rows,
  adjustments,
  onRemove,
  onClose,
  onSaved,
}: {
  schemeId: number;
  period: string;
  rows: Standing[];
  adjustments: StandingsResponse['adjustments'];
  onRemove: (id: number) => void;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unit: string; points: number; reason: string }>();
  const add = useMutation({
    mutationFn: (values: { unit: string; points: number; reason: string }) =>
      call('POST /api/v1/league/schemes/:id/adjustments', { params: { id: schemeId }, body: { ...values, period } }),
    onSuccess: () => {
      form.resetFields();
      onSaved();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const nameOf = (code: string) => rows.find((r) => r.unitCode === code)?.unitName ?? code;
  return (
    <Modal open title={`${t('adjustments')} · ${period}`} onCancel={onClose} footer={null} width={640}>
      <Form form={form} layout="inline" onFinish={(values) => add.mutate(values)}>
        <Form.Item name="unit" rules={[{ required: true, message: t('required') }]}>
          <Select style={{ width: 160 }} placeholder={t('unit')} options={rows.map((r) => ({ value: r.unitCode, label: r.unitName }))} />
        </Form.Item>
        <Form.Item name="points" rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={-100} max={100} placeholder="±" style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, message: t('required') }]}>
          <Input placeholder={t('reason')} style={{ width: 200 }} maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('add')}
        </Button>
      </Form>
      <Table
        size="small"
        rowKey="id"
        style={{ marginTop: 12 }}
        pagination={false}
        dataSource={adjustments}
        columns={[
          { title: t('unit'), dataIndex: 'unit', render: nameOf },
          { title: t('points'), dataIndex: 'points', render: (v: number) => (v > 0 ? `+${v}` : v) },
          { title: t('reason'), dataIndex: 'reason' },
          {
            title: '',
            render: (_, row) => (
              <Popconfirm title={t('confirmRemove')} onConfirm={() => onRemove(row.id)}>
                <Button type="link" danger size="small">
                  {t('remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Modal>
  );
}
