import { DownloadOutlined, FilePdfOutlined, FullscreenOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Progress, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { districtChart, funnelChart, tierChart, trendChart } from '../cockpitCharts.ts';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { type Stage } from '../../shared/projects/stages.ts';
import { percent } from '../../shared/targets/period.ts';
import { query } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { errorText } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { countOf, formatFigure, indicatorProjectsLink, pointsText, STATUS_COLORS, STATUS_TAG_COLORS } from '../indicators.ts';
import { yi } from '../ledger.ts';
import { useSession } from '../session.tsx';
import { thisYear } from '../time.ts';
import { todayIso } from '../../shared/projects/dates.ts';

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

  const fileName = () => t('cockpitFileName', { unit: data.data?.unit.name ?? '', asOf });
  /** The page as an image: every panel whole (the scroll boxes opened while it is drawn, the controls left out). */
  const exportImage = async () => {
    if (!page.current) return;
    setExporting(true);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the opened scroll boxes laid out
      const { toPng } = await import('html-to-image');
      const png = await toPng(page.current, {
        backgroundColor: '#f5f5f5',
        pixelRatio: 2,
        filter: (el) => !(el instanceof HTMLElement && el.dataset.noExport === 'true'),
      });
      const link = document.createElement('a');
      link.href = png;
      link.download = `${fileName()}.png`;
      link.click();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };
  /**
   * PDF through the browser's print (另存为 PDF): text stays text and the charts are vectors (SVG), a few hundred KB
   * on A4 landscape; the print stylesheet leaves out the menus and controls and opens the scroll boxes.
   */
  const printPage = () => {
    const title = document.title;
    document.title = fileName(); // the name the browser offers for the PDF
    window.addEventListener('afterprint', () => (document.title = title), { once: true });
    window.print();
  };

  const cockpit = data.data;
  const indicatorOf = (key: string) => cockpit?.indicators.find((i) => i.key === key);
  const bar = barKey ?? cockpit?.indicators[0]?.key;
  const trend = trendKey ?? cockpit?.indicators[0]?.key;
  const fontSize = 12;

  const tierSteps = (cockpit?.tiers ?? []).filter((tier) => tier.tier > 0);
  const charts = { t, lang, fontSize };
  const districtOption = () => (cockpit ? districtChart(cockpit, bar, charts) : {});
  const trendOption = () => (cockpit ? trendChart(cockpit, trend, year, charts) : {});
  const funnelOption = () => (cockpit ? funnelChart(cockpit, charts) : {});
  const tierOption = () => (cockpit ? tierChart(cockpit, charts) : {});

  const link = (key: string, unitCode: string) => indicatorProjectsLink(indicatorOf(key), unitCode, year, asOf);

  return (
    <div ref={page} data-testid="cockpit" className={exporting ? 'cockpit exporting' : 'cockpit'} style={{ background: '#f5f5f5' }}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 8]} align="middle" justify="space-between">
          <Col>
            <Typography.Title level={4} style={{ margin: 0 }}>
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
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportImage()}>
                {t('exportImage')}
              </Button>
              <Button icon={<FilePdfOutlined />} onClick={printPage} data-testid="cockpit-pdf" title={t('printToPdfHint')}>
                {t('exportPdf')}
              </Button>
              <Button
                icon={<FullscreenOutlined />}
                onClick={() => navigate(`/cockpit/screen${query({ unit, year, asOf: params.get('asOf') ?? undefined })}`)}
                data-testid="big-screen"
              >
                {t('bigScreen')}
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
                    <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3 }}>
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
                    style={{ height: 320 }}
                    opts={{ renderer: 'svg' }}
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
                styles={{ body: { maxHeight: 560, overflow: 'auto' } }}
                classNames={{ body: 'scroll-box' }}
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
                  style={{ height: 280 }}
                  opts={{ renderer: 'svg' }}
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
                  style={{ height: 280 }}
                  opts={{ renderer: 'svg' }}
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
                  style={{ height: 280 }}
                  opts={{ renderer: 'svg' }}
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
