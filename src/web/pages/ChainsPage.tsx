// 产业链图谱: a unit's chains (its own and those drawn above it), each link's local firms, 链主, targets and projects,
// the gaps (补链) and weak links (强链) — as a map and as a table, both exportable; drawing and editing a chain.
import { DownloadOutlined, EditOutlined, PictureOutlined, PlusOutlined, CopyOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import { App, Button, Card, Drawer, Empty, Form, Input, Modal, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { linkLabel, SEGMENTS, type CompanyTag, type LinkStatus, type Segment } from '../../shared/chains/rules.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { ResponseOf } from '../../shared/api/index.ts';
import { download } from '../api/client.ts';
import { call, urlOf } from '../api/contract.ts';
import { useApi } from '../api/hooks.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { whenValid } from '../forms.ts';

type Coverage = ResponseOf<'GET /api/v1/chains/:id/coverage'>;
type CoverageLink = Coverage['links'][number];
type Chain = ResponseOf<'GET /api/v1/chains/:id'>;

const STATUS_COLORS: Record<LinkStatus, string> = { covered: '#52c41a', weak: '#fa8c16', gap: '#f5222d' };
const STATUS_TAGS: Record<LinkStatus, string> = { covered: 'success', weak: 'warning', gap: 'error' };

export function ChainsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const unit = searchParams.get('unit') ?? me?.unit.code ?? '';
  const chains = useApi('GET /api/v1/chains', { query: { unit } });
  const chainId = searchParams.get('chain') ?? chains.data?.items[0]?.id;
  const chain = useApi('GET /api/v1/chains/:id', { params: { id: chainId } }, { enabled: Boolean(chainId) });
  const coverage = useApi('GET /api/v1/chains/:id/coverage', { params: { id: chainId }, query: { unit } }, { enabled: Boolean(chainId) });
  const [editing, setEditing] = useState<Chain | 'new' | null>(null);
  const [opened, setOpened] = useState<CoverageLink | null>(null);
  const chart = useRef<ReactECharts>(null) as React.RefObject<ReactECharts>;
  const writable = can('business:write') || can('business:review');
  const summary = chains.data?.items.find((c) => c.id === chainId);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes))
      if (value) next.set(key, value);
      else next.delete(key);
    setSearchParams(next);
  };
  const refresh = () => client.invalidateQueries({ queryKey: ['chains'] });
  const adopt = useMutation({
    mutationFn: () => call('POST /api/v1/chains/:id/adopt', { params: { id: chainId }, body: { unit } }),
    onSuccess: async (created) => {
      message.success(t('adopted'));
      await refresh();
      set({ chain: created.id });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: () => call('DELETE /api/v1/chains/:id', { params: { id: chainId } }),
    onSuccess: async () => {
      message.success(t('deleted'));
      set({ chain: undefined });
      await refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });

  const exportPng = () => {
    const url = chart.current?.getEchartsInstance().getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${chain.data?.name ?? 'chain'}.png`;
    a.click();
  };

  return (
    <Card
      title={t('chainMap')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(value) => set({ unit: value, chain: undefined })} style={{ width: 220 }} />
          <Select
            data-testid="chain-select"
            style={{ minWidth: 200 }}
            value={chainId}
            placeholder={t('chainName')}
            onChange={(value: string) => set({ chain: value })}
            options={(chains.data?.items ?? []).map((c) => ({
              value: c.id,
              label: c.inherited ? `${c.name} · ${t('chainOf', { unit: c.unitName })}` : c.name,
            }))}
          />
          {writable && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('newChain')}
            </Button>
          )}
          {writable && summary && !summary.inherited && chain.data && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(chain.data!)}>
              {t('editLinks')}
            </Button>
          )}
          {writable && summary?.inherited && (
            <Button icon={<CopyOutlined />} loading={adopt.isPending} onClick={() => adopt.mutate()}>
              {t('adoptChain')}
            </Button>
          )}
          {writable && summary && !summary.inherited && (
            <Button
              danger
              icon={<DeleteOutlined />}
              onClick={() => Modal.confirm({ title: `${t('delete')} ${summary.name}?`, onOk: () => remove.mutateAsync() })}
            />
          )}
        </Space>
      }
    >
      {chains.error ? (
        <QueryError error={chains.error} onRetry={() => void chains.refetch()} />
      ) : chains.data && chains.data.items.length === 0 ? (
        <Empty description={t('noChains')} />
      ) : coverage.error ? (
        <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : (
        <>
          {coverage.data && (
            <Space size="large" style={{ marginBottom: 16 }} data-testid="coverage-summary">
              <Statistic title={t('linkStatus.covered')} value={coverage.data.covered} valueStyle={{ color: STATUS_COLORS.covered }} />
              <Statistic title={t('linkStatus.weak')} value={coverage.data.weak} valueStyle={{ color: STATUS_COLORS.weak }} />
              <Statistic title={t('linkStatus.gap')} value={coverage.data.gaps} valueStyle={{ color: STATUS_COLORS.gap }} />
            </Space>
          )}
          {/* a hidden tab's chart is unmounted: ECharts' graph cannot lay out in a container of no size when data changes */}
          <Tabs
            destroyInactiveTabPane
            items={[
              {
                key: 'graph',
                label: t('graph'),
                children: (
                  <>
                    <Space style={{ marginBottom: 8 }}>
                      <Button icon={<PictureOutlined />} onClick={exportPng} disabled={!coverage.data}>
                        {t('exportPng')}
                      </Button>
                    </Space>
                    {coverage.data && (
                      <ChainGraph
                        coverage={coverage.data}
                        chartRef={chart}
                        onOpen={(key) => setOpened(coverage.data!.links.find((l) => l.key === key) ?? null)}
                      />
                    )}
                  </>
                ),
              },
              {
                key: 'table',
                label: t('coverageTable'),
                children: (
                  <>
                    <Space style={{ marginBottom: 8 }}>
                      {can('business:export') && chainId && (
                        <Button
                          icon={<DownloadOutlined />}
                          onClick={() =>
                            download(urlOf('GET /api/v1/chains/:id/coverage.xlsx', { params: { id: chainId }, query: { unit } })).catch(
                              (e) => message.error(errorText(e)),
                            )
                          }
                        >
                          {t('exportExcel')}
                        </Button>
                      )}
                    </Space>
                    <CoverageTable
                      coverage={coverage.data}
                      loading={coverage.isLoading}
                      chainName={chain.data?.name ?? ''}
                      unit={unit}
                      onOpen={setOpened}
                    />
                  </>
                ),
              },
              ...(chainId && chain.data
                ? [
                    {
                      key: 'placements',
                      label: t('placements'),
                      children: <PlacementsPanel chain={chain.data} unit={unit} writable={writable} />,
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {opened && chainId && (
        <LinkDrawer link={opened} chainId={chainId} chainName={chain.data?.name ?? ''} unit={unit} onClose={() => setOpened(null)} />
      )}
      {editing && (
        <ChainEditor
          chain={editing === 'new' ? null : editing}
          unit={unit}
          onClose={() => setEditing(null)}
          onSaved={async (id) => {
            setEditing(null);
            await refresh();
            set({ chain: id });
          }}
        />
      )}
    </Card>
  );
}

/** The links laid out by segment (上游 → 中游 → 下游), coloured by status, edges from each parent link. */
function ChainGraph({
  coverage,
  chartRef,
  onOpen,
}: {
  coverage: Coverage;
  chartRef: React.RefObject<ReactECharts>;
  onOpen: (key: string) => void;
}) {
  const { t } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const row: Record<Segment, number> = { upstream: 0, midstream: 0, downstream: 0 };
    const nodes = coverage.links.map((link) => {
      const y = row[link.segment]++;
      return {
        id: link.key,
        name: link.name,
        x: SEGMENTS.indexOf(link.segment) * 320,
        y: y * 90,
        symbol: 'roundRect',
        symbolSize: [150, 54],
        itemStyle: { color: '#fff', borderColor: STATUS_COLORS[link.status], borderWidth: 3 },
        label: {
          show: true,
          color: '#222',
          formatter: `{b|${link.name}}\n${t('localCompanies')} ${link.localCompanies} · ${t('linkProjects')} ${link.projects.total}`,
          rich: { b: { fontWeight: 'bold' as const, fontSize: 13, lineHeight: 20 } },
        },
      };
    });
    const heads = SEGMENTS.map((segment, i) => ({
      id: `segment-${segment}`,
      name: t(`segment.${segment}`),
      x: i * 320,
      y: -90,
      symbol: 'rect',
      symbolSize: [150, 32],
      itemStyle: { color: '#1677ff' },
      label: { show: true, color: '#fff', fontWeight: 'bold' as const },
    }));
    const edges = coverage.links.filter((l) => l.parent).map((l) => ({ source: l.parent!, target: l.key }));
    return {
      animation: false, // a diagram to read and export, drawn at once
      tooltip: {
        formatter: (p: unknown) => {
          const data = (p as { dataType?: string; data?: { id?: string } }).data;
          const link = coverage.links.find((l) => l.key === data?.id);
          if (!link) return '';
          return `${link.name}<br/>${t('localCompanies')}: ${link.localCompanies}<br/>${t('chainLeaders')}: ${link.chainLeaders}<br/>${t('targetCompanies')}: ${link.targets}<br/>${t('linkProjects')}: ${link.projects.total} (${t('projectsInHand')} ${link.projects.inHand})<br/>${t(`linkStatus.${link.status}`)}`;
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          edgeSymbol: ['none', 'arrow'],
          lineStyle: { color: '#999', width: 1.5, curveness: 0.2 },
          data: [...heads, ...nodes],
          links: edges,
        },
      ],
    };
  }, [coverage, t]);
  const height = Math.max(320, 120 + 90 * Math.max(...SEGMENTS.map((s) => coverage.links.filter((l) => l.segment === s).length)));
  return (
    <div data-testid="chain-graph">
      <ReactECharts
        ref={chartRef}
        option={option}
        style={{ height }}
        notMerge
        onEvents={{ click: (p: { data?: { id?: string } }) => p.data?.id && !p.data.id.startsWith('segment-') && onOpen(p.data.id) }}
      />
    </div>
  );
}

function CoverageTable({
  coverage,
  loading,
  chainName,
  unit,
  onOpen,
}: {
  coverage: Coverage | undefined;
  loading: boolean;
  chainName: string;
  unit: string;
  onOpen: (link: CoverageLink) => void;
}) {
  const { t } = useI18n();
  const names = new Map((coverage?.links ?? []).map((l) => [l.key, l.name]));
  const count = (link: CoverageLink, n: number) => (
    <Button type="link" size="small" onClick={() => onOpen(link)} disabled={n === 0}>
      {n}
    </Button>
  );
  return (
    <Table<CoverageLink>
      rowKey="key"
      size="small"
      loading={loading}
      pagination={false}
      dataSource={coverage?.links ?? []}
      data-testid="coverage-table"
      columns={[
        { title: t('link'), dataIndex: 'name' },
        { title: t('parentLink'), dataIndex: 'parent', render: (key: string | null) => (key ? names.get(key) : '') },
        { title: t('segment'), dataIndex: 'segment', render: (s: Segment) => t(`segment.${s}`) },
        { title: t('localCompanies'), dataIndex: 'localCompanies', align: 'right', render: (n: number, link) => count(link, n) },
        { title: t('chainLeaders'), dataIndex: 'chainLeaders', align: 'right' },
        { title: t('targetCompanies'), dataIndex: 'targets', align: 'right', render: (n: number, link) => count(link, n) },
        {
          title: t('linkProjects'),
          align: 'right',
          render: (_, link) =>
            link.projects.total ? (
              <Link to={`/projects?${new URLSearchParams({ chain: linkLabel(chainName, link.name), unit })}`}>{link.projects.total}</Link>
            ) : (
              0
            ),
        },
        { title: t('projectsInHand'), align: 'right', render: (_, link) => link.projects.inHand },
        {
          title: t('linkStatus'),
          dataIndex: 'status',
          render: (s: LinkStatus) => <Tag color={STATUS_TAGS[s]}>{t(`linkStatus.${s}`)}</Tag>,
        },
      ]}
    />
  );
}

function LinkDrawer({
  link,
  chainId,
  chainName,
  unit,
  onClose,
}: {
  link: CoverageLink;
  chainId: string;
  chainName: string;
  unit: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const companies = useApi('GET /api/v1/companies', { query: { unit, chain: chainId, link: link.key, pageSize: 200 } });
  return (
    <Drawer open width={640} title={`${chainName} / ${link.name}`} onClose={onClose} data-testid="link-drawer">
      <Space size="large" style={{ marginBottom: 16 }}>
        <Statistic title={t('localCompanies')} value={link.localCompanies} />
        <Statistic title={t('chainLeaders')} value={link.chainLeaders} />
        <Statistic title={t('targetCompanies')} value={link.targets} />
        <Statistic title={t('linkProjects')} value={link.projects.total} />
      </Space>
      <div style={{ marginBottom: 16 }}>
        <Tag color={STATUS_TAGS[link.status]}>{t(`linkStatus.${link.status}`)}</Tag>
        {link.projects.total > 0 && (
          <Link to={`/projects?${new URLSearchParams({ chain: linkLabel(chainName, link.name), unit })}`}>{t('projectsOnLink')}</Link>
        )}
      </div>
      <Typography.Title level={5}>{t('companiesOnLink')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={companies.isLoading}
        pagination={false}
        dataSource={companies.data?.items ?? []}
        columns={[
          { title: t('companyName'), dataIndex: 'name' },
          { title: t('companyKind'), dataIndex: 'kind', render: (k: 'local' | 'target') => t(`companyKind.${k}`) },
          { title: t('unit'), render: (_, c) => (c.kind === 'local' ? c.unitName : c.location) },
          {
            title: t('tags'),
            dataIndex: 'tags',
            render: (tags: CompanyTag[]) => tags.map((tag) => <Tag key={tag}>{t(`companyTag.${tag}`)}</Tag>),
          },
        ]}
      />
    </Drawer>
  );
}

interface LinkRow {
  key: string;
  name: string;
  segment: Segment;
  parent?: string | null;
  keywords?: string[];
}

function ChainEditor({
  chain,
  unit,
  onClose,
  onSaved,
}: {
  chain: Chain | null;
  unit: string;
  onClose: () => void;
  onSaved: (id: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; links: LinkRow[] }>();
  const links = Form.useWatch('links', form) ?? [];
  const save = useMutation({
    mutationFn: async (values: { name: string; links: LinkRow[] }) => {
      const body = {
        name: values.name,
        links: values.links.map((l) => ({
          key: l.key,
          name: l.name,
          segment: l.segment,
          parent: l.parent || null,
          keywords: l.keywords ?? [],
        })),
      };
      return chain
        ? call('PUT /api/v1/chains/:id', {
            params: { id: chain.id },
            body: { ...body, description: chain.description, version: chain.version },
          })
        : call('POST /api/v1/chains', { body: { ...body, unit } });
    },
    onSuccess: async (saved) => {
      message.success(t('saved'));
      await onSaved(saved.id);
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open
      width={900}
      title={chain ? `${t('editLinks')} · ${chain.name}` : t('newChain')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (values) => save.mutate(values))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: chain?.name ?? '',
          links: chain?.links.map((l) => ({ ...l })) ?? [{ key: 'L1', name: '', segment: 'upstream' }],
        }}
      >
        <Form.Item name="name" label={t('chainName')} rules={[{ required: true, min: 2, max: 40, message: t('chainName') }]}>
          <Input data-testid="chain-name" maxLength={40} />
        </Form.Item>
        <Form.List name="links">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap data-testid="link-row">
                  <Form.Item
                    name={[field.name, 'key']}
                    rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('linkKey') }]}
                  >
                    <Input placeholder={t('linkKey')} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, max: 40, message: t('linkName') }]}>
                    <Input placeholder={t('linkName')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'segment']} rules={[{ required: true }]}>
                    <Select style={{ width: 100 }} options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'parent']}>
                    <Select
                      allowClear
                      placeholder={t('parentLink')}
                      style={{ width: 150 }}
                      options={links.filter((l, i) => l?.key && i !== field.name).map((l) => ({ value: l.key, label: l.name || l.key }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'keywords']}>
                    <Select mode="tags" placeholder={t('keywords')} style={{ width: 200 }} tokenSeparators={[',', '，', '；', ';']} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  let n = fields.length + 1;
                  while (links.some((l) => l?.key === `L${n}`)) n++;
                  add({ key: `L${n}`, name: '', segment: 'midstream' });
                }}
                data-testid="add-link"
              >
                {t('addLink')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** The projects classified by the chain's name alone (the old 产业链 field): each placed on a link, suggested by its name. */
function PlacementsPanel({ chain, unit, writable }: { chain: Chain; unit: string; writable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const pending = useApi('GET /api/v1/chains/:id/placements', { params: { id: chain.id }, query: { unit } });
  const [chosen, setChosen] = useState<Record<string, string | undefined>>({});
  const linkOf = (code: string, suggested: string | null) => (code in chosen ? chosen[code] : (suggested ?? undefined));
  const place = useMutation({
    mutationFn: (placements: { code: string; link: string }[]) =>
      call('POST /api/v1/chains/:id/placements', { params: { id: chain.id }, body: { placements } }),
    onSuccess: async (result) => {
      message.success(t('placedN', { n: result.placed }));
      setChosen({});
      await client.invalidateQueries({ queryKey: ['chains'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const ready = (pending.data?.items ?? []).flatMap((row) => {
    const link = linkOf(row.code, row.suggested);
    return link ? [{ code: row.code, link }] : [];
  });
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('placementsHint', { n: pending.data?.total ?? 0, chain: chain.name })}</Typography.Text>
        {writable && (
          <Button
            type="primary"
            disabled={ready.length === 0}
            loading={place.isPending}
            onClick={() => place.mutate(ready)}
            data-testid="place-all"
          >
            {t('placeChosen', { n: ready.length })}
          </Button>
        )}
      </Space>
      <Table
        rowKey="code"
        size="small"
        loading={pending.isLoading}
        dataSource={pending.data?.items ?? []}
        data-testid="placements-table"
        columns={[
          { title: t('projectName'), dataIndex: 'name', render: (name: string, row) => <Link to={`/projects/${row.code}`}>{name}</Link> },
          { title: t('unit'), dataIndex: 'unitName' },
          { title: t('stage'), dataIndex: 'stage', render: (stage: Stage) => t(`stage.${stage}`) },
          {
            title: t('link'),
            render: (_, row) => (
              <Select
                allowClear
                style={{ width: 200 }}
                disabled={!writable}
                value={linkOf(row.code, row.suggested)}
                onChange={(value?: string) => setChosen((c) => ({ ...c, [row.code]: value }))}
                options={chain.links.map((l) => ({ value: l.key, label: l.name }))}
              />
            ),
          },
        ]}
      />
    </>
  );
}
