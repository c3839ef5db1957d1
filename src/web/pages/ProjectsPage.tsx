import type { SourceStep } from '../../shared/projects/classification.ts';
import { yiLabel } from '../../shared/money.ts';
import { DownloadOutlined, ImportOutlined, PlusOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Dropdown,
  Empty,
  Input,
  Modal,
  Popover,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  INDUSTRY_SECTIONS,
  LEAD_SOURCE_LABELS,
  PROJECT_LEVEL_LABELS,
  industryName,
  type LeadSource,
  type ProjectLevel,
  type ProjectType,
} from '../../shared/projects/classification.ts';
import { STAGES, STATUSES, type ProjectStatus, type Stage } from '../../shared/projects/stages.ts';
import { CAPITAL_TYPES, type CapitalType } from '../../shared/projects/tiers.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import type { ListField } from '../../shared/api/projects.ts';
import { filtersFrom, STAGE_COLORS, stagesOf, yi, type Filters, type ProjectRow } from '../ledger.ts';
import { useSession } from '../session.tsx';
import { useIndicators } from '../indicators.ts';
import { formatDateTime } from '../time.ts';

export interface LedgerOptions {
  ladder: { yi: number; usdWan: number }[];
  chains: string[];
  majorThresholdYi: number;
}

const RATE_SET_LABELS = {
  cohort_signed: 'rateCohortSigned',
  cohort_landed: 'rateCohortLanded',
  cohort_started: 'rateCohortStarted',
  cohort_producing: 'rateCohortProducing',
  cohort_listed: 'rateCohortListed',
  plan_planned: 'ratePlanPlanned',
  plan_started: 'ratePlanStarted',
  plan_due: 'ratePlanDue',
  plan_due_started: 'ratePlanDueStarted',
} as const;

export function useLedgerOptions() {
  return useApi('GET /api/v1/projects/options', undefined, { staleTime: 300_000 });
}

const ALL_COLUMNS = [
  'code',
  'name',
  'unitName',
  'investorName',
  'capitalType',
  'totalInvestmentWan',
  'stage',
  'signedOn',
  'startedOn',
  'chain',
  'industry',
  'levels',
  'sponsorLeader',
  'leadSource',
  'projectType',
  'updatedAt',
] as const;
type ColumnKey = (typeof ALL_COLUMNS)[number];
const DEFAULT_COLUMNS: ColumnKey[] = [
  'code',
  'name',
  'unitName',
  'investorName',
  'capitalType',
  'totalInvestmentWan',
  'stage',
  'signedOn',
  'startedOn',
  'chain',
];
const COLUMN_LABELS: Record<ColumnKey, MessageKey> = {
  code: 'projectCode',
  name: 'projectName',
  unitName: 'unit',
  investorName: 'investor',
  capitalType: 'capitalType',
  totalInvestmentWan: 'totalInvestmentYi',
  stage: 'stage',
  signedOn: 'signedOn',
  startedOn: 'startedOn',
  chain: 'chain',
  industry: 'industry',
  levels: 'projectLevel',
  sponsorLeader: 'sponsorLeader',
  leadSource: 'leadSource',
  projectType: 'projectType',
  updatedAt: 'updatedAt',
};
const COLUMNS_STORAGE = 'zhaoyin.ledger.columns';
/** The fields each column shows: the list asks for these only (a page of 50 is ~15 KB instead of ~100 KB). */
const COLUMN_FIELDS: Record<ColumnKey, ListField[]> = {
  code: [],
  name: ['name'],
  unitName: ['unitName'],
  investorName: ['investorName'],
  capitalType: ['capitalType'],
  totalInvestmentWan: ['totalInvestmentWan'],
  stage: ['stage', 'status'],
  signedOn: ['dates.signed'],
  startedOn: ['dates.started'],
  chain: ['chain'],
  industry: ['industrySection', 'industryDivision'],
  levels: ['levels'],
  sponsorLeader: ['sponsorLeader'],
  leadSource: ['leadSource'],
  projectType: ['projectType'],
  updatedAt: ['updatedAt'],
};
const fieldsOf = (columns: ColumnKey[]): string =>
  [...new Set(['name', 'stage', 'status', ...columns.flatMap((c) => COLUMN_FIELDS[c])])].sort().join(',');

export function ProjectsPage() {
  const { t, l, lang, tCode } = useI18n();
  const indicators = useIndicators(true);
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const view = searchParams.get('view') === 'board' ? 'board' : 'table';
  const page = Number(searchParams.get('page') ?? 1);
  const pageSize = Number(searchParams.get('pageSize') ?? 20);
  const sort = searchParams.get('sort') ?? 'updatedAt';
  const order = searchParams.get('order') ?? 'desc';
  const [columns, setColumns] = useState<ColumnKey[]>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(COLUMNS_STORAGE) ?? 'null') as ColumnKey[] | null;
      return stored?.length ? stored : DEFAULT_COLUMNS;
    } catch {
      return DEFAULT_COLUMNS;
    }
  });
  const [search, setSearch] = useState(filters.q ?? '');
  const [viewName, setViewName] = useState('');
  const [savingView, setSavingView] = useState(false);

  const setFilters = (patch: Filters & { view?: string; page?: string; pageSize?: string; sort?: string; order?: string }) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in patch)) next.delete('page');
    setSearchParams(next);
  };

  const params = { ...filters, page, pageSize, sort, order, fields: fieldsOf(columns) };
  const list = useApi('GET /api/v1/projects', { query: params }, { enabled: view === 'table' });
  const boardData = useApi('GET /api/v1/projects/board', { query: { ...filters, perStage: 12 } }, { enabled: view === 'board' });
  const options = useLedgerOptions();
  const views = useApi('GET /api/v1/projects/views/mine');
  const saveView = useMutation({
    mutationFn: () => call('POST /api/v1/projects/views', { body: { name: viewName.trim(), filters, columns } }),
    onSuccess: async () => {
      message.success(t('saved'));
      setSavingView(false);
      await client.invalidateQueries({ queryKey: ['projects'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const ladder = options.data?.ladder ?? [];
  const chains = options.data?.chains ?? [];

  const updateColumns = (next: ColumnKey[]) => {
    setColumns(next);
    localStorage.setItem(COLUMNS_STORAGE, JSON.stringify(next));
  };

  const tableColumns = useMemo<ColumnsType<ProjectRow>>(() => {
    const all: Record<ColumnKey, ColumnsType<ProjectRow>[number]> = {
      code: {
        title: t('projectCode'),
        dataIndex: 'code',
        key: 'code',
        width: 160,
        sorter: true,
        render: (code: string) => <Link to={`/projects/${code}`}>{code}</Link>,
      },
      name: {
        title: t('projectName'),
        dataIndex: 'name',
        key: 'name',
        width: 260,
        sorter: true,
        ellipsis: true,
        render: (name: string, row) => <Link to={`/projects/${row.code}`}>{name}</Link>,
      },
      unitName: { title: t('unit'), dataIndex: 'unitName', key: 'unitName', width: 130, ellipsis: true },
      investorName: { title: t('investor'), dataIndex: 'investorName', key: 'investorName', width: 200, ellipsis: true },
      capitalType: {
        title: t('capitalType'),
        dataIndex: 'capitalType',
        key: 'capitalType',
        width: 90,
        render: (v: CapitalType) => t(`capitalType.${v}`),
      },
      totalInvestmentWan: {
        title: t('totalInvestmentYi'),
        dataIndex: 'totalInvestmentWan',
        key: 'totalInvestmentWan',
        width: 120,
        align: 'right',
        sorter: true,
        render: (v: number) => yi(v),
      },
      stage: {
        title: t('stage'),
        dataIndex: 'stage',
        key: 'stage',
        width: 110,
        sorter: true,
        render: (stage: Stage, row) => (
          <Space size={2}>
            <Tag color={STAGE_COLORS[stage]}>{t(`stage.${stage}`)}</Tag>
            {row.status !== 'normal' && (
              <Tag color={row.status === 'terminated' ? 'red' : 'orange'}>{t(`status.${row.status as ProjectStatus}`)}</Tag>
            )}
          </Space>
        ),
      },
      signedOn: { title: t('signedOn'), key: 'signedOn', width: 110, sorter: true, render: (_, row) => row.dates?.signed ?? '—' },
      startedOn: { title: t('startedOn'), key: 'startedOn', width: 110, sorter: true, render: (_, row) => row.dates?.started ?? '—' },
      chain: { title: t('chain'), dataIndex: 'chain', key: 'chain', width: 130, ellipsis: true },
      industry: {
        title: t('industry'),
        key: 'industry',
        width: 160,
        ellipsis: true,
        render: (_, row) => industryName(row.industrySection ?? null, row.industryDivision ?? null),
      },
      levels: {
        title: t('projectLevel'),
        dataIndex: 'levels',
        key: 'levels',
        width: 110,
        render: (levels: ProjectLevel[] | undefined) => (levels ?? []).map((lv) => <Tag key={lv}>{t(`projectLevel.${lv}`)}</Tag>),
      },
      sponsorLeader: { title: t('sponsorLeader'), dataIndex: 'sponsorLeader', key: 'sponsorLeader', width: 100 },
      leadSource: {
        title: t('leadSource'),
        dataIndex: 'leadSource',
        key: 'leadSource',
        width: 110,
        render: (v: LeadSource | null) => (v ? t(`leadSource.${v}`) : ''),
      },
      projectType: {
        title: t('projectType'),
        dataIndex: 'projectType',
        key: 'projectType',
        width: 100,
        render: (v: ProjectType) => t(`projectType.${v}`),
      },
      updatedAt: {
        title: t('updatedAt'),
        dataIndex: 'updatedAt',
        key: 'updatedAt',
        width: 140,
        sorter: true,
        render: (v: string) => formatDateTime(v),
      },
    };
    return columns.map((key) => ({
      ...all[key],
      sortOrder: sort === key || (key === 'signedOn' && sort === 'signedOn') ? (order === 'asc' ? 'ascend' : 'descend') : null,
    }));
  }, [columns, t, sort, order]);

  const exportAs = (layout: 'ledger' | 'signed' | 'negotiating') =>
    download(urlOf('GET /api/v1/projects/export', { query: { ...filters, layout } })).catch((e) => message.error(errorText(e)));
  const dateFields = [
    { value: 'negotiating', label: t('field.negotiatingOn') },
    { value: 'signed', label: t('signedOn') },
    { value: 'registered', label: t('field.registeredOn') },
    { value: 'started', label: t('startedOn') },
    { value: 'completed', label: t('field.completedOn') },
    { value: 'producing', label: t('field.producingOn') },
    { value: 'at_capacity', label: t('field.atCapacityOn') },
    { value: 'firstReported', label: t('firstReportedOn') },
    { value: 'entered', label: t('enteredOn') },
    { value: 'listed', label: t('listing') },
    { value: 'terminated', label: t('terminatedOn') },
  ];

  return (
    <Card
      title={t('ledger')}
      extra={
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setFilters({ view: v === 'board' ? 'board' : undefined })}
            options={[
              { label: t('tableView'), value: 'table' },
              { label: t('boardView'), value: 'board' },
            ]}
            data-testid="view-switch"
          />
          {can('business:export') && (
            <Dropdown
              menu={{
                items: [
                  { key: 'ledger', label: t('exportLedger') },
                  { key: 'signed', label: t('exportSigned') },
                  { key: 'negotiating', label: t('exportNegotiating') },
                ],
                onClick: ({ key }) => void exportAs(key as 'ledger'),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('exportExcel')}</Button>
            </Dropdown>
          )}
          {can('business:write') && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => navigate('/projects/import')}>
                {t('importExcel')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')}>
                {t('newProject')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {filters.investmentMonth && (
          <Alert
            type="info"
            showIcon
            data-testid="drilldown"
            message={t('drilldownSchedule', { month: filters.investmentMonth, asOf: filters.asOf ?? '' })}
            action={
              <Button size="small" type="link" onClick={() => setFilters({ investmentMonth: undefined, asOf: undefined })}>
                {t('clearFilter')}
              </Button>
            }
          />
        )}
        {filters.owner && (
          <Alert
            type="info"
            showIcon
            data-testid="drilldown-owner"
            message={t('drilldownOwner', { owner: filters.owner })}
            action={
              <Button size="small" type="link" onClick={() => setFilters({ owner: undefined })}>
                {t('clearFilter')}
              </Button>
            }
          />
        )}
        {filters.sourceStep && (
          <Alert
            type="info"
            showIcon
            data-testid="drilldown"
            message={t('drilldownSource', {
              year: filters.year ?? '',
              source: filters.source ? tCode('leadSource', filters.source, t('noLeadSource')) : t('allSources'),
              step: t(`sourceStep.${filters.sourceStep as SourceStep}`),
            })}
            action={
              <Button size="small" type="link" onClick={() => setFilters({ sourceStep: undefined, source: undefined, year: undefined })}>
                {t('clearFilter')}
              </Button>
            }
          />
        )}
        {(filters.indicator || filters.rate) && (
          <Alert
            type="info"
            showIcon
            data-testid="drilldown"
            message={t('drilldownFilter', {
              what: filters.indicator
                ? indicators.data?.items.find((i) => i.key === filters.indicator)
                  ? l(indicators.data.items.find((i) => i.key === filters.indicator)!.label)
                  : filters.indicator
                : t(RATE_SET_LABELS[filters.rate as keyof typeof RATE_SET_LABELS] ?? 'rateSet'),
              year: filters.year ?? '',
              asOf: filters.asOf ?? '',
            })}
            action={
              <Button
                size="small"
                type="link"
                onClick={() => setFilters({ indicator: undefined, rate: undefined, year: undefined, asOf: undefined })}
              >
                {t('clearFilter')}
              </Button>
            }
          />
        )}
        <Row gutter={[8, 8]}>
          <Col>
            <Input.Search
              placeholder={t('searchProjects')}
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(q) => setFilters({ q: q.trim() || undefined })}
              style={{ width: 280 }}
              data-testid="project-search"
            />
          </Col>
          <Col>
            <UnitSelect allowClear value={filters.unit} onChange={(unit) => setFilters({ unit })} />
          </Col>
          <Col>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('stage')}
              style={{ minWidth: 160 }}
              value={stagesOf(filters.stage)}
              onChange={(v: Stage[]) => setFilters({ stage: v.join(',') || undefined })}
              options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
              maxTagCount={2}
            />
          </Col>
          <Col>
            <Select
              allowClear
              placeholder={t('tier')}
              style={{ width: 140 }}
              value={filters.tier}
              onChange={(v?: string) => setFilters({ tier: v })}
              options={ladder.map((step) => ({
                value: String(step.yi),
                label: t('tierFrom', { amount: yiLabel(step.yi, lang) }),
              }))}
            />
          </Col>
          <Col>
            <Select
              allowClear
              placeholder={t('capitalType')}
              style={{ width: 110 }}
              value={filters.capitalType}
              onChange={(v?: string) => setFilters({ capitalType: v })}
              options={CAPITAL_TYPES.map((c) => ({ value: c, label: t(`capitalType.${c}`) }))}
            />
          </Col>
          <Col>
            <Select
              allowClear
              showSearch
              placeholder={t('chain')}
              style={{ width: 150 }}
              value={filters.chain}
              onChange={(v?: string) => setFilters({ chain: v })}
              options={chains.map((c) => ({ value: c, label: c }))}
            />
          </Col>
          <Col>
            <Select
              allowClear
              placeholder={t('industry')}
              style={{ width: 150 }}
              value={filters.industrySection}
              onChange={(v?: string) => setFilters({ industrySection: v })}
              options={INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
              popupMatchSelectWidth={false}
            />
          </Col>
          <Col>
            <Select
              allowClear
              placeholder={t('projectLevel')}
              style={{ width: 110 }}
              value={filters.level}
              onChange={(v?: string) => setFilters({ level: v })}
              options={Object.keys(PROJECT_LEVEL_LABELS).map((k) => ({ value: k, label: tCode('projectLevel', k) }))}
            />
          </Col>
          <Col>
            <Select
              allowClear
              placeholder={t('leadSource')}
              style={{ width: 120 }}
              value={filters.source}
              onChange={(v?: string) => setFilters({ source: v })}
              options={Object.keys(LEAD_SOURCE_LABELS).map((k) => ({ value: k, label: tCode('leadSource', k) }))}
            />
          </Col>
          <Col>
            <Input
              allowClear
              placeholder={t('sponsorLeader')}
              style={{ width: 120 }}
              defaultValue={filters.leader}
              onPressEnter={(e) => setFilters({ leader: (e.target as HTMLInputElement).value.trim() || undefined })}
              onBlur={(e) => setFilters({ leader: e.target.value.trim() || undefined })}
            />
          </Col>
          <Col>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('status')}
              style={{ minWidth: 130 }}
              value={(filters.status ?? '').split(',').filter((s): s is ProjectStatus => (STATUSES as readonly string[]).includes(s))}
              onChange={(v: ProjectStatus[]) => setFilters({ status: v.join(',') || undefined })}
              options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              maxTagCount={2}
              data-testid="status-filter"
            />
          </Col>
          <Col>
            <Space.Compact>
              <Select
                placeholder={t('dateField')}
                style={{ width: 120 }}
                value={filters.dateField}
                allowClear
                onChange={(v?: string) => setFilters({ dateField: v, ...(v ? {} : { from: undefined, to: undefined }) })}
                options={dateFields}
              />
              <DatePicker.RangePicker
                disabled={!filters.dateField}
                value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
                onChange={(range) => setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
              />
            </Space.Compact>
          </Col>
          <Col>
            <Space>
              <Popover
                trigger="click"
                content={
                  <Checkbox.Group
                    value={columns}
                    onChange={(v) => updateColumns(v as ColumnKey[])}
                    style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }}
                  >
                    {ALL_COLUMNS.map((key) => (
                      <Checkbox key={key} value={key}>
                        {t(COLUMN_LABELS[key])}
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                }
              >
                <Button icon={<SettingOutlined />}>{t('columns')}</Button>
              </Popover>
              <Select
                placeholder={t('savedViews')}
                style={{ width: 150 }}
                allowClear
                options={(views.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
                onChange={(id?: string) => {
                  const chosen = views.data?.items.find((v) => v.id === id);
                  if (!chosen) return;
                  // a view saved long ago may name a column since removed: keep the ones that exist
                  const known = chosen.columns.filter((c): c is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(c));
                  if (known.length) updateColumns(known);
                  setSearch(typeof chosen.filters.q === 'string' ? chosen.filters.q : '');
                  setSearchParams(
                    new URLSearchParams(Object.entries(chosen.filters).filter(([, v]) => typeof v === 'string') as [string, string][]),
                  );
                }}
              />
              <Button icon={<SaveOutlined />} onClick={() => setSavingView(true)}>
                {t('saveView')}
              </Button>
            </Space>
          </Col>
        </Row>
        {view === 'table' ? (
          list.error ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<ProjectRow>
              size="small"
              rowKey="code"
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              columns={tableColumns}
              scroll={{ x: 'max-content' }}
              data-testid="projects-table"
              locale={{ emptyText: <Empty description={t('noProjects')} /> }}
              onChange={(pagination, _filters, sorter) => {
                const s = sorter as SorterResult<ProjectRow>;
                const key = s.order ? String(s.columnKey) : 'updatedAt';
                setFilters({
                  page: String(pagination.current ?? 1),
                  pageSize: String(pagination.pageSize ?? 20),
                  sort: key,
                  order: s.order === 'ascend' ? 'asc' : 'desc',
                });
              }}
              pagination={{
                current: page,
                pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('total', { n }),
              }}
              summary={() =>
                list.data ? (
                  <Table.Summary fixed>
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={Math.max(1, columns.indexOf('totalInvestmentWan'))}>
                        <Typography.Text strong data-testid="totals-row" data-total={list.data.totals.count}>
                          {t('totalRow')}
                          {t('colon')}
                          {t('projectsCount', { n: list.data.totals.count })}
                        </Typography.Text>
                      </Table.Summary.Cell>
                      {columns.includes('totalInvestmentWan') && (
                        <Table.Summary.Cell index={1} align="right">
                          <Typography.Text strong>{yi(list.data.totals.totalInvestmentWan)}</Typography.Text>
                        </Table.Summary.Cell>
                      )}
                      <Table.Summary.Cell index={2} colSpan={columns.length} />
                    </Table.Summary.Row>
                  </Table.Summary>
                ) : null
              }
            />
          )
        ) : boardData.error ? (
          <QueryError error={boardData.error} />
        ) : (
          <div
            style={{ display: 'grid', gridTemplateColumns: `repeat(${STAGES.length}, minmax(190px, 1fr))`, gap: 8, overflowX: 'auto' }}
            data-testid="projects-board"
          >
            {(boardData.data?.columns ?? []).map((column) => (
              <div key={column.stage} style={{ background: '#f5f7fa', borderRadius: 6, padding: 8, minHeight: 300 }}>
                <div style={{ marginBottom: 8 }}>
                  <Tag color={STAGE_COLORS[column.stage]}>{t(`stage.${column.stage}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {column.count} · {yiLabel(column.totalInvestmentWan / 10_000, lang)}
                  </Typography.Text>
                </div>
                {column.items.map((project) => (
                  <Card
                    key={project.code}
                    size="small"
                    hoverable
                    style={{ marginBottom: 6 }}
                    onClick={() => navigate(`/projects/${project.code}`)}
                  >
                    <Typography.Text strong ellipsis style={{ display: 'block', fontSize: 13 }}>
                      {project.name}
                    </Typography.Text>
                    <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                      {project.investorName}
                    </Typography.Text>
                    <Space size={4} style={{ fontSize: 12 }}>
                      <span>{yiLabel(project.totalInvestmentWan / 10_000, lang)}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {project.unitName}
                      </Typography.Text>
                    </Space>
                  </Card>
                ))}
                {column.count > column.items.length && (
                  <Button type="link" size="small" onClick={() => setFilters({ view: undefined, stage: column.stage })}>
                    {t('total', { n: column.count })} →
                  </Button>
                )}
              </div>
            ))}
          </div>
        )}
      </Space>
      <Modal
        open={savingView}
        title={t('saveView')}
        onCancel={() => setSavingView(false)}
        onOk={() => saveView.mutate()}
        okButtonProps={{ disabled: !viewName.trim() }}
        confirmLoading={saveView.isPending}
        okText={t('save')}
        cancelText={t('cancel')}
      >
        <Input placeholder={t('viewName')} value={viewName} onChange={(e) => setViewName(e.target.value)} maxLength={40} />
      </Modal>
    </Card>
  );
}
