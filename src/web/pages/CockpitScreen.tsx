import { FullscreenExitOutlined, FullscreenOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Progress, Space, Spin, Tag, theme } from 'antd';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { percent } from '../../shared/targets/period.ts';
import type { ResponseOf } from '../../shared/api/index.ts';
import { query } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { districtChart, funnelChart, tierChart, trendChart } from '../cockpitCharts.ts';
import { errorText } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { countOf, formatFigure, indicatorProjectsLink, pointsText, STATUS_COLORS, STATUS_TAG_COLORS } from '../indicators.ts';
import { yi } from '../ledger.ts';
import { useSession } from '../session.tsx';
import { formatDateTime } from '../time.ts';
import { todayIso } from '../../shared/projects/dates.ts';

/** How often the wall refreshes itself. */
const REFRESH_MINUTES = 5;

const panel: CSSProperties = {
  background: 'rgba(16, 40, 77, 0.85)',
  border: '1px solid #1d3b6e',
  borderRadius: 6,
  padding: '1vh 0.8vw',
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
  minWidth: 0,
  overflow: 'hidden',
};

function Panel({ title, children, style, testid }: { title: string; children: ReactNode; style?: CSSProperties; testid?: string }) {
  return (
    <div style={{ ...panel, ...style }} data-testid={testid}>
      <div style={{ color: '#7fb2ff', fontSize: '1.7vh', fontWeight: 600, marginBottom: '0.6vh', whiteSpace: 'nowrap' }}>{title}</div>
      <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>{children}</div>
    </div>
  );
}

/**
 * 大屏: the cockpit for the meeting room's wall — dark, one 1920×1080 screen without scrolling (sizes follow the
 * screen's height), refreshing itself every few minutes; every figure still opens the projects behind it.
 */
export function CockpitScreen() {
  const { t, l, lang } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const asOfParam = params.get('asOf');
  const asOf = asOfParam ?? todayIso();
  const year = Number(params.get('year') ?? asOf.slice(0, 4));
  const [full, setFull] = useState(Boolean(document.fullscreenElement));
  const data = useApi(
    'GET /api/v1/cockpit',
    { query: { unit, year, asOf } },
    { enabled: Boolean(unit), refetchInterval: REFRESH_MINUTES * 60_000, refetchIntervalInBackground: true },
  );
  useEffect(() => {
    const onChange = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const cockpit = data.data;
  const fontSize = Math.max(11, Math.round(window.innerHeight / 80));
  const charts = { t, lang, fontSize };
  const indicatorOf = (key: string) => cockpit?.indicators.find((i) => i.key === key);
  const first = cockpit?.indicators[0]?.key;
  const link = (key: string, code: string) => indicatorProjectsLink(indicatorOf(key), code, year, asOf);
  const toggleFull = async () => {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await document.documentElement.requestFullscreen();
    } catch {
      // a browser may refuse full screen: the layout fits the window anyway
    }
  };

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorLink: '#9ecbff' } }}>
      <div
        data-testid="cockpit-screen"
        style={{
          height: '100vh',
          width: '100vw',
          overflow: 'hidden',
          boxSizing: 'border-box',
          padding: '1.2vh 1vw',
          background: 'radial-gradient(ellipse at top, #133064 0%, #071327 70%)',
          color: '#e6f0ff',
          display: 'grid',
          gridTemplateRows: 'auto auto minmax(0, 1.15fr) minmax(0, 1fr)',
          gap: '1.2vh',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <div>
            <div style={{ fontSize: '3.4vh', fontWeight: 700, letterSpacing: 2 }} data-testid="screen-title">
              {cockpit ? t('screenTitle', { unit: cockpit.unit.name, year }) : t('cockpit')}
            </div>
            {cockpit && (
              <div style={{ fontSize: '1.6vh', color: '#9fb7dd' }}>
                {t('asOfDate')} {asOf} · {t('scheduleProgress')} {percent(cockpit.scheduleProgress, 1)} ·{' '}
                <span data-testid="screen-updated">
                  {t('screenUpdatedAt', { time: formatDateTime(new Date(data.dataUpdatedAt).toISOString()), minutes: REFRESH_MINUTES })}
                </span>
              </div>
            )}
          </div>
          <Space>
            <Button icon={full ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={() => void toggleFull()}>
              {full ? t('exitBigScreen') : t('bigScreen')}
            </Button>
            <Button
              ghost
              icon={<RollbackOutlined />}
              onClick={() => navigate(`/cockpit${query({ unit, year, asOf: asOfParam ?? undefined })}`)}
            >
              {t('backToCockpit')}
            </Button>
          </Space>
        </div>
        {data.isLoading && <Spin size="large" style={{ gridRow: '2 / 5', alignSelf: 'center' }} />}
        {data.error && <div style={{ gridRow: '2 / 5', color: '#ff7875', fontSize: '2vh' }}>{errorText(data.error)}</div>}
        {cockpit && (
          <>
            <div
              data-testid="screen-kpis"
              style={{
                display: 'grid',
                gridTemplateColumns: `repeat(${Math.min(5, cockpit.indicators.length || 1)}, minmax(0, 1fr))`,
                gap: '1vh 0.8vw',
              }}
            >
              {cockpit.indicators.slice(0, 10).map((indicator) => {
                const figure = cockpit.self.figures[indicator.key];
                if (!figure) return null;
                const href = link(indicator.key, cockpit.unit.code);
                // amounts in 亿元 on the wall, as officials read them (the cockpit's table keeps 万元)
                const inYi = indicator.unit.zh === '万元';
                const value = inYi ? yi(figure.actual) : formatFigure(indicator, figure.actual);
                const target = inYi ? (figure.target === null ? '—' : yi(figure.target)) : formatFigure(indicator, figure.target);
                return (
                  <div
                    key={indicator.key}
                    style={{
                      ...panel,
                      borderTop: `3px solid ${figure.status ? STATUS_COLORS[figure.status] : '#2f4f80'}`,
                      padding: '0.8vh 0.7vw',
                    }}
                    data-testid={`screen-kpi-${indicator.key}`}
                  >
                    <div
                      style={{ fontSize: '1.5vh', color: '#9fb7dd', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                    >
                      {l(indicator.label)}
                    </div>
                    <div style={{ fontSize: '3.6vh', fontWeight: 700, lineHeight: 1.15, whiteSpace: 'nowrap' }}>
                      {href ? (
                        <Link to={href} {...countOf(indicator, figure.actual)} style={{ color: '#ffffff' }}>
                          {value}
                        </Link>
                      ) : (
                        value
                      )}{' '}
                      <span style={{ fontSize: '1.5vh', fontWeight: 400, color: '#9fb7dd' }}>
                        {inYi ? t('moneyUnit.yi') : l(indicator.unit)}
                      </span>
                    </div>
                    <div style={{ fontSize: '1.35vh', color: '#9fb7dd', whiteSpace: 'nowrap' }}>
                      {t('target')} {target} · {t('completionRate')} {percent(figure.completion, 1)}
                    </div>
                    {figure.completion !== null && (
                      <Progress
                        percent={Math.min(100, Math.round(figure.completion * 1000) / 10)}
                        strokeColor={figure.status ? STATUS_COLORS[figure.status] : undefined}
                        showInfo={false}
                        size="small"
                        style={{ margin: 0 }}
                      />
                    )}
                  </div>
                );
              })}
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gap: '0 0.8vw', minHeight: 0 }}>
              <Panel title={`${t('childrenComparison')} · ${first ? l(indicatorOf(first)!.label) : ''}`} testid="screen-children">
                <ScreenChart
                  option={districtChart(cockpit, first, charts)}
                  onClick={(event: { dataIndex: number }) => {
                    const child = cockpit.children[event.dataIndex];
                    const href = child && first ? link(first, child.code) : null;
                    if (href) navigate(href);
                  }}
                />
              </Panel>
              <Panel title={`${t('watchlist')}（${cockpit.watchlist.length}）`} testid="screen-watchlist">
                <WatchList cockpit={cockpit} link={link} />
              </Panel>
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '0 0.8vw', minHeight: 0 }}>
              <Panel title={t('monthlyTrend')}>
                <ScreenChart option={trendChart(cockpit, first, year, charts)} />
              </Panel>
              <Panel title={t('stageFunnel')}>
                <ScreenChart
                  option={funnelChart(cockpit, charts)}
                  onClick={(event: { data: { stage: string } }) =>
                    navigate(`/projects${query({ unit: cockpit.unit.code, stage: event.data.stage, status: 'normal,paused' })}`)
                  }
                />
              </Panel>
              <Panel title={t('tierDistribution', { year })}>
                <ScreenChart option={tierChart(cockpit, charts)} />
              </Panel>
              <Panel title={t('largestProjects', { year })} testid="screen-largest">
                <div style={{ fontSize: '1.45vh', lineHeight: 1.5 }}>
                  {cockpit.largest.slice(0, 8).map((p, i) => (
                    <div key={p.code} style={{ display: 'flex', gap: 8, whiteSpace: 'nowrap' }}>
                      <span style={{ color: '#7fb2ff', width: '1.8em' }}>{i + 1}</span>
                      <Link to={`/projects/${p.code}`} style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', color: '#e6f0ff' }}>
                        {p.name}
                      </Link>
                      <span style={{ color: '#ffd666' }}>{yi(p.totalInvestmentWan)}</span>
                    </div>
                  ))}
                </div>
              </Panel>
            </div>
          </>
        )}
      </div>
    </ConfigProvider>
  );
}

type Cockpit = ResponseOf<'GET /api/v1/cockpit'>;

/** A chart filling its panel, in ECharts' dark theme, drawn as SVG (sharp on any wall). */
// the click handler takes the chart's own event shape (it differs per chart type), hence `never` here
function ScreenChart({ option, onClick }: { option: EChartsOption; onClick?: (event: never) => void }) {
  return (
    <ReactECharts
      theme="dark"
      option={{ ...option, backgroundColor: 'transparent' }}
      style={{ height: '100%', width: '100%' }}
      opts={{ renderer: 'svg' }}
      notMerge
      {...(onClick ? { onEvents: { click: onClick as (event: unknown) => void } } : {})}
    />
  );
}

/** 红黄灯清单 as many rows as the panel holds (the red first); the count in the title says how many there are. */
function WatchList({ cockpit, link }: { cockpit: Cockpit; link: (key: string, code: string) => string | null }) {
  const { t, l } = useI18n();
  const rows = Math.max(3, Math.floor((window.innerHeight * 0.3) / (window.innerHeight * 0.028)));
  const shown = [...cockpit.watchlist].sort((a, b) => (a.status === b.status ? 0 : a.status === 'red' ? -1 : 1)).slice(0, rows);
  if (!shown.length) return <div style={{ color: '#95de64', fontSize: '1.8vh' }}>{t('allOnSchedule')}</div>;
  return (
    <div style={{ fontSize: '1.45vh', lineHeight: 1.55 }}>
      {shown.map((row) => {
        const indicator = cockpit.indicators.find((i) => i.key === row.indicator);
        const href = link(row.indicator, row.unitCode);
        return (
          <div key={`${row.unitCode}/${row.indicator}`} style={{ display: 'flex', gap: 8, alignItems: 'center', whiteSpace: 'nowrap' }}>
            <Tag color={STATUS_TAG_COLORS[row.status]} style={{ marginInlineEnd: 0 }}>
              {row.status === 'red' ? t('redLight') : t('yellowLight')}
            </Tag>
            <span style={{ width: '6em', overflow: 'hidden', textOverflow: 'ellipsis' }}>{row.unitName}</span>
            <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', color: '#9fb7dd' }}>
              {indicator ? l(indicator.label) : row.indicator}
            </span>
            {href ? <Link to={href}>{percent(row.completion, 1)}</Link> : percent(row.completion, 1)}
            <span style={{ color: row.status === 'red' ? '#ff7875' : '#ffd666', width: '7em', textAlign: 'right' }}>
              {pointsText(row.pointsVsSchedule, t)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
