import { yiLabel } from '../../shared/money.ts';
import { DownloadOutlined, FilePdfOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Progress, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { type Stage } from '../../shared/projects/stages.ts';
import { percent } from '../../shared/targets/period.ts';
import { query } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { errorText } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import {
  countOf,
  formatFigure,
  indicatorProjectsLink,
  pointsText,
  STATUS_COLORS,
  STATUS_TAG_COLORS,
  type Figure,
  type UnitFigures,
} from '../indicators.ts';
import { yi } from '../ledger.ts';
import { useSession } from '../session.tsx';
import { thisYear } from '../time.ts';
import { todayIso } from '../../shared/projects/dates.ts';

const cumulative = (values: readonly (number | null)[]) => {
  let running = 0;
  return values.map((v) => (v === null ? null : (running += v)));
};

/** 领导驾驶舱: every figure against its target and 序时, each one a link to the projects behind it. */
export function CockpitPage() {
  const { t, l, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const asOf = params.get('asOf') ?? todayIso();
  const year = Number(params.get('year') ?? asOf.slice(0, 4));
  const [barKey, setBarKey] = useState<string | undefined>();
  const [trendKey, setTrendKey] = useState<string | undefined>();
  const [big, setBig] = useState(false);
  const [exporting, setExporting] = useState(false);
  const page = useRef<HTMLDivElement>(null);
  const data = useApi('GET /api/v1/cockpit', { query: { unit, year, asOf } }, { enabled: Boolean(unit) });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const exportPage = async (kind: 'png' | 'pdf') => {
    if (!page.current) return;
    setExporting(true);
    try {
      const { toPng } = await import('html-to-image');
      const node = page.current;
      const png = await toPng(node, {
        backgroundColor: '#f5f5f5',
        pixelRatio: 2,
        filter: (el) => !(el instanceof HTMLElement && el.dataset.noExport === 'true'),
      });
      const name = t('cockpitFileName', { unit: data.data?.unit.name ?? '', asOf });
      if (kind === 'png') {
        const link = document.createElement('a');
        link.href = png;
        link.download = `${name}.png`;
        link.click();
      } else {
        const { jsPDF } = await import('jspdf');
        const pdf = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4' });
        const width = 297 - 20;
        const height = (node.scrollHeight / node.scrollWidth) * width;
        const pageHeight = 210 - 20;
        // A tall page is cut across A4 sheets: the same image, shifted up one sheet at a time.
        for (let offset = 0; offset < height; offset += pageHeight) {
          if (offset > 0) pdf.addPage();
          pdf.addImage(png, 'PNG', 10, 10 - offset, width, height);
        }
        pdf.save(`${name}.pdf`);
      }
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const toggleBig = async () => {
    const next = !big;
    setBig(next);
    try {
      if (next && page.current?.requestFullscreen) await page.current.requestFullscreen();
      if (!next && document.fullscreenElement) await document.exitFullscreen();
    } catch {
      // a browser may refuse full screen; the larger layout still applies
    }
  };

  const cockpit = data.data;
  const indicatorOf = (key: string) => cockpit?.indicators.find((i) => i.key === key);
  const bar = barKey ?? cockpit?.indicators[0]?.key;
  const trend = trendKey ?? cockpit?.indicators[0]?.key;
  const fontSize = big ? 16 : 12;

  const districtOption = (): EChartsOption => {
    const rows = cockpit?.children ?? [];
    const figureOf = (row: UnitFigures): Figure | undefined => (bar ? row.figures[bar] : undefined);
    return {
      textStyle: { fontSize },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('actualValue'), t('target'), t('scheduleTarget')], textStyle: { fontSize } },
      grid: { left: 40, right: 16, bottom: 80, top: 36 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 35, fontSize, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { fontSize } },
      series: [
        {
          name: t('actualValue'),
          type: 'bar',
          data: rows.map((r) => ({
            value: figureOf(r)?.actual ?? 0,
            itemStyle: { color: figureOf(r)?.status ? STATUS_COLORS[figureOf(r)!.status!] : '#1677ff' },
          })),
          label: { show: rows.length <= 16, position: 'top', fontSize },
        },
        { name: t('target'), type: 'bar', data: rows.map((r) => figureOf(r)?.target ?? null), itemStyle: { color: '#d9d9d9' } },
        {
          name: t('scheduleTarget'),
          type: 'line',
          data: rows.map((r) => (figureOf(r)?.target ? Math.round(figureOf(r)!.target! * cockpit!.scheduleProgress * 100) / 100 : null)),
          lineStyle: { type: 'dashed', color: '#fa541c' },
          itemStyle: { color: '#fa541c' },
          symbol: 'diamond',
        },
      ],
    };
  };

  const trendOption = (): EChartsOption => {
    const series = trend ? cockpit?.trend[trend] : undefined;
    const months = Array.from({ length: 12 }, (_, i) => t('monthShort', { month: i + 1 }));
    return {
      textStyle: { fontSize },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 56, right: 16, bottom: 28, top: 40 },
      xAxis: { type: 'category', data: months, axisLabel: { fontSize } },
      yAxis: { type: 'value', axisLabel: { fontSize } },
      series: [
        {
          name: t('thisYearCumulative', { year }),
          type: 'line',
          data: cumulative(series?.thisYear ?? []),
          itemStyle: { color: '#1677ff' },
          areaStyle: { opacity: 0.08 },
        },
        {
          name: t('lastYearCumulative', { year: year - 1 }),
          type: 'line',
          data: cumulative(series?.lastYear ?? []),
          itemStyle: { color: '#8c8c8c' },
          lineStyle: { type: 'dashed' },
        },
        ...(series?.targetMonthly
          ? [
              {
                name: t('targetCumulative'),
                type: 'line' as const,
                data: cumulative(series.targetMonthly),
                itemStyle: { color: '#fa541c' },
                lineStyle: { type: 'dotted' as const },
              },
            ]
          : []),
      ],
    };
  };

  const funnelOption = (): EChartsOption => {
    const stages = (cockpit?.funnel ?? []).filter((f) => f.stage !== 'lead');
    return {
      textStyle: { fontSize },
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          minSize: '18%',
          label: { show: true, position: 'inside', formatter: '{b} {c}', fontSize },
          data: stages.map((f) => ({ name: t(`stage.${f.stage}`), value: f.count, stage: f.stage })),
        },
      ],
    };
  };

  const tierSteps = (cockpit?.tiers ?? []).filter((tier) => tier.tier > 0);
  const atLeast = (tier: number) => (cockpit?.tiers ?? []).filter((x) => x.tier >= tier).reduce((s, x) => s + x.count, 0);
  const tierOption = (): EChartsOption => ({
    textStyle: { fontSize },
    tooltip: { trigger: 'axis' },
    grid: { left: 84, right: 24, bottom: 20, top: 8 },
    xAxis: { type: 'value', axisLabel: { fontSize } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: tierSteps.map((s) => t('tierFrom', { amount: yiLabel(s.fromYi, lang) })),
      axisLabel: { fontSize },
    },
    series: [
      {
        type: 'bar',
        data: tierSteps.map((s) => atLeast(s.tier)),
        itemStyle: { color: '#13c2c2' },
        label: { show: true, position: 'right', fontSize },
      },
    ],
  });

  const link = (key: string, unitCode: string) => indicatorProjectsLink(indicatorOf(key), unitCode, year, asOf);

  return (
    <div
      ref={page}
      data-testid="cockpit"
      className={big ? 'cockpit cockpit-big' : 'cockpit'}
      style={{ background: '#f5f5f5', padding: big ? 16 : 0, fontSize: big ? 16 : undefined, overflow: big ? 'auto' : undefined }}
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 8]} align="middle" justify="space-between">
          <Col>
            <Typography.Title level={big ? 3 : 4} style={{ margin: 0 }}>
              {cockpit ? t('cockpitTitle', { unit: cockpit.unit.name, year }) : t('cockpit')}
            </Typography.Title>
            {cockpit && (
              <Typography.Text type="secondary">
                {t('asOfDate')} {asOf} · {t('scheduleProgress')} {percent(cockpit.scheduleProgress, 1)}
              </Typography.Text>
            )}
          </Col>
          <Col data-no-export="true">
            <Space wrap>
              <UnitSelect value={unit} onChange={(v) => set({ unit: v })} style={{ width: 220 }} />
              <Select
                value={year}
                onChange={(v) => set({ year: String(v), asOf: v === thisYear() ? undefined : `${v}-12-31` })}
                style={{ width: 96 }}
                options={[0, 1, 2, 3].map((d) => ({ value: thisYear() - d, label: `${thisYear() - d}` }))}
                aria-label="year"
              />
              <DatePicker value={dayjs(asOf)} onChange={(d) => d && set({ asOf: d.format('YYYY-MM-DD') })} allowClear={false} />
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportPage('png')}>
                {t('exportImage')}
              </Button>
              <Button icon={<FilePdfOutlined />} loading={exporting} onClick={() => void exportPage('pdf')}>
                {t('exportPdf')}
              </Button>
              <Button icon={big ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={() => void toggleBig()}>
                {big ? t('exitBigScreen') : t('bigScreen')}
              </Button>
            </Space>
          </Col>
        </Row>
      </Card>
      {data.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {data.error && <Typography.Text type="danger">{errorText(data.error)}</Typography.Text>}
      {cockpit && (
        <>
          <Row gutter={[12, 12]} data-testid="kpi-cards">
            {cockpit.indicators.map((indicator) => {
              const figure = cockpit.self.figures[indicator.key];
              if (!figure) return null;
              const href = link(indicator.key, cockpit.unit.code);
              const value = formatFigure(indicator, figure.actual);
              return (
                <Col key={indicator.key} xs={12} sm={12} md={8} lg={6} xl={6} xxl={4}>
                  <Card
                    size="small"
                    style={{ height: '100%', borderTop: `3px solid ${figure.status ? STATUS_COLORS[figure.status] : '#d9d9d9'}` }}
                    data-testid={`kpi-${indicator.key}`}
                  >
                    <Typography.Text type="secondary" style={{ fontSize }}>
                      {l(indicator.label)}
                    </Typography.Text>
                    <div style={{ fontSize: big ? 34 : 24, fontWeight: 600, lineHeight: 1.3 }}>
                      {href ? (
                        <Link to={href} {...countOf(indicator, figure.actual)}>
                          {value}
                        </Link>
                      ) : (
                        value
                      )}{' '}
                      <span style={{ fontSize: fontSize, fontWeight: 400 }}>{l(indicator.unit)}</span>
                    </div>
                    <div style={{ fontSize }}>
                      {t('target')} {formatFigure(indicator, figure.target)} · {t('completionRate')} {percent(figure.completion, 1)}
                    </div>
                    {figure.completion !== null && (
                      <Progress
                        percent={Math.min(100, Math.round(figure.completion * 1000) / 10)}
                        success={{ percent: Math.round(cockpit.scheduleProgress * 1000) / 10, strokeColor: 'transparent' }}
                        strokeColor={figure.status ? STATUS_COLORS[figure.status] : undefined}
                        showInfo={false}
                        size="small"
                      />
                    )}
                    <Space size={4} wrap style={{ fontSize }}>
                      {figure.status && <Tag color={STATUS_TAG_COLORS[figure.status]}>{pointsText(figure.pointsVsSchedule, t)}</Tag>}
                      <Typography.Text type="secondary" style={{ fontSize }}>
                        {t('yoy')} {figure.yoy === null ? '—' : `${figure.yoy >= 0 ? '+' : ''}${percent(figure.yoy, 1)}`}
                      </Typography.Text>
                    </Space>
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={16}>
              <Card
                size="small"
                title={t('childrenComparison')}
                extra={
                  <Select
                    size="small"
                    value={bar}
                    onChange={setBarKey}
                    style={{ width: 220 }}
                    options={cockpit.indicators.map((i) => ({ value: i.key, label: l(i.label) }))}
                    data-testid="bar-indicator"
                    data-no-export="true"
                  />
                }
              >
                {cockpit.children.length ? (
                  <ReactECharts
                    option={districtOption()}
                    style={{ height: big ? 460 : 320 }}
                    notMerge
                    onEvents={{
                      click: (event: { dataIndex: number }) => {
                        const child = cockpit.children[event.dataIndex];
                        const href = child && bar ? link(bar, child.code) : null;
                        if (href) navigate(href);
                      },
                    }}
                  />
                ) : (
                  <Empty description={t('noChildren')} />
                )}
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  style={{ marginTop: 8 }}
                  dataSource={cockpit.children}
                  data-testid="children-table"
                  scroll={{ x: true }}
                  columns={[
                    {
                      title: t('unit'),
                      dataIndex: 'name',
                      render: (name: string, row) => <Link to={`/cockpit${query({ unit: row.code, year, asOf })}`}>{name}</Link>,
                    },
                    {
                      title: t('actualValue'),
                      align: 'right',
                      render: (_, row) =>
                        bar && link(bar, row.code) ? (
                          <Link to={link(bar, row.code)!} {...countOf(indicatorOf(bar), row.figures[bar]?.actual)}>
                            {formatFigure(indicatorOf(bar), row.figures[bar]?.actual)}
                          </Link>
                        ) : (
                          formatFigure(indicatorOf(bar ?? ''), row.figures[bar ?? '']?.actual)
                        ),
                    },
                    {
                      title: t('target'),
                      align: 'right',
                      render: (_, row) => formatFigure(indicatorOf(bar ?? ''), row.figures[bar ?? '']?.target),
                    },
                    {
                      title: t('completionRate'),
                      align: 'right',
                      render: (_, row) => percent(row.figures[bar ?? '']?.completion ?? null, 1),
                    },
                    {
                      title: t('vsSchedule'),
                      align: 'right',
                      render: (_, row) => pointsText(row.figures[bar ?? '']?.pointsVsSchedule, t),
                    },
                    {
                      title: t('status'),
                      render: (_, row) =>
                        row.figures[bar ?? '']?.status ? (
                          <Tag color={STATUS_TAG_COLORS[row.figures[bar ?? '']!.status!]}>
                            {t(`scheduleStanding.${row.figures[bar ?? '']!.status!}`)}
                          </Tag>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card
                size="small"
                title={t('watchlist')}
                data-testid="watchlist"
                styles={{ body: { maxHeight: big ? 720 : 560, overflow: 'auto' } }}
              >
                {cockpit.watchlist.length === 0 ? (
                  <Empty description={t('allOnSchedule')} />
                ) : (
                  <Table
                    size="small"
                    rowKey={(row) => `${row.unitCode}/${row.indicator}`}
                    pagination={false}
                    dataSource={cockpit.watchlist}
                    columns={[
                      {
                        title: t('status'),
                        width: 64,
                        render: (_, row) => (
                          <Tag color={STATUS_TAG_COLORS[row.status]}>{row.status === 'red' ? t('redLight') : t('yellowLight')}</Tag>
                        ),
                      },
                      { title: t('unit'), dataIndex: 'unitName' },
                      {
                        title: t('indicator'),
                        render: (_, row) => (indicatorOf(row.indicator) ? l(indicatorOf(row.indicator)!.label) : row.indicator),
                      },
                      {
                        title: t('completionRate'),
                        align: 'right',
                        render: (_, row) =>
                          link(row.indicator, row.unitCode) ? (
                            <Link to={link(row.indicator, row.unitCode)!}>{percent(row.completion, 1)}</Link>
                          ) : (
                            percent(row.completion, 1)
                          ),
                      },
                      { title: t('vsSchedule'), align: 'right', render: (_, row) => pointsText(row.pointsVsSchedule, t) },
                    ]}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('monthlyTrend')}
                extra={
                  <Select
                    size="small"
                    value={trend}
                    onChange={setTrendKey}
                    style={{ width: 220 }}
                    options={cockpit.indicators.map((i) => ({ value: i.key, label: l(i.label) }))}
                    data-no-export="true"
                  />
                }
              >
                <ReactECharts
                  option={trendOption()}
                  style={{ height: big ? 380 : 280 }}
                  notMerge
                  onEvents={{
                    click: (event: { dataIndex: number; seriesIndex: number }) => {
                      if (!trend || event.seriesIndex !== 0) return;
                      const monthEnd = dayjs(`${year}-01-01`).add(event.dataIndex, 'month').endOf('month').format('YYYY-MM-DD');
                      const href = indicatorProjectsLink(indicatorOf(trend), cockpit.unit.code, year, monthEnd < asOf ? monthEnd : asOf);
                      if (href) navigate(href);
                    },
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card size="small" title={t('stageFunnel')}>
                <ReactECharts
                  option={funnelOption()}
                  style={{ height: big ? 380 : 280 }}
                  notMerge
                  onEvents={{
                    click: (event: { data: { stage: Stage } }) =>
                      navigate(`/projects${query({ unit: cockpit.unit.code, stage: event.data.stage, status: 'normal,paused' })}`),
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card size="small" title={t('tierDistribution', { year })}>
                <ReactECharts
                  option={tierOption()}
                  style={{ height: big ? 380 : 280 }}
                  notMerge
                  onEvents={{
                    click: (event: { dataIndex: number }) =>
                      navigate(
                        `/projects${query({ unit: cockpit.unit.code, indicator: 'signed_projects', year, asOf, tier: tierSteps[event.dataIndex]?.fromYi })}`,
                      ),
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('largestProjects', { year })} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={cockpit.largest}
              scroll={{ x: true }}
              columns={[
                { title: '#', width: 40, render: (_, _row, i) => i + 1 },
                {
                  title: t('projectName'),
                  dataIndex: 'name',
                  render: (name: string, row) => <Link to={`/projects/${row.code}`}>{name}</Link>,
                },
                { title: t('unit'), dataIndex: 'unitName' },
                { title: t('totalInvestmentYi'), dataIndex: 'totalInvestmentWan', align: 'right', render: (v: number) => yi(v) },
                { title: t('stage'), dataIndex: 'stage', render: (s: Stage) => t(`stage.${s}`) },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
