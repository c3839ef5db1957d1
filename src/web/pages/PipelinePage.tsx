// 招商推进 in the company register: a company's drawer (its stage, 交办, contacts and history), the funnel with its
// conversion rates, and the aftercare list of local firms.
import { EditOutlined, PhoneOutlined, RiseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { todayIso } from '../../shared/projects/dates.ts';
import { CONTACT_KINDS, PIPELINE_STAGES, type PipelineStage } from '../../shared/chains/rules.ts';
import type { ResponseOf } from '../../shared/api/index.ts';
import { call, urlOf } from '../api/contract.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { useApi } from '../api/hooks.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { whenValid } from '../forms.ts';

type Company = ResponseOf<'GET /api/v1/companies/:id'>;
const STAGE_COLORS: Record<PipelineStage, string> = {
  target: 'default',
  contacted: 'cyan',
  visited: 'blue',
  intent: 'geekblue',
  negotiating: 'purple',
  signed: 'green',
  dropped: 'red',
};

export function StageTag({ stage }: { stage: PipelineStage | null }) {
  const { t } = useI18n();
  return stage ? <Tag color={STAGE_COLORS[stage]}>{t(`pipelineStage.${stage}`)}</Tag> : null;
}

export function CompanyDrawer({ id, onEdit, onClose }: { id: string; onEdit: (company: Company) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const company = useApi('GET /api/v1/companies/:id', { params: { id } });
  const history = useApi('GET /api/v1/companies/:id/history', { params: { id } });
  const [moving, setMoving] = useState(false);
  const [logging, setLogging] = useState(false);
  const writable = can('business:write') || can('business:review');
  const refresh = () =>
    Promise.all([client.invalidateQueries({ queryKey: ['companies'] }), client.invalidateQueries({ queryKey: ['pipeline'] })]);
  const answer = useMutation({
    mutationFn: (body: { action: 'accept' | 'return'; note?: string }) =>
      call('POST /api/v1/companies/:id/assignment', { params: { id }, body }),
    onSuccess: async () => {
      message.success(t('saved'));
      await refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const c = company.data;
  // the assigned unit's own people accept or return it
  const assignedToMe = c?.assignedUnit && me && c.assignmentStatus === 'pending' && c.assignedUnit.code === me.unit.code;
  return (
    <Drawer open width={720} onClose={onClose} title={c?.name ?? ''} data-testid="company-drawer">
      {company.error ? (
        <QueryError error={company.error} onRetry={() => void company.refetch()} />
      ) : c ? (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <Tag color={c.kind === 'local' ? 'blue' : 'purple'}>{t(`companyKind.${c.kind}`)}</Tag>
            <StageTag stage={c.pipelineStage} />
            {writable && (
              <>
                <Button
                  icon={<RiseOutlined />}
                  onClick={() => setMoving(true)}
                  data-testid="pipeline-move"
                  disabled={c.pipelineStage === 'signed'}
                >
                  {t('pipelineMove')}
                </Button>
                <Button icon={<PhoneOutlined />} onClick={() => setLogging(true)} data-testid="contact-add">
                  {t('contactAdd')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => onEdit(c)}>
                  {t('edit')}
                </Button>
              </>
            )}
          </Space>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('unit')}>
              {c.kind === 'local' ? c.unitName : `${c.location ?? ''} · ${c.unitName}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('creditCode')}>{c.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('links')} span={2}>
              {c.links.map((l) => (
                <Tag key={`${l.chainId}/${l.linkKey}`}>{`${l.chainName}/${l.linkName}`}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('assignedUnit')}>
              {c.assignedUnit ? (
                <Space>
                  {c.assignedUnit.name}
                  {c.assignmentStatus && <Tag>{t(`assignmentStatus.${c.assignmentStatus}`)}</Tag>}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('assignee')}>{c.assignee?.displayName ?? '—'}</Descriptions.Item>
            {c.assignmentNote && (
              <Descriptions.Item label={t('assignmentNote')} span={2}>
                {c.assignmentNote}
              </Descriptions.Item>
            )}
            {c.dropReason && (
              <Descriptions.Item label={t('reason')} span={2}>
                {c.dropReason}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('ledgerProject')} span={2}>
              {c.project ? (
                <Link to={`/projects/${c.project.code}`} data-testid="company-project">
                  {c.project.name}（{t(`stage.${c.project.stage}`)}）
                </Link>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
          {assignedToMe && writable && (
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" onClick={() => answer.mutate({ action: 'accept' })} data-testid="assignment-accept">
                {t('assignmentAccept')}
              </Button>
              <Button
                onClick={() => {
                  let note = '';
                  Modal.confirm({
                    title: t('assignmentReturn'),
                    content: <Input.TextArea onChange={(e) => (note = e.target.value)} placeholder={t('reason')} />,
                    onOk: () => answer.mutateAsync({ action: 'return', note }),
                  });
                }}
              >
                {t('assignmentReturn')}
              </Button>
            </Space>
          )}
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('contactLog')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={history.data?.contacts ?? []}
            data-testid="contacts-table"
            columns={[
              { title: t('date'), dataIndex: 'on', width: 100 },
              {
                title: t('contactKind'),
                dataIndex: 'kind',
                width: 90,
                render: (k: string) => t(`contactKind.${k as (typeof CONTACT_KINDS)[number]}`),
              },
              { title: t('contactSummary'), dataIndex: 'summary' },
              {
                title: t('nextStep'),
                render: (_, r, index) =>
                  r.nextStep ? (
                    <>
                      {`${r.nextStep}${r.nextOn ? ` · ${r.nextOn}` : ''}`}
                      {/* the latest contact's next step, past its date: what the follow-up alert is about */}
                      {index === 0 && r.nextOn && r.nextOn < todayIso() && (
                        <Tag color="red" style={{ marginLeft: 4 }} data-testid="next-step-overdue">
                          {t('overdue')}
                        </Tag>
                      )}
                    </>
                  ) : (
                    ''
                  ),
              },
              { title: t('recordedBy'), dataIndex: 'byName', width: 80 },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('pipelineHistory')}
          </Typography.Title>
          <Timeline
            items={(history.data?.events ?? []).map((e) => ({
              children: (
                <span>
                  {e.on} · {e.byName} · {e.kind === 'stage' && e.toStage ? t(`pipelineStage.${e.toStage}`) : t(`pipelineEvent.${e.kind}`)}
                  {e.note ? ` · ${e.note}` : ''}
                </span>
              ),
            }))}
          />
          {moving && (
            <MoveModal
              company={c}
              onClose={() => setMoving(false)}
              onDone={async () => {
                setMoving(false);
                await refresh();
              }}
            />
          )}
          {logging && (
            <ContactModal
              id={id}
              onClose={() => setLogging(false)}
              onDone={async () => {
                setLogging(false);
                await refresh();
              }}
            />
          )}
        </>
      ) : null}
    </Drawer>
  );
}

function MoveModal({ company, onClose, onDone }: { company: Company; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    stage: PipelineStage;
    unit?: string;
    assignee?: string;
    reason?: string;
    projectName?: string;
    totalInvestment?: string;
  }>();
  const stage = Form.useWatch('stage', form);
  const save = useMutation({
    mutationFn: (v: {
      stage: PipelineStage;
      unit?: string;
      assignee?: string;
      reason?: string;
      projectName?: string;
      totalInvestment?: string;
    }) =>
      call('PUT /api/v1/companies/:id/pipeline', {
        params: { id: company.id },
        body: {
          stage: v.stage,
          unit: v.unit || null,
          assignee: v.assignee || null,
          reason: v.reason || null,
          project: v.stage === 'negotiating' ? { name: v.projectName || null, totalInvestment: v.totalInvestment || null } : null,
          version: company.version,
        },
      }),
    onSuccess: async () => {
      message.success(t('saved'));
      await onDone();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open
      title={t('pipelineMove')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stage: company.pipelineStage ?? 'target', unit: company.assignedUnit?.code, assignee: company.assignee?.username }}
      >
        <Form.Item name="stage" label={t('pipelineStage')} rules={[{ required: true }]}>
          <Select
            data-testid="pipeline-stage"
            options={PIPELINE_STAGES.filter((s) => s !== 'signed').map((s) => ({ value: s, label: t(`pipelineStage.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('assignedUnit')} extra={t('assignHint')}>
          <UnitSelect allowClear />
        </Form.Item>
        <Form.Item name="assignee" label={t('assignee')} extra={t('assigneeHint')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: stage === 'dropped', message: t('dropNeedsReason') }]}>
          <Input.TextArea autoSize maxLength={500} />
        </Form.Item>
        {stage === 'negotiating' && !company.project && (
          <>
            <Typography.Paragraph type="secondary">{t('negotiatingCreatesProject')}</Typography.Paragraph>
            <Form.Item name="projectName" label={t('projectName')}>
              <Input maxLength={200} placeholder={company.name} data-testid="project-name" />
            </Form.Item>
            <Form.Item name="totalInvestment" label={t('totalInvestment')} rules={[{ required: true, message: t('totalInvestment') }]}>
              <Input maxLength={40} placeholder="5亿元" data-testid="project-investment" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function ContactModal({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    on: dayjs.Dayjs;
    kind: string;
    counterpart?: string;
    summary: string;
    nextStep?: string;
    nextOn?: dayjs.Dayjs;
  }>();
  const save = useMutation({
    mutationFn: (v: { on: dayjs.Dayjs; kind: string; counterpart?: string; summary: string; nextStep?: string; nextOn?: dayjs.Dayjs }) =>
      call('POST /api/v1/companies/:id/contacts', {
        params: { id },
        body: {
          on: v.on.format('YYYY-MM-DD'),
          kind: v.kind,
          counterpart: v.counterpart || null,
          summary: v.summary,
          nextStep: v.nextStep || null,
          nextOn: v.nextOn ? v.nextOn.format('YYYY-MM-DD') : null,
        },
      }),
    onSuccess: async () => {
      message.success(t('saved'));
      await onDone();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open
      title={t('contactAdd')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ on: dayjs(), kind: 'visit_out' }}>
        <Space wrap>
          <Form.Item name="on" label={t('date')} rules={[{ required: true, message: t('dateRequired', { what: '' }) }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="kind" label={t('contactKind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contactKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="counterpart" label={t('counterpart')}>
            <Input maxLength={100} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('contactSummary')} rules={[{ required: true, message: t('contactSummary') }]}>
          <Input.TextArea autoSize maxLength={2000} data-testid="contact-summary" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="nextStep" label={t('nextStep')}>
            <Input maxLength={500} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="nextOn" label={t('nextOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** The funnel: how many companies reached each step and the share of the step before; counts open the companies. */
export function FunnelPanel({
  unit,
  chain,
  onStage,
}: {
  unit: string;
  chain?: string | undefined;
  onStage: (stage: PipelineStage) => void;
}) {
  const { t } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [by, setBy] = useState<'chain' | 'tag' | 'assignee' | 'unit' | undefined>('chain');
  const funnel = useApi('GET /api/v1/pipeline/funnel', { query: { unit, chain, year, by } });
  const years = Array.from({ length: 5 }, (_, i) => dayjs().year() - i);
  const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  const option: EChartsOption | null = funnel.data
    ? {
        animation: false,
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            label: { show: true, position: 'inside', formatter: '{b}: {c}' },
            data: funnel.data.stages.map((s) => ({ name: t(`pipelineStage.${s.stage}`), value: s.reached })),
          },
        ],
      }
    : null;
  return (
    <Card size="small" data-testid="funnel-panel">
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('funnelYear')}
          style={{ width: 140 }}
          value={year}
          onChange={(v?: number) => setYear(v)}
          options={years.map((y) => ({ value: y, label: t('enteredIn', { year: y }) }))}
        />
        <Select
          allowClear
          placeholder={t('groupBy')}
          style={{ width: 160 }}
          value={by}
          onChange={(v?: 'chain' | 'tag' | 'assignee' | 'unit') => setBy(v)}
          options={(['chain', 'tag', 'assignee', 'unit'] as const).map((k) => ({ value: k, label: t(`funnelBy.${k}`) }))}
        />
        <ExportButton url={urlOf('GET /api/v1/pipeline/funnel.xlsx', { query: { unit, chain, year, by } })} />
      </Space>
      {funnel.error ? (
        <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} />
      ) : (
        <>
          <Space align="start" wrap style={{ width: '100%' }}>
            {option && <ReactECharts option={option} style={{ width: 420, height: 300 }} />}
            <Table
              rowKey="stage"
              size="small"
              pagination={false}
              loading={funnel.isLoading}
              dataSource={funnel.data?.stages ?? []}
              data-testid="funnel-table"
              footer={() =>
                `${t('funnelTotal', { n: funnel.data?.total ?? 0 })} · ${t('pipelineStage.dropped')} ${funnel.data?.dropped ?? 0}`
              }
              columns={[
                { title: t('pipelineStage'), dataIndex: 'stage', render: (s: PipelineStage) => <StageTag stage={s} /> },
                {
                  title: t('funnelNow'),
                  dataIndex: 'count',
                  align: 'right',
                  render: (n: number, row) => (
                    <Button type="link" size="small" disabled={n === 0} onClick={() => onStage(row.stage)}>
                      {n}
                    </Button>
                  ),
                },
                { title: t('funnelReached'), dataIndex: 'reached', align: 'right' },
                { title: t('funnelRate'), dataIndex: 'rate', align: 'right', render: pct },
              ]}
            />
          </Space>
          {by && (funnel.data?.groups.length ?? 0) > 0 && (
            <Table
              style={{ marginTop: 12 }}
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={funnel.data?.groups ?? []}
              columns={[
                { title: t(`funnelBy.${by}`), dataIndex: 'name' },
                { title: t('funnelTotalShort'), dataIndex: 'total', align: 'right' },
                ...(funnel.data?.stages ?? []).slice(1).map((step, i) => ({
                  title: t(`pipelineStage.${step.stage}`),
                  align: 'right' as const,
                  render: (_: unknown, g: NonNullable<typeof funnel.data>['groups'][number]) =>
                    `${g.stages[i + 1]!.reached} (${pct(g.stages[i + 1]!.rate)})`,
                })),
                { title: t('pipelineStage.dropped'), dataIndex: 'dropped', align: 'right' },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}

/** 增资扩产 watch: the local firms, their last visit, open intentions, those not visited within the ⚙ days. */
export function AftercarePanel({ unit, onOpen }: { unit: string; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [dueOnly, setDueOnly] = useState(true);
  const list = useApi('GET /api/v1/companies/aftercare', { query: { unit } });
  const items = (list.data?.items ?? []).filter((i) => !dueOnly || i.due);
  return (
    <Card size="small" data-testid="aftercare-panel">
      <Space style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 260 }}
          value={dueOnly}
          onChange={setDueOnly}
          options={[
            { value: true, label: t('aftercareDue', { days: list.data?.days ?? 180 }) },
            { value: false, label: t('aftercareAll') },
          ]}
        />
        <Typography.Text type="secondary">{t('total', { n: items.length })}</Typography.Text>
        <ExportButton url={urlOf('GET /api/v1/companies/aftercare.xlsx', { query: { unit } })} />
      </Space>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={items}
          columns={[
            { title: t('companyName'), dataIndex: 'name', render: (name: string, row) => <a onClick={() => onOpen(row.id)}>{name}</a> },
            { title: t('unit'), dataIndex: 'unitName' },
            {
              title: t('lastVisit'),
              dataIndex: 'lastVisitOn',
              render: (d: string | null, row) => (row.due ? <Tag color="red">{d ?? t('neverVisited')}</Tag> : d),
            },
            { title: t('lastContact'), dataIndex: 'lastContactOn' },
            { title: t('openIntention'), render: (_, row) => (row.openIntention ? <StageTag stage={row.pipelineStage} /> : '') },
            {
              title: t('ledgerProject'),
              render: (_, row) => (row.project ? <Link to={`/projects/${row.project.code}`}>{row.project.name}</Link> : ''),
            },
          ]}
        />
      )}
    </Card>
  );
}
