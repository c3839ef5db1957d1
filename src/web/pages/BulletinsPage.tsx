import {
  FileAddOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  PrinterOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { BLOCKER_TYPE_LABELS, type BlockerType } from '../../shared/blockers/rules.ts';
import { lateText } from '../../shared/reporting/periods.ts';
import type { z } from 'zod';
import type { bulletinProjectSchema, bulletinRowSchema, bulletinsByIdResponse } from '../../shared/api/bulletins.ts';

type BulletinRow = z.infer<typeof bulletinRowSchema>;
type ListedProject = z.infer<typeof bulletinProjectSchema>;
type BulletinContent = z.infer<typeof bulletinsByIdResponse>;
import { ApiError, download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { formatDocNumber } from '../../shared/bulletins/docNumber.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { beijingTime, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';

type Status = 'draft' | 'review' | 'issued' | 'void';
interface Listed {
  id: number;
  unitCode: string;
  period: string;
  asOf: string | null;
  status: Status;
  number: number | null;
  docNumber: string | null;
  title: string;
  signedOn: string | null;
  createdBy: string | null;
  issuedBy: string;
  issuedAt: string;
  replacedBy: number | null;
}
const STATUS_COLORS: Record<Status, string> = { draft: 'default', review: 'orange', issued: 'green', void: 'red' };

/** The day a month's bulletin is as of by default: its last day, or today while the month runs. */
const defaultAsOf = (month: Dayjs): Dayjs =>
  month.endOf('month').isBefore(todayDay(), 'day') ? month.endOf('month').startOf('day') : todayDay();

/** 通报: draft the month's bulletin of a unit (figures as of a day), send it for signing, and open the earlier ones. */
export function BulletinsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const [creating, setCreating] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);
  const [form] = Form.useForm<{ period: Dayjs; asOf: Dayjs }>();
  const period = Form.useWatch('period', form);
  const list = useApi('GET /api/v1/bulletins', { query: { unit } });
  const create = useMutation({
    mutationFn: (values: { period: Dayjs; asOf: Dayjs }) =>
      call('POST /api/v1/bulletins', {
        body: {
          unit,
          period: values.period.format('YYYY-MM'),
          asOf: values.asOf.format('YYYY-MM-DD'),
          draft: true,
        },
      }),
    onSuccess: async (result) => {
      message.success(t('draftReadyCheckItThen'));
      setCreating(false);
      await client.invalidateQueries({ queryKey: ['bulletins'] });
      navigate(`/bulletins/${result.id}`);
    },
    onError: (error) => message.error(errorText(error)),
  });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const drafts = can('business:write') || can('business:review');
  return (
    <Card
      title={t('bulletins')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} style={{ width: 220 }} />
          <ExportButton url={urlOf('GET /api/v1/bulletins/export', { query: { unit } })} />
          {can('business:review') && (
            <Button onClick={() => setProfileOpen(true)} data-testid="bulletin-profile">
              {t('numbering')}
            </Button>
          )}
          {drafts && (
            <Button
              type="primary"
              icon={<FileAddOutlined />}
              onClick={() => {
                const month = todayDay()
                  .subtract(todayDay().date() <= 10 ? 1 : 0, 'month')
                  .startOf('month');
                form.setFieldsValue({ period: month, asOf: defaultAsOf(month) });
                setCreating(true);
              }}
              data-testid="new-bulletin"
            >
              {t('draftABulletin')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('everyFigureIsAsOf')}</Typography.Paragraph>
      <Table<Listed>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="bulletins-table"
        columns={[
          {
            title: t('bulletin'),
            render: (_, row) => (
              <Link to={`/bulletins/${row.id}`}>
                {row.number ? t('bulletinTitleNo', { title: row.title, number: row.number }) : row.title}
              </Link>
            ),
          },
          { title: t('period'), dataIndex: 'period', width: 90 },
          { title: t('asOf'), dataIndex: 'asOf', width: 110 },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 90,
            render: (v: Status) => <Tag color={STATUS_COLORS[v]}>{t(`bulletinStatus.${v}`)}</Tag>,
          },
          { title: t('documentNo'), dataIndex: 'docNumber', width: 170, render: (v: string | null) => v ?? '—' },
          { title: t('bulletinsSignedOn'), dataIndex: 'signedOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('signedDraftedBy'),
            width: 150,
            render: (_, row) => (row.status === 'issued' || row.status === 'void' ? row.issuedBy : (row.createdBy ?? '—')),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('draftABulletin')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText={t('createDraft')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
          <Form.Item name="period" label={t('period')} rules={[{ required: true, message: t('chooseTheMonth') }]}>
            <DatePicker
              picker="month"
              allowClear={false}
              disabledDate={(d) => d.isAfter(todayDay(), 'month')}
              onChange={(v) => v && form.setFieldValue('asOf', defaultAsOf(v))}
              data-testid="bulletin-period"
            />
          </Form.Item>
          <Form.Item
            name="asOf"
            label={t('asOf')}
            extra={t('projectsBlockersAndReportingAre')}
            rules={[{ required: true, message: t('chooseTheAsOfDay') }]}
          >
            <DatePicker allowClear={false} disabledDate={(d) => !period || !d.isSame(period, 'month') || d.isAfter(todayDay(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
      {profileOpen && <ProfileDialog unit={unit} onClose={() => setProfileOpen(false)} />}
    </Card>
  );
}

/** ⚙ 文号 pattern and 落款 of the unit's bulletins. */
function ProfileDialog({ unit, onClose }: { unit: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const profile = useApi('GET /api/v1/bulletins/profile/:unit', { params: { unit } });
  const [form] = Form.useForm<{ docNumberPattern: string; issuerName: string }>();
  const save = useMutation({
    mutationFn: (values: { docNumberPattern: string; issuerName: string }) =>
      call('PUT /api/v1/bulletins/profile/:unit', { params: { unit }, body: values }),
    onSuccess: async () => {
      message.success(t('numberingSaved'));
      await client.invalidateQueries({ queryKey: ['bulletins'] });
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal
      open
      title={t('bulletinNumbering')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('save')}
    >
      {profile.data && (
        <Form form={form} layout="vertical" initialValues={profile.data} onFinish={(values) => save.mutate(values)}>
          <Form.Item
            name="docNumberPattern"
            label={t('documentNumberPattern')}
            extra={t('documentNumberPatternHint')}
            rules={[
              { required: true, message: t('enterThePattern') },
              { pattern: /\{n\}/, message: t('itMustContain') },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="issuerName"
            label={t('issuedInTheNameOf')}
            rules={[{ required: true, min: 2, message: t('enterTheIssuingBody') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

const yi = (wan: number) => (wan / 10_000).toFixed(2);
const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const pts = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`);

const chineseDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

const docStyle: React.CSSProperties = {
  fontFamily: '"FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC", serif',
  fontSize: 16,
  lineHeight: 1.9,
  maxWidth: 900,
  margin: '0 auto',
  background: '#fff',
  padding: '40px 56px',
};
const h1: React.CSSProperties = { fontFamily: '"SimHei", "黑体", "Noto Sans CJK SC", sans-serif', fontSize: 16, margin: '18px 0 6px' };

type Detail = BulletinContent & {
  id: number;
  previousId: number | null;
  status: Status;
  version: number;
  replacedBy: number | null;
  reviewComment: string | null;
  createdBy: string | null;
  submittedBy: string | null;
};

/** The bulletin (HTML preview, printable): a draft with its actions (refresh, send for signing, sign, return), or the signed one as frozen. */
export function BulletinPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [signing, setSigning] = useState(false);
  const [returning, setReturning] = useState(false);
  const bulletin = useApi('GET /api/v1/bulletins/:id', { params: { id } });
  const done = async (text: string) => {
    message.success(text);
    await client.invalidateQueries({ queryKey: ['bulletins'] });
  };
  const fail = (e: unknown) => message.error(errorText(e));
  const act = useMutation({
    mutationFn: ({ path, body }: { path: 'refresh' | 'submit' | 'return' | 'issue'; body: Record<string, unknown> }) =>
      call(`POST /api/v1/bulletins/:id/${path}`, { params: { id }, body }),
    onError: fail,
  });
  if (bulletin.error) return <QueryError error={bulletin.error} onRetry={() => void bulletin.refetch()} />;
  const b = bulletin.data;
  if (!b) return <Card loading />;
  const total = b.total;
  const ranked = [...b.rows].sort((x, y) => (x.rank ?? 999) - (y.rank ?? 999));
  const move = (r: BulletinRow) =>
    r.rank === null || r.previousRank === null
      ? ''
      : r.rank < r.previousRank
        ? `↑${r.previousRank - r.rank}`
        : r.rank > r.previousRank
          ? `↓${r.rank - r.previousRank}`
          : '—';
  const projectList = (list: ListedProject[]) =>
    list.length ? (
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={list}
        columns={[
          { title: '项目名称', render: (_: unknown, p: ListedProject) => <Link to={`/projects/${p.code}`}>{p.name}</Link> },
          { title: '所属单位', dataIndex: 'unitName' },
          {
            title: '总投资（万元）',
            dataIndex: 'totalInvestmentWan',
            align: 'right' as const,
            render: (v: number) => Math.round(v).toLocaleString('zh-CN'),
          },
          { title: '日期', dataIndex: 'date' },
        ]}
      />
    ) : (
      <p>无。</p>
    );
  const editable = b.status === 'draft' || b.status === 'review';
  const writer = can('business:write') || can('business:review');
  const refresh = () =>
    act.mutate({ path: 'refresh', body: { version: b.version } }, { onSuccess: () => void done(t('figuresReadAgain')) });
  const submit = () => act.mutate({ path: 'submit', body: { version: b.version } }, { onSuccess: () => void done(t('sentForSigning')) });
  const discard = () =>
    call('DELETE /api/v1/bulletins/:id', { params: { id }, query: { version: b.version } })
      .then(async () => {
        message.success(t('draftDeleted'));
        await client.invalidateQueries({ queryKey: ['bulletins'] });
        navigate('/bulletins');
      })
      .catch(fail);
  const link = (params: Record<string, string>) => `/projects?${new URLSearchParams(params).toString()}`;
  // the month's milestones open the ledger's projects with that date in the period up to the as-of day: the same count
  const milestoneLink = (unitCode: string, dateField: string, value: number) =>
    value > 0 ? (
      <Link to={link({ unit: unitCode, dateField, from: `${b.period}-01`, to: b.asOf })} data-count={value}>
        {value}
      </Link>
    ) : (
      value
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" className="no-print">
        <Space wrap>
          <Tag color={STATUS_COLORS[b.status]} data-testid="bulletin-status">
            {t(`bulletinStatus.${b.status}`)}
          </Tag>
          {editable && writer && (
            <Button icon={<ReloadOutlined />} onClick={refresh} loading={act.isPending} data-testid="bulletin-refresh">
              {t('readFiguresAgain')}
            </Button>
          )}
          {b.status === 'draft' && writer && (
            <Button icon={<SendOutlined />} onClick={submit} loading={act.isPending} data-testid="bulletin-submit">
              {t('sendForSigning')}
            </Button>
          )}
          {editable && can('business:review') && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setSigning(true)} data-testid="bulletin-sign">
              {t('sign')}
            </Button>
          )}
          {b.status === 'review' && can('business:review') && (
            <Button icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="bulletin-return">
              {t('return')}
            </Button>
          )}
          {b.status === 'draft' && writer && (
            <Popconfirm title={t('deleteThisDraft')} onConfirm={() => void discard()} okText={t('delete')} cancelText={t('cancel')}>
              <Button danger>{t('deleteDraft')}</Button>
            </Popconfirm>
          )}
          <Button
            icon={<FileWordOutlined />}
            onClick={() => void download(urlOf('GET /api/v1/bulletins/:id/docx', { params: { id } })).catch(fail)}
            data-testid="bulletin-docx"
          >
            {t('word')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            onClick={() => void download(urlOf('GET /api/v1/bulletins/:id/xlsx', { params: { id } })).catch(fail)}
            data-testid="bulletin-xlsx"
          >
            {t('excel')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('print')}
          </Button>
          {b.previousId && <Link to={`/bulletins/${b.previousId}`}>{t('bulletinsPrevious')}</Link>}
          <Typography.Text type="secondary">
            {b.status === 'issued' || b.status === 'void'
              ? t('signedByFrozen', { value: b.signedOn ?? '', issuedBy: b.issuedBy })
              : t('figuresReadAsOf', { value: beijingTime(b.builtAt ?? b.issuedAt), asOf: b.asOf })}
          </Typography.Text>
        </Space>
      </Card>
      {b.status === 'void' && (
        <Alert
          type="error"
          showIcon
          data-testid="bulletin-void"
          message={t('thisBulletinIsVoid')}
          description={b.replacedBy ? <Link to={`/bulletins/${b.replacedBy}`}>{t('openTheOneThatReplaced')}</Link> : null}
        />
      )}
      {b.status === 'review' && <Alert type="warning" showIcon message={t('sentForSigningBy', { value: b.submittedBy ?? '' })} />}
      {b.status === 'draft' && b.reviewComment && (
        <Alert type="info" showIcon message={t('reviewComment', { reviewComment: b.reviewComment })} />
      )}
      {signing && <SignDialog bulletin={b} onClose={() => setSigning(false)} onDone={() => void done(t('bulletinSigned'))} />}
      {returning && (
        <ReturnDialog
          onClose={() => setReturning(false)}
          onSubmit={(comment) =>
            act.mutate(
              { path: 'return', body: { version: b.version, comment } },
              {
                onSuccess: () => {
                  setReturning(false);
                  void done(t('returnedToTheDrafter'));
                },
              },
            )
          }
        />
      )}
      <div style={docStyle} data-testid="bulletin-preview" lang="zh-CN">
        {editable && <p style={{ textAlign: 'center', color: '#c00000', fontFamily: h1.fontFamily }}>（草稿，未签发）</p>}
        {b.status === 'void' && <p style={{ textAlign: 'center', color: '#c00000', fontFamily: h1.fontFamily }}>（已作废）</p>}
        <p style={{ textAlign: 'center' }}>（第{b.number}期）</p>
        {b.docNumber && (
          <p style={{ textAlign: 'center' }} data-testid="bulletin-doc-number">
            {b.docNumber}
          </p>
        )}
        <h2
          style={{
            textAlign: 'center',
            fontFamily: '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", serif',
            fontSize: 26,
            fontWeight: 'normal',
          }}
        >
          {b.title}
        </h2>
        <div style={h1}>一、总体情况</div>
        <p style={{ textIndent: '2em' }}>
          截至{chineseDate(b.asOf)}，{b.unit.name}纳入调度的项目{total.projects}个，总投资{yi(total.totalInvestmentWan)}亿元，年度计划投资
          {yi(total.annualPlanWan)}亿元；本月完成投资{yi(total.monthWan)}亿元，年初至今累计完成{yi(total.ytdWan)}亿元，完成年度计划的
          {pct(total.completion)}
          ，较序时进度（{pct(b.schedule)}）{pts(total.points)}个百分点。本月新签约{total.newSigned}个、新注册{total.newRegistered}个、新开工
          {total.newStarted}个、新投产{total.newProducing}个。
        </p>
        <div style={h1}>二、各板块推进情况</div>
        <p style={{ textAlign: 'right', fontSize: 12 }}>单位：个、万元</p>
        <Table<BulletinRow>
          size="small"
          pagination={false}
          rowKey="unitCode"
          dataSource={ranked}
          data-testid="bulletin-rows"
          columns={[
            { title: '排名', dataIndex: 'rank', width: 50, render: (v: number | null) => v ?? '—' },
            { title: '升降', width: 50, render: (_, r) => move(r) },
            { title: '板块', dataIndex: 'unitName' },
            {
              title: '项目个数',
              dataIndex: 'projects',
              align: 'right',
              render: (v: number, r) =>
                v > 0 ? (
                  <Link to={link({ unit: r.unitCode, investmentMonth: b.period, asOf: b.asOf })} data-count={v}>
                    {v}
                  </Link>
                ) : (
                  v
                ),
            },
            {
              title: '总投资',
              dataIndex: 'totalInvestmentWan',
              align: 'right',
              render: (v: number) => Math.round(v).toLocaleString('zh-CN'),
            },
            { title: '年度计划', dataIndex: 'annualPlanWan', align: 'right', render: (v: number) => Math.round(v).toLocaleString('zh-CN') },
            { title: '累计完成', dataIndex: 'ytdWan', align: 'right', render: (v: number) => Math.round(v).toLocaleString('zh-CN') },
            { title: '完成年度%', dataIndex: 'completion', align: 'right', render: pct },
            { title: '较序时', dataIndex: 'points', align: 'right', render: pts },
            {
              title: '本期新增',
              dataIndex: 'newProjects',
              align: 'right',
              render: (v: number, r) => milestoneLink(r.unitCode, 'entered', v),
            },
            { title: '新签约', dataIndex: 'newSigned', align: 'right', render: (v: number, r) => milestoneLink(r.unitCode, 'signed', v) },
            { title: '新开工', dataIndex: 'newStarted', align: 'right', render: (v: number, r) => milestoneLink(r.unitCode, 'started', v) },
            {
              title: '新投产',
              dataIndex: 'newProducing',
              align: 'right',
              render: (v: number, r) => milestoneLink(r.unitCode, 'producing', v),
            },
          ]}
          summary={() => (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0} colSpan={3}>
                合计
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {total.projects > 0 ? (
                  <Link to={link({ unit: b.unit.code, investmentMonth: b.period, asOf: b.asOf })} data-count={total.projects}>
                    {total.projects}
                  </Link>
                ) : (
                  0
                )}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {Math.round(total.totalInvestmentWan).toLocaleString('zh-CN')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {Math.round(total.annualPlanWan).toLocaleString('zh-CN')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {Math.round(total.ytdWan).toLocaleString('zh-CN')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {pct(total.completion)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {pts(total.points)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">
                {milestoneLink(b.unit.code, 'entered', total.newProjects)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={10} align="right">
                {milestoneLink(b.unit.code, 'signed', total.newSigned)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={11} align="right">
                {milestoneLink(b.unit.code, 'started', total.newStarted)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={12} align="right">
                {milestoneLink(b.unit.code, 'producing', total.newProducing)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <div style={h1}>三、新签约、新开工、新投产项目</div>
        <p>（一）新签约项目{b.signed.length}个</p>
        {projectList(b.signed)}
        <p>（二）新开工项目{b.started.length}个</p>
        {projectList(b.started)}
        <p>（三）新投产项目{b.producing.length}个</p>
        {projectList(b.producing)}
        <div style={h1}>四、停滞和节点逾期项目</div>
        <p style={{ textIndent: '2em' }}>
          停滞（只开工不施工）项目{b.stalledCount}个，节点逾期项目{b.overdueCount}个
          {b.stalledCount + b.overdueCount > b.stalled.length + b.overdue.length ? '，以下列出总投资最大的各20个' : ''}。
        </p>
        {[...b.stalled, ...b.overdue].length ? (
          <ul>
            {[...b.stalled, ...b.overdue].map((p) => (
              <li key={`${p.code}-${p.note}`}>
                <Link to={`/projects/${p.code}`}>{p.name}</Link>（{p.unitName}）：{p.note}
              </li>
            ))}
          </ul>
        ) : (
          <p>无。</p>
        )}
        <div style={h1}>五、问题清单办理情况</div>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={b.blockers}
          data-testid="bulletin-blockers"
          columns={[
            { title: '项目', dataIndex: 'projectName' },
            {
              title: '问题',
              render: (_: unknown, x: BulletinContent['blockers'][number]) =>
                `【${BLOCKER_TYPE_LABELS[x.type as BlockerType]?.zh ?? x.type}】${x.description}`,
            },
            { title: '责任部门', render: (_: unknown, x: BulletinContent['blockers'][number]) => x.departments.join('、') },
            { title: '办结时限', dataIndex: 'deadline' },
            {
              title: '状态',
              render: (_: unknown, x: BulletinContent['blockers'][number]) => (
                <Tag color={x.status === 'closed' ? 'green' : x.overdueDays ? 'red' : 'orange'}>
                  {x.statusLabel}
                  {x.overdueDays ? `（逾期${x.overdueDays}天）` : ''}
                </Tag>
              ),
            },
          ]}
        />
        <div style={h1}>六、填报报送情况</div>
        {b.compliance.length ? (
          <Table
            size="small"
            pagination={false}
            rowKey="unitName"
            dataSource={b.compliance}
            columns={[
              { title: '单位', dataIndex: 'unitName' },
              { title: '应报', dataIndex: 'due' },
              { title: '按时', dataIndex: 'onTime' },
              { title: '逾期', dataIndex: 'late' },
              { title: '未报', dataIndex: 'missing' },
              { title: '逾期时长', dataIndex: 'lateHours', render: (v: number) => (v ? lateText(v, lang) : '—') },
            ]}
          />
        ) : (
          <p>本月无到期填报任务。</p>
        )}
        <div style={h1}>七、与上期相比</div>
        <p style={{ textIndent: '2em' }} data-testid="bulletin-changes">
          {b.changes.previousPeriod
            ? `与${b.changes.previousPeriod}通报相比：${b.changes.movedUp.length ? `排名上升的有${b.changes.movedUp.join('、')}；` : ''}${b.changes.movedDown.length ? `排名下降的有${b.changes.movedDown.join('、')}；` : ''}新销号问题${b.changes.blockersClosed.length}个，新增问题${b.changes.blockersNew.length}个。`
            : '本期为首期通报。'}
        </p>
        {b.changes.blockersClosed.map((text) => (
          <p key={text} style={{ textIndent: '2em' }}>
            已销号：{text}
          </p>
        ))}
        <p style={{ textAlign: 'right', marginTop: 40 }}>{b.issuer ?? b.unit.name}</p>
        <p style={{ textAlign: 'right' }} data-testid="bulletin-signed-on">
          {b.signedOn ? chineseDate(b.signedOn) : '（签发日期）'}
        </p>
      </div>
    </Space>
  );
}

/** 签发: the signing day (between the as-of day and today), the 文号 it will get, and the confirmation; asks replace-or-add when the month already has a signed bulletin. */
function SignDialog({ bulletin, onClose, onDone }: { bulletin: Detail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const profile = useApi('GET /api/v1/bulletins/profile/:unit', { params: { unit: bulletin.unit.code } });
  const [signedOn, setSignedOn] = useState<Dayjs>(todayDay());
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const docNumber = profile.data ? formatDocNumber(profile.data.docNumberPattern, { year: signedOn.year(), n: bulletin.number }) : '';
  const sign = async (onExisting?: 'replace' | 'add') => {
    setBusy(true);
    try {
      await call('POST /api/v1/bulletins/:id/issue', {
        params: { id: bulletin.id },
        body: {
          version: bulletin.version,
          signedOn: signedOn.format('YYYY-MM-DD'),
          ...(onExisting ? { onExisting } : {}),
        },
      });
      onClose();
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BULLETIN_EXISTS') {
        const choice = await new Promise<'replace' | 'add' | null>((resolve) => {
          const dialog = modal.confirm({
            title: t('alreadyHasASignedBulletin', { period: bulletin.period }),
            content: (
              <div data-testid="bulletin-exists">
                <p>{error.message}</p>
                <Space>
                  <Button
                    danger
                    onClick={() => {
                      dialog.destroy();
                      resolve('replace');
                    }}
                    data-testid="bulletin-replace"
                  >
                    {t('replaceItVoidTheOld')}
                  </Button>
                  <Button
                    onClick={() => {
                      dialog.destroy();
                      resolve('add');
                    }}
                    data-testid="bulletin-add"
                  >
                    {t('addAnother')}
                  </Button>
                </Space>
              </div>
            ),
            footer: null,
            closable: true,
            onCancel: () => resolve(null),
          });
        });
        if (choice) await sign(choice);
      } else message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('signTheBulletin')}
      onCancel={onClose}
      onOk={() => void sign()}
      okText={t('bulletinsSign')}
      okButtonProps={{ disabled: !checked, loading: busy, ...({ 'data-testid': 'bulletin-sign-ok' } as object) }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{bulletin.title}</Typography.Text>
        <Typography.Text type="secondary">{t('asOfSignedAsNo', { asOf: bulletin.asOf, number: bulletin.number })}</Typography.Text>
        <Space>
          <span>{t('bulletinsSignedOn')}</span>
          <DatePicker
            value={signedOn}
            allowClear={false}
            disabledDate={(d) => d.isAfter(todayDay(), 'day') || d.isBefore(bulletin.asOf, 'day')}
            onChange={(v) => v && setSignedOn(v)}
          />
        </Space>
        <Typography.Text>
          {t('bulletinsDocumentNo')}
          <Typography.Text strong data-testid="bulletin-sign-number">
            {docNumber}
          </Typography.Text>
        </Typography.Text>
        <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)} data-testid="bulletin-sign-check">
          {t('iHaveCheckedTheContent')}
        </Checkbox>
      </Space>
    </Modal>
  );
}

function ReturnDialog({ onClose, onSubmit }: { onClose: () => void; onSubmit: (comment: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal open title={t('returnForChanges')} onCancel={onClose} onOk={() => form.submit()} okText={t('returnRows')}>
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.comment)}>
        <Form.Item name="comment" label={t('comment')} rules={[{ required: true, whitespace: true, message: t('sayWhatToChange') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
