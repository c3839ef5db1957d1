// 招商顾问: the register (term, organisation, field, what each brought), an advisor's page with the projects
// attributed, and the reward ledger — read only by the appointing unit's reviewers and leaders, approved (审定) and
// paid (兑现) by its reviewers.
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ResponseOf } from '../../shared/api/index.ts';
import { download } from '../api/client.ts';
import { call, urlOf } from '../api/contract.ts';
import { useApi, useInvalidate } from '../api/hooks.ts';
import { FormDrawer, useSave } from '../components/FormDrawer.tsx';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { yi } from '../ledger.ts';
import { useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { thisYear, todayDay } from '../time.ts';
import { whenValid } from '../forms.ts';

type AdvisorSummary = ResponseOf<'GET /api/v1/advisors'>['items'][number];
type Advisor = ResponseOf<'GET /api/v1/advisors/:id'>;
type Ledger = ResponseOf<'GET /api/v1/advisors/rewards'>;
type RewardLine = Ledger['items'][number];

const STATUS_COLORS = { computed: 'default', approved: 'blue', paid: 'green' } as const;
const wan = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });

export function AdvisorsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [params, set] = useQueryParams();
  const tab = params.get('tab') ?? 'register';
  // rewards are the appointing unit's own: its reviewers and leaders
  const readsRewards = Boolean(me?.user.roles.some((r) => r === 'reviewer' || r === 'leader'));
  return (
    <Card title={t('advisors')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key === 'register' ? undefined : key)}
        items={[
          { key: 'register', label: t('advisorRegister'), children: <Register /> },
          ...(readsRewards ? [{ key: 'rewards', label: t('rewardLedger'), children: <UnitRewards /> }] : []),
        ]}
      />
    </Card>
  );
}

function Register() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const q = params.get('q') ?? undefined;
  const active = params.get('active') === 'true' ? ('true' as const) : undefined;
  const [creating, setCreating] = useState(false);
  const query = { unit, q, active };
  const list = useApi('GET /api/v1/advisors', { query });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <UnitSelect value={unit} onChange={(v) => set('unit', v)} placeholder={t('units')} style={{ width: 200 }} />
        <Input.Search
          allowClear
          placeholder={t('advisorSearch')}
          defaultValue={q}
          onSearch={(v) => set('q', v.trim() || undefined)}
          style={{ width: 220 }}
        />
        <Space>
          <Switch checked={active === 'true'} onChange={(on) => set('active', on ? 'true' : undefined)} />
          <span>{t('inTermOnly')}</span>
        </Space>
        {can('business:export') && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(urlOf('GET /api/v1/advisors/export', { query })).catch((e) => message.error(errorText(e)))}
          >
            {t('exportExcel')}
          </Button>
        )}
        {can('business:write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="advisor-new">
            {t('newAdvisor')}
          </Button>
        )}
      </Space>
      <Table<AdvisorSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="advisors-table"
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('serialNo'), width: 60, render: (_, __, i) => i + 1 },
          { title: t('advisorName'), render: (_, a) => <Link to={`/advisors/${a.id}`}>{a.name}</Link> },
          { title: t('advisorOrganisation'), render: (_, a) => [a.organisation, a.title].filter(Boolean).join(' ') || '—' },
          { title: t('advisorField'), dataIndex: 'field', render: (v: string | null) => v ?? '—' },
          { title: t('appointedBy'), dataIndex: 'unitName', width: 130 },
          {
            title: t('advisorTerm'),
            width: 220,
            render: (_, a) => (
              <Space size={4}>
                <span>{`${a.appointedOn} ~ ${a.termEnd ?? t('openEnded')}`}</span>
                {!a.inTerm && <Tag>{t('termEnded')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('advisorProjects'),
            align: 'right',
            width: 100,
            render: (_, a) => (
              <Link to={`/advisors/${a.id}`} data-count={a.projects}>
                {a.projects}
              </Link>
            ),
          },
        ]}
      />
      {creating && <AdvisorForm advisor={null} onClose={() => setCreating(false)} />}
    </>
  );
}

/** The ledger of every advisor the caller's unit appointed, for a year. */
function UnitRewards() {
  const { t } = useI18n();
  const { me } = useSession();
  // the ledger is the caller's own unit's: its reviewers approve and record payment
  const decides = Boolean(me?.user.roles.includes('reviewer'));
  const { message } = App.useApp();
  const [params, set] = useQueryParams();
  const year = Number(params.get('year') ?? thisYear());
  const ledger = useApi('GET /api/v1/advisors/rewards', { query: { year } });
  if (ledger.error) return <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(v) => set('year', v ? String(v.year()) : undefined)}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(urlOf('GET /api/v1/advisors/rewards.xlsx', { query: { year } })).catch((e) => message.error(errorText(e)))
          }
        >
          {t('exportExcel')}
        </Button>
      </Space>
      {ledger.data && <RewardTable ledger={ledger.data} advisorColumn decidable={decides} />}
    </>
  );
}

function RuleNote({ ledger }: { ledger: Ledger }) {
  const { t, tCode } = useI18n();
  const r = ledger.rule;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('rewardRuleNote', {
        basis: tCode('settingOption', `advisors.reward.basis:${r.basis}`),
        perMille: r.perMille,
        cap: r.capWan ? t('rewardCap', { cap: r.capWan }) : t('rewardNoCap'),
      })}
      description={[r.excludeExpansion && t('rewardExclusion.expansion'), r.excludePublicServants && t('rewardExclusion.public_servant')]
        .filter(Boolean)
        .join('；')}
    />
  );
}

/** The ledger's lines with their state; a reviewer of the appointing unit approves or records payment. */
function RewardTable({
  ledger,
  advisorColumn,
  advisorId,
  decidable,
}: {
  ledger: Ledger;
  advisorColumn?: boolean;
  advisorId?: string;
  decidable?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const step = useMutation({
    mutationFn: async ({ action, line, paidOn }: { action: 'approve' | 'pay' | 'revoke'; line: RewardLine; paidOn?: string }) => {
      const body = { projectCode: line.projectCode, year: ledger.year, ...(paidOn ? { paidOn } : {}) };
      const params = { id: advisorId ?? line.advisorId };
      if (action === 'approve') await call('POST /api/v1/advisors/:id/rewards/approve', { params, body });
      else if (action === 'pay') await call('POST /api/v1/advisors/:id/rewards/pay', { params, body });
      else await call('POST /api/v1/advisors/:id/rewards/revoke', { params, body });
    },
    onSuccess: async () => {
      message.success(t('saved'));
      await invalidate('advisors');
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <RuleNote ledger={ledger} />
      <Space size="large" style={{ marginBottom: 12 }}>
        <Statistic title={t('rewardStatus.computed')} value={wan(ledger.totals.computedWan)} suffix={t('wanYuan')} />
        <Statistic title={t('rewardStatus.approved')} value={wan(ledger.totals.approvedWan)} suffix={t('wanYuan')} />
        <Statistic title={t('rewardStatus.paid')} value={wan(ledger.totals.paidWan)} suffix={t('wanYuan')} />
      </Space>
      <Table<RewardLine>
        rowKey={(l) => `${l.projectCode}`}
        size="small"
        pagination={false}
        dataSource={ledger.items}
        data-testid="reward-table"
        columns={[
          ...(advisorColumn
            ? [
                {
                  title: t('advisorName'),
                  render: (_: unknown, l: RewardLine) => <Link to={`/advisors/${l.advisorId}`}>{l.advisorName}</Link>,
                },
              ]
            : []),
          { title: t('projectName'), render: (_, l) => <Link to={`/projects/${encodeURIComponent(l.projectCode)}`}>{l.projectName}</Link> },
          { title: t('rewardBasisWan'), align: 'right', render: (_, l) => wan(l.basisWan) },
          { title: t('rewardEarlierWan'), align: 'right', render: (_, l) => wan(l.earlierWan) },
          {
            title: t('rewardAmountWan'),
            align: 'right',
            render: (_, l) => (
              <Space size={4}>
                <strong data-testid={`reward-${l.projectCode}`}>{wan(l.amountWan)}</strong>
                {l.capped && <Tag color="orange">{t('rewardCapped')}</Tag>}
              </Space>
            ),
          },
          { title: t('rewardNote'), render: (_, l) => (l.exclusion ? t(`rewardExclusion.${l.exclusion}`) : '—') },
          {
            title: t('status'),
            width: 150,
            render: (_, l) => (
              <Space size={4}>
                <Tag color={STATUS_COLORS[l.status]}>{t(`rewardStatus.${l.status}`)}</Tag>
                {l.paidOn && <span>{l.paidOn}</span>}
              </Space>
            ),
          },
          ...(decidable
            ? [
                {
                  title: t('actions'),
                  width: 200,
                  render: (_: unknown, l: RewardLine) => (
                    <Space size={4}>
                      {l.status === 'computed' && !l.exclusion && l.amountWan > 0 && (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => step.mutate({ action: 'approve', line: l })}
                          data-testid={`approve-${l.projectCode}`}
                        >
                          {t('rewardApprove')}
                        </Button>
                      )}
                      {l.status === 'approved' && (
                        <>
                          <Button
                            size="small"
                            onClick={() => step.mutate({ action: 'pay', line: l, paidOn: todayDay().format('YYYY-MM-DD') })}
                            data-testid={`pay-${l.projectCode}`}
                          >
                            {t('rewardPay')}
                          </Button>
                          <Popconfirm title={t('rewardRevokeConfirm')} onConfirm={() => step.mutate({ action: 'revoke', line: l })}>
                            <Button size="small" danger>
                              {t('rewardRevoke')}
                            </Button>
                          </Popconfirm>
                        </>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** One advisor: who, the term, what they brought (each project opening its record) and — for those allowed — the rewards. */
export function AdvisorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState(false);
  const [year, setYear] = useState(thisYear());
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | undefined>();
  const advisor = useApi('GET /api/v1/advisors/:id', { params: { id } });
  const rewards = useApi(
    'GET /api/v1/advisors/:id/rewards',
    { params: { id }, query: { year } },
    { enabled: Boolean(advisor.data?.rewardsVisible) },
  );
  const found = useApi(
    'GET /api/v1/projects',
    { query: { q: search, pageSize: 20, fields: 'name,unitName' } },
    { enabled: search.length >= 2 },
  );
  const attach = useMutation({
    mutationFn: (projectCode: string) => call('POST /api/v1/advisors/:id/projects', { params: { id }, body: { projectCode } }),
    onSuccess: async () => {
      message.success(t('saved'));
      setPicked(undefined);
      await invalidate('advisors');
    },
    onError: (e) => message.error(errorText(e)),
  });
  const detach = useMutation({
    mutationFn: (code: string) => call('DELETE /api/v1/advisors/:id/projects/:code', { params: { id, code } }),
    onSuccess: async () => {
      await invalidate('advisors');
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (advisor.error) return <QueryError error={advisor.error} onRetry={() => void advisor.refetch()} />;
  const a = advisor.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        loading={advisor.isLoading}
        title={a ? `${t('advisors')}：${a.name}` : t('advisors')}
        extra={
          <Space>
            <Button onClick={() => navigate('/advisors')}>{t('backToList')}</Button>
            {a && can('business:write') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('edit')}
              </Button>
            )}
          </Space>
        }
      >
        {a && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('advisorOrganisation')}>
                {[a.organisation, a.title].filter(Boolean).join(' ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('advisorField')}>{a.field ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('phone')}>{a.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('appointedBy')}>{a.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('advisorTerm')}>
                {`${a.appointedOn} ~ ${a.termEnd ?? t('openEnded')}`} {!a.inTerm && <Tag>{t('termEnded')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('publicServant')}>{a.publicServant ? t('yes') : t('no')}</Descriptions.Item>
            </Descriptions>
            <Space size="large" style={{ margin: '12px 0' }}>
              <Statistic title={t('advisorProjects')} value={a.attributed.length} />
              <Statistic title={t('advisorSigned')} value={a.signedCount} />
              <Statistic title={t('signedInvestment')} value={yi(a.signedInvestmentWan)} />
            </Space>
          </>
        )}
      </Card>
      {a && (
        <Card title={t('advisorBrought')} size="small">
          {can('business:write') && (
            <Space style={{ marginBottom: 12 }}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                value={picked}
                onChange={setPicked}
                placeholder={t('typeToSearchProjects')}
                style={{ width: 360 }}
                options={(found.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name ?? p.code}（${p.unitName ?? ''}）` }))}
                data-testid="advisor-project-select"
              />
              <Button
                disabled={!picked}
                loading={attach.isPending}
                onClick={() => picked && attach.mutate(picked)}
                data-testid="advisor-attribute"
              >
                {t('attributeProject')}
              </Button>
            </Space>
          )}
          <Table<Advisor['attributed'][number]>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={a.attributed}
            data-testid="advisor-projects"
            columns={[
              { title: t('projectName'), render: (_, p) => <Link to={`/projects/${encodeURIComponent(p.code)}`}>{p.name}</Link> },
              { title: t('investor'), dataIndex: 'investorName' },
              { title: t('unit'), dataIndex: 'unitName', width: 120 },
              { title: t('stage'), width: 90, render: (_, p) => t(`stage.${p.stage}`) },
              { title: t('eventInvestmentYi'), align: 'right', width: 120, render: (_, p) => yi(p.totalInvestmentWan) },
              { title: t('attributedOn'), dataIndex: 'attributedOn', width: 110 },
              ...(can('business:write')
                ? [
                    {
                      title: t('actions'),
                      width: 90,
                      render: (_: unknown, p: Advisor['attributed'][number]) => (
                        <Popconfirm title={t('detachConfirm')} onConfirm={() => detach.mutate(p.code)}>
                          <Button size="small" type="link" danger>
                            {t('detach')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {a?.rewardsVisible && (
        <Card
          title={t('rewardLedger')}
          size="small"
          extra={<DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(v) => v && setYear(v.year())} />}
        >
          {rewards.data && <RewardTable ledger={rewards.data} advisorId={id} decidable={a.rewardsDecidable} />}
        </Card>
      )}
      {a && !a.rewardsVisible && <Typography.Paragraph type="secondary">{t('rewardsHidden')}</Typography.Paragraph>}
      {editing && a && <AdvisorForm advisor={a} onClose={() => setEditing(false)} />}
    </Space>
  );
}

interface AdvisorValues {
  unit: string;
  name: string;
  organisation?: string;
  title?: string;
  field?: string;
  phone?: string;
  appointedOn: Dayjs;
  termEnd?: Dayjs | null;
  publicServant?: boolean;
  note?: string;
}

function AdvisorForm({ advisor, onClose }: { advisor: Advisor | null; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<AdvisorValues>();
  const save = useSave(
    (v: AdvisorValues) => {
      const body = {
        unit: v.unit,
        name: v.name,
        organisation: v.organisation || null,
        title: v.title || null,
        field: v.field || null,
        phone: v.phone || null, // sent back masked, the server keeps the number it has
        appointedOn: v.appointedOn.format('YYYY-MM-DD'),
        termEnd: v.termEnd ? v.termEnd.format('YYYY-MM-DD') : null,
        publicServant: v.publicServant ?? false,
        note: v.note || null,
      };
      return advisor
        ? call('PUT /api/v1/advisors/:id', { params: { id: advisor.id }, body: { ...body, version: advisor.version } })
        : call('POST /api/v1/advisors', { body });
    },
    ['advisors'],
    (result) => {
      onClose();
      if (!advisor) navigate(`/advisors/${result.id}`);
    },
  );
  return (
    <FormDrawer
      width={560}
      onClose={onClose}
      title={advisor ? t('edit') : t('newAdvisor')}
      testId="advisor-form"
      saving={save.isPending}
      onSave={() => whenValid(form, (v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          advisor
            ? {
                unit: advisor.unitCode,
                name: advisor.name,
                organisation: advisor.organisation ?? undefined,
                title: advisor.title ?? undefined,
                field: advisor.field ?? undefined,
                phone: advisor.phone ?? undefined,
                appointedOn: dayjs(advisor.appointedOn),
                termEnd: advisor.termEnd ? dayjs(advisor.termEnd) : null,
                publicServant: advisor.publicServant,
                note: advisor.note ?? undefined,
              }
            : { unit: me?.unit.code, appointedOn: todayDay(), termEnd: todayDay().add(3, 'year').subtract(1, 'day'), publicServant: false }
        }
      >
        <Form.Item name="unit" label={t('appointedBy')} rules={[{ required: true, message: t('required') }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="name" label={t('advisorName')} rules={[{ required: true, message: t('required') }, { max: 60 }]}>
          <Input data-testid="advisor-name" />
        </Form.Item>
        <Space.Compact block style={{ gap: 8 }}>
          <Form.Item name="organisation" label={t('advisorOrganisation')} rules={[{ max: 200 }]} style={{ flex: 2 }}>
            <Input data-testid="advisor-organisation" />
          </Form.Item>
          <Form.Item name="title" label={t('advisorTitle')} rules={[{ max: 100 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="field" label={t('advisorField')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Space.Compact block style={{ gap: 8 }}>
          <Form.Item name="appointedOn" label={t('appointedOn')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="termEnd" label={t('termEnd')}>
            <DatePicker />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="publicServant" label={t('publicServant')} valuePropName="checked" extra={t('publicServantHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t('remarks')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
