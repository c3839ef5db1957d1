// The cockpit's charts as ECharts options, from the cockpit's figures: the page and the large screen draw the same ones.
import type { EChartsOption } from 'echarts';
import { yiLabel } from '../shared/money.ts';
import type { ResponseOf } from '../shared/api/index.ts';
import type { Translate } from './i18n/index.tsx';
import { STATUS_COLORS, type Figure, type UnitFigures } from './indicators.ts';

type Cockpit = ResponseOf<'GET /api/v1/cockpit'>;

export interface ChartContext {
  t: Translate;
  lang: 'zh' | 'en';
  fontSize: number;
}

const cumulative = (values: readonly (number | null)[]) => {
  let running = 0;
  return values.map((v) => (v === null ? null : (running += v)));
};

export function districtChart(cockpit: Cockpit, bar: string | undefined, { t, fontSize }: ChartContext): EChartsOption {
  const rows = cockpit.children;
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
        data: rows.map((r) => (figureOf(r)?.target ? Math.round(figureOf(r)!.target! * cockpit.scheduleProgress * 100) / 100 : null)),
        lineStyle: { type: 'dashed', color: '#fa541c' },
        itemStyle: { color: '#fa541c' },
        symbol: 'diamond',
      },
    ],
  };
}

export function trendChart(cockpit: Cockpit, trend: string | undefined, year: number, { t, fontSize }: ChartContext): EChartsOption {
  const series = trend ? cockpit.trend[trend] : undefined;
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
}

export function funnelChart(cockpit: Cockpit, { t, fontSize }: ChartContext): EChartsOption {
  const stages = cockpit.funnel.filter((f) => f.stage !== 'lead');
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
}

export function tierChart(cockpit: Cockpit, { t, lang, fontSize }: ChartContext): EChartsOption {
  const tierSteps = cockpit.tiers.filter((tier) => tier.tier > 0);
  const atLeast = (tier: number) => cockpit.tiers.filter((x) => x.tier >= tier).reduce((s, x) => s + x.count, 0);
  return {
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
  };
}
