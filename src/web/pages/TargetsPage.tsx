import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BUILT_IN_INDICATORS, type IndicatorDefinition } from '../../shared/targets/indicators.ts';
import { percent, splitAnnual } from '../../shared/targets/period.ts';
import type { PresentedUnit } from '../../server/units/presenter.ts';
import { api, query } from '../api.ts';
import { errorText } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

interface Values {
  actual: number;
  target: number | null;
  completion: number | null;
  scheduleProgress: number;
  pointsVsSchedule: number | null;
  lastYearActual: number;
  yoy: number | null;
  status: 'green' | 'yellow' | 'red' | null;
}
interface Cohort {
  signed: number;
  landed: number;
  started: number;
  producing: number;
  listed: number;
  landingRate: number | null;
  startRate: number | null;
  productionRate: number | null;
  listingRate: number | null;
}
interface TargetRow {
  unit: string;
  indicator: string;
  annual: number;
  monthly: number[] | null;
}

const STATUS_COLORS = { green: 'green', yellow: 'gold', red: 'red' } as const;
const STATUS_LABELS = { green: { zh: '达到序时', en: 'On schedule' }, yellow: { zh: '略低于序时', en: 'Slightly behind' }, red: { zh: '明显落后', en: 'Behind' } };
const LIST_DATE_FIELD: Record<string, string | undefined> = { signed: 'signed', registered: 'registered', started: 'started', completed: 'completed', producing: 'producing', at_capacity: 'at_capacity', listed: 'listed' };

/** The projects behind an indicator's actual value, as a ledger link. */
function projectsLink(indicator: IndicatorDefinition, unit: string, from: string, to: string): string | null {
  if (indicator.kind !== 'computed') return null;
  const dateField = LIST_DATE_FIELD[indicator.dateField];
  if (!dateField) return null;
  return `/projects${query({ unit, dateField, from, to, tier: indicator.filter?.minTierYi, capitalType: indicator.filter?.capitalTypes?.join(',') })}`;
}

export function TargetsPage() {
  const { t, l, lang } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [unit, setUnit] = useState<string | undefined>(me?.unit.code);
  const [year, setYear] = useState(dayjs().year());
  const [asOf, setAsOf] = useState(dayjs());
  const [key, setKey] = useState('signed_projects');
  const [splitting, setSplitting] = useState<{ unit: string; annual: number; monthly: number[] } | null>(null);
  const indicator = BUILT_IN_INDICATORS.find((i) => i.key === key)!;
  const root = unit ?? me?.unit.code ?? '';
  const asOfIso = asOf.format('YYYY-MM-DD');
  const children = useQuery({ queryKey: ['units', 'children', root], queryFn: () => api.get<{ items: PresentedUnit[] }>(`/api/v1/units?parent=${root}`), enabled: Boolean(root) });
  const self = useQuery({ queryKey: ['units', 'detail', root], queryFn: () => api.get<PresentedUnit>(`/api/v1/units/${root}`), enabled: Boolean(root) });
  const rowsUnits = [...(self.data ? [self.data] : []), ...(children.data?.items ?? [])];
  const values = useQueries({
    queries: rowsUnits.map((u) => ({ queryKey: ['indicator', key, u.code, year, asOfIso], queryFn: () => api.get<Values>(`/api/v1/indicators/${key}/values?unit=${u.code}&year=${year}&asOf=${asOfIso}`) })),
  });
  const targetRows = useQuery({ queryKey: ['targets', root, year], queryFn: () => api.get<{ items: TargetRow[] }>(`/api/v1/targets?unit=${root}&year=${year}`), enabled: Boolean(root) });
  const cohort = useQuery({ queryKey: ['cohort', root, year, asOfIso], queryFn: () => api.get<Cohort>(`/api/v1/rates/cohort?unit=${root}&year=${year}&asOf=${asOfIso}`), enabled: Boolean(root) });
  const saveTarget = useMutation({
    mutationFn: (body: { unit: string; annual: number; monthly?: number[] }) => api.put<{ warnings: string[] }>('/api/v1/targets', { ...body, year, indicator: key }),
    onSuccess: async (result) => {
      message.success(t('saved'));
      for (const warning of result.warnings) message.warning(warning, 6);
      setSplitting(null);
      await client.invalidateQueries({ queryKey: ['targets'] });
      await client.invalidateQueries({ queryKey: ['indicator'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const targetOf = (code: string) => targetRows.data?.items.find((r) => r.unit === code && r.indicator === key);
  const childSum = (children.data?.items ?? []).reduce((sum, u) => sum + (targetOf(u.code)?.annual ?? 0), 0);
  const parentTarget = targetOf(root)?.annual;
  const from = `${year}-01-01`;
  const to = asOfIso < `${year}-12-31` ? asOfIso : `${year}-12-31`;
  const writable = can('business:write');
  const fmt = (v: number) => (indicator.unit.zh === '个' ? String(v) : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card title={t('targets')} size="small">
        <Space wrap>
          <UnitSelect value={root} onChange={(v) => setUnit(v)} />
          <Select value={year} onChange={setYear} style={{ width: 100 }} options={[0, 1, 2, 3].map((d) => ({ value: dayjs().year() - d, label: `${dayjs().year() - d}` }))} aria-label="year" />
          <DatePicker value={asOf} onChange={(d) => d && setAsOf(d)} allowClear={false} />
          <Select value={key} onChange={setKey} style={{ width: 280 }} showSearch optionFilterProp="label" options={BUILT_IN_INDICATORS.map((i) => ({ value: i.key, label: l(i.label) }))} data-testid="indicator-select" />
        </Space>
      </Card>
      {parentTarget !== undefined && childSum > 0 && Math.abs(childSum - parentTarget) > 0.01 && (
        <Alert type="warning" showIcon message={t('childrenTargetsDiffer', { sum: fmt(childSum), target: fmt(parentTarget) })} />
      )}
      <Card size="small" title={`${l(indicator.label)}（${l(indicator.unit)}） · ${year} · ${t('asOfDate')} ${asOfIso}`}>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={rowsUnits}
          data-testid="targets-table"
          columns={[
            { title: t('unit'), dataIndex: 'name', render: (name: string, u, index) => (index === 0 ? <Typography.Text strong>{name}</Typography.Text> : name) },
            {
              title: t('target'),
              width: 190,
              render: (_, u) => {
                const current = targetOf(u.code);
                return writable ? (
                  <Space size={4}>
                    <InputNumber
                      key={`${u.code}-${key}-${year}-${current?.annual ?? ''}`}
                      size="small"
                      min={0}
                      defaultValue={current?.annual}
                      style={{ width: 100 }}
                      aria-label={`target ${u.code}`}
                      onBlur={(e) => {
                        const v = Number(e.target.value);
                        if (e.target.value !== '' && Number.isFinite(v) && v !== current?.annual) saveTarget.mutate({ unit: u.code, annual: v });
                      }}
                    />
                    {current && (
                      <Button size="small" type="link" onClick={() => setSplitting({ unit: u.code, annual: current.annual, monthly: current.monthly ?? splitAnnual(current.annual) })}>
                        {t('monthlySplit')}
                      </Button>
                    )}
                  </Space>
                ) : (
                  (current?.annual ?? '—')
                );
              },
            },
            {
              title: t('actualValue'),
              align: 'right',
              render: (_, u, index) => {
                const v = values[index]?.data;
                if (!v) return '…';
                const link = projectsLink(indicator, u.code, from, to);
                return link ? <Link to={link}>{fmt(v.actual)}</Link> : fmt(v.actual);
              },
            },
            { title: t('completionRate'), align: 'right', render: (_, _u, index) => percent(values[index]?.data?.completion ?? null, 1) },
            { title: t('scheduleProgress'), align: 'right', render: (_, _u, index) => percent(values[index]?.data?.scheduleProgress ?? null, 1) },
            {
              title: t('vsSchedule'),
              align: 'right',
              render: (_, _u, index) => {
                const p = values[index]?.data?.pointsVsSchedule;
                if (p === null || p === undefined) return '—';
                const points = (p * 100).toFixed(1);
                return lang === 'zh' ? (p >= 0 ? `超 ${points}` : `低 ${(-p * 100).toFixed(1)}`) : points;
              },
            },
            { title: t('lastYearSamePeriod'), align: 'right', render: (_, _u, index) => (values[index]?.data ? fmt(values[index]!.data!.lastYearActual) : '…') },
            { title: t('yoy'), align: 'right', render: (_, _u, index) => percent(values[index]?.data?.yoy ?? null, 1) },
            {
              title: t('status'),
              render: (_, _u, index) => {
                const status = values[index]?.data?.status;
                return status ? <Tag color={STATUS_COLORS[status]}>{l(STATUS_LABELS[status])}</Tag> : '—';
              },
            },
          ]}
        />
      </Card>
      {cohort.data && (
        <Card size="small" title={t('cohortRates', { year })} data-testid="cohort-card">
          <Row gutter={16}>
            {(
              [
                ['landingRate', 'landed', t('landingRate')],
                ['startRate', 'started', t('startRate')],
                ['productionRate', 'producing', t('productionRate')],
                ['listingRate', 'listed', t('listingRate')],
              ] as const
            ).map(([rate, count, label]) => (
              <Col key={rate} xs={12} md={6}>
                <Statistic title={label} value={percent(cohort.data[rate], 2)} />
                <Typography.Text type="secondary">
                  {cohort.data[count]} / <Link to={`/projects${query({ unit: root, dateField: 'signed', from, to })}`}>{cohort.data.signed}</Link>
                </Typography.Text>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {splitting && (
        <Modal open title={t('monthlySplit')} onCancel={() => setSplitting(null)} okText={t('save')} cancelText={t('cancel')} confirmLoading={saveTarget.isPending} onOk={() => saveTarget.mutate({ unit: splitting.unit, annual: splitting.annual, monthly: splitting.monthly })}>
          <Descriptions size="small" column={4}>
            {splitting.monthly.map((value, i) => (
              <Descriptions.Item key={i} label={`${i + 1}月`}>
                <InputNumber size="small" min={0} value={value} style={{ width: 80 }} onChange={(v) => setSplitting({ ...splitting, monthly: splitting.monthly.map((m, j) => (j === i ? (v ?? 0) : m)) })} />
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Space>
            <Button size="small" onClick={() => setSplitting({ ...splitting, monthly: splitAnnual(splitting.annual) })}>
              {t('splitEvenly')}
            </Button>
            <Typography.Text type={Math.abs(splitting.monthly.reduce((a, b) => a + b, 0) - splitting.annual) > 0.01 ? 'danger' : 'secondary'}>
              {t('splitSum', { sum: splitting.monthly.reduce((a, b) => a + b, 0), annual: splitting.annual })}
            </Typography.Text>
          </Space>
        </Modal>
      )}
    </Space>
  );
}
