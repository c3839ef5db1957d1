import type { ResponseOf } from '../../shared/api/index.ts';
import { yiLabel } from '../../shared/money.ts';
import { EditOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectAction } from '../../shared/projects/lifecycle.ts';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatWan, type Currency } from '../../shared/projects/amounts.ts';
import {
  industryName,
  type InvestorTag,
  type LeadSource,
  type ProjectLevel,
  type ProjectType,
} from '../../shared/projects/classification.ts';
import {
  CONTRACT_KINDS,
  stageIndex,
  STAGES,
  TERMINATION_REASONS,
  type ContractKind,
  type ProjectStatus,
  type Stage,
  type TerminationReason,
} from '../../shared/projects/stages.ts';
import { fieldValueText } from '../../shared/projects/fields.ts';
import { ApiError, download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { currentLang, useI18n } from '../i18n/index.tsx';
import { STAGE_COLORS, yi, type Project } from '../ledger.ts';
import { useSession } from '../session.tsx';
import { useLedgerOptions } from './ProjectsPage.tsx';
import { ProjectProgressTab } from './ProjectProgress.tsx';
import { ProjectBlockers } from './BlockersPage.tsx';
import { formatDateTime, inZone, todayDay } from '../time.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { whenValid } from '../forms.ts';

type HistoryRow = ResponseOf<'GET /api/v1/projects/:code/history'>['items'][number];

type Dialog = 'advance' | 'correct' | 'status' | 'listing' | 'arrival' | null;

export function ProjectDetailPage() {
  const { code = '' } = useParams();
  const { t, lang, tCode } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const detail = useApi('GET /api/v1/projects/:code', { params: { code } });
  const history = useApi('GET /api/v1/projects/:code/history', { params: { code } });
  const options = useLedgerOptions();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['projects'] });
  };
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Card loading />;
  const { project, events, arrivals, attachments, duplicates, actions, major } = detail.data;
  const may = (action: ProjectAction) => actions.includes(action);
  const stage = project.stage as Stage;
  const writable = can('business:write');
  const tier = project.tierIndex > 0 ? options.data?.ladder[project.tierIndex - 1] : undefined;
  const plannedOf: Partial<Record<Stage, string | null>> = {
    signed: project.planned.signed,
    registered: project.planned.registered,
    started: project.planned.started,
    completed: project.planned.completed,
    producing: project.planned.producing,
    at_capacity: project.planned.atCapacity,
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={
          <Space wrap>
            <span data-testid="project-title">{project.name}</span>
            <Tag color={STAGE_COLORS[stage]} data-testid="project-stage">
              {t(`stage.${stage}`)}
            </Tag>
            {project.status !== 'normal' && (
              <Tag color={project.status === 'terminated' ? 'red' : 'orange'}>{t(`status.${project.status as ProjectStatus}`)}</Tag>
            )}
            {tier && <Tag color="volcano">{t('tierAbove', { amount: yiLabel(tier.yi, lang) })}</Tag>}
            {major && <Tag color="red">{t('majorProject')}</Tag>}
            {project.listedOn && <Tag color="green">{t('listing')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/projects/${code}/print`)} data-testid="project-print-view">
              {t('printView')}
            </Button>
            {actions.length > 0 && (
              <Space wrap>
                {may('advance') && (
                  <Button type="primary" onClick={() => setDialog('advance')}>
                    {t('advance')}
                  </Button>
                )}
                {may('correct') && <Button onClick={() => setDialog('correct')}>{t('correct')}</Button>}
                {may('listing') && <Button onClick={() => setDialog('listing')}>{t('listing')}</Button>}
                {may('arrival') && <Button onClick={() => setDialog('arrival')}>{t('arrival')}</Button>}
                {may('status') && <Button onClick={() => setDialog('status')}>{t('changeStatus')}</Button>}
                {may('edit') && (
                  <Button icon={<EditOutlined />} onClick={() => navigate(`/projects/${code}/edit`)}>
                    {t('edit')}
                  </Button>
                )}
              </Space>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('projectCode')}>{project.code}</Descriptions.Item>
          <Descriptions.Item label={t('unit')}>
            {project.unitName}
            {project.parkName ? ` · ${project.parkName}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('investor')}>{project.investorName}</Descriptions.Item>
          <Descriptions.Item label={t('totalInvestment')}>
            <Typography.Text strong>
              {yi(project.totalInvestmentWan)} {t('moneyUnit.yi')}
            </Typography.Text>
            {project.currency !== 'CNY' && (
              <Typography.Text type="secondary">
                {t('parens', {
                  text: t('wanOfCurrency', {
                    amount: formatWan(project.totalInvestmentOrig),
                    currency: t(`currency.${project.currency as Currency}`),
                  }),
                })}
              </Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        {duplicates.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            message={
              <span>
                {t('duplicateOf')}{' '}
                {duplicates.map((d) => (
                  <Link key={d.id} to={`/projects/${d.otherCode}`} style={{ marginRight: 8 }}>
                    {d.otherName}
                    {t('parens', { text: d.otherCode })}
                  </Link>
                ))}
              </span>
            }
          />
        )}
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'summary',
              label: t('summaryTab'),
              children: (
                <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label={t('content')} span={2}>
                    {project.content ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('creditCode')}>{project.investorCreditCode ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('investor')}>
                    {[project.investorCountry, project.investorProvince, project.investorCity].filter(Boolean).join(' · ') || '—'}{' '}
                    {project.investorTags.map((tag) => (
                      <Tag key={tag}>{t(`investorTag.${tag as InvestorTag}`)}</Tag>
                    ))}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('contacts')} span={2}>
                    {project.contacts.length
                      ? project.contacts.map((c, i) => <div key={i}>{[c.name, c.title, c.phone].filter(Boolean).join(' / ')}</div>)
                      : '—'}
                    {project.contactsMasked && <Typography.Text type="secondary"> {t('contactsMaskedHint')}</Typography.Text>}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('capitalType')}>
                    {t(`capitalType.${project.capitalType}`)} · {t(`currency.${project.currency as Currency}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('rate')}>
                    {project.currency === 'CNY' ? '—' : `${project.exchangeRate}${t('parens', { text: project.rateDate.slice(0, 7) })}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('totalInvestment')}>
                    {formatWan(project.totalInvestmentWan)} {t('moneyUnit.wan')}
                    {project.totalInvestmentUsdWan !== null && project.capitalType !== 'domestic'
                      ? ` / ${formatWan(project.totalInvestmentUsdWan)} ${t('moneyUnit.usdWan')}`
                      : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fixedAssetInvestment')}>
                    {project.fixedAssetInvestmentOrig !== null
                      ? t('wanOfCurrency', {
                          amount: formatWan(project.fixedAssetInvestmentOrig),
                          currency: t(`currency.${project.currency as Currency}`),
                        })
                      : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('contractForeignCapital')}>
                    {project.contractForeignCapitalUsdWan !== null
                      ? `${formatWan(project.contractForeignCapitalUsdWan)} ${t('moneyUnit.usdWan')}`
                      : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('registeredForeignCapital')}>
                    {project.registeredForeignCapitalUsdWan !== null
                      ? `${formatWan(project.registeredForeignCapitalUsdWan)} ${t('moneyUnit.usdWan')}`
                      : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('projectType')}>{t(`projectType.${project.projectType as ProjectType}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('industry')}>
                    {industryName(project.industrySection, project.industryDivision) || '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('chain')}>{project.chain ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('projectLevel')}>
                    {project.levels.map((lv) => (
                      <Tag key={lv}>{t(`projectLevel.${lv as ProjectLevel}`)}</Tag>
                    ))}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('leadSource')}>
                    {project.leadSource ? t(`leadSource.${project.leadSource as LeadSource}`) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('referrer')}>{project.referrer ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('sponsorLeader')}>{project.sponsorLeader ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('responsibleUnit')}>{project.responsibleUnit ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('landMu')}>{project.landMu ?? '—'}</Descriptions.Item>
                  <Descriptions.Item
                    label={t('expectedOutputTax')}
                  >{`${project.expectedOutputWan ?? '—'} / ${project.expectedTaxWan ?? '—'}`}</Descriptions.Item>
                  <Descriptions.Item label={t('expectedJobs')}>{project.expectedJobs ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('remarks')} span={2}>
                    {project.remarks ?? '—'}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'lifecycle',
              label: t('lifecycleTab'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }} size={16}>
                  <Steps
                    size="small"
                    current={stageIndex(stage)}
                    status={project.status === 'terminated' ? 'error' : 'process'}
                    data-testid="lifecycle"
                    items={STAGES.map((s) => ({
                      title: t(`stage.${s}`),
                      description: (
                        <div style={{ fontSize: 12 }}>
                          <div>
                            {t('actual')}
                            {t('colon')}
                            {project.dates[s] ?? '—'}
                          </div>
                          {plannedOf[s] && (
                            <div style={{ color: !project.dates[s] && plannedOf[s]! < todayIso() ? '#cf1322' : '#888' }}>
                              {t('planned')}
                              {t('colon')}
                              {plannedOf[s]}
                            </div>
                          )}
                        </div>
                      ),
                    }))}
                  />
                  <Descriptions size="small" column={3}>
                    <Descriptions.Item label={t('firstReportedOn')}>{project.firstReportedOn ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('listing')}>{project.listedOn ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('contractKind')}>
                      {project.contractKind
                        ? `${t(`contractKind.${project.contractKind as ContractKind}`)} ${project.contractAmountWan ? `${formatWan(project.contractAmountWan)} ${t('moneyUnit.wan')}` : ''}`
                        : '—'}
                    </Descriptions.Item>
                    {project.status === 'terminated' && (
                      <Descriptions.Item label={t('terminatedOn')}>
                        {project.terminatedOn} ·{' '}
                        {project.terminationReason ? t(`terminationReason.${project.terminationReason as TerminationReason}`) : ''}{' '}
                        {project.terminationNote ?? ''}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  <Timeline
                    items={[...events].reverse().map((event) => ({
                      color: event.kind === 'correction' ? 'orange' : event.kind === 'status' ? 'red' : 'blue',
                      children: (
                        <div>
                          <Typography.Text strong>
                            {event.eventDate ?? ''}{' '}
                            {event.kind === 'stage' && event.stage ? t(`stage.${event.stage as Stage}`) : event.kind}
                          </Typography.Text>
                          <Typography.Text type="secondary">
                            {' '}
                            · {event.recordedByName} · {formatDateTime(event.recordedAt)}
                          </Typography.Text>
                          {(event.evidence || event.reason) && <div>{event.evidence ?? event.reason}</div>}
                        </div>
                      ),
                    }))}
                  />
                </Space>
              ),
            },
            {
              key: 'progress',
              label: <span data-testid="progress-tab">{t('monthlyProgress')}</span>,
              children: <ProjectProgressTab project={project} writable={writable} attachments={attachments} />,
            },
            {
              key: 'blockers',
              label: <span data-testid="blockers-tab">{t('blockers')}</span>,
              children: <ProjectBlockers code={project.code} />,
            },
            {
              key: 'money',
              label: `${t('moneyTab')} (${arrivals.length})`,
              children: (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={arrivals}
                  columns={[
                    { title: t('date'), dataIndex: 'arrivedOn', width: 120 },
                    {
                      title: t('amount'),
                      render: (_, a) =>
                        t('wanOfCurrency', { amount: formatWan(a.amountOrig), currency: t(`currency.${a.currency as Currency}`) }),
                    },
                    { title: t('inCny'), dataIndex: 'amountWan', render: (v: number) => formatWan(v) },
                    { title: t('inUsd'), dataIndex: 'amountUsdWan', render: (v: number | null) => formatWan(v) },
                    { title: t('note'), dataIndex: 'note' },
                  ]}
                />
              ),
            },
            {
              key: 'attachments',
              label: `${t('attachmentsTab')} (${attachments.length})`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {writable && (
                    <Upload
                      name="file"
                      action={urlOf('POST /api/v1/projects/:code/attachments', { params: { code } })}
                      headers={{ 'x-lang': currentLang() }}
                      showUploadList={false}
                      onChange={(info) => {
                        if (info.file.status === 'done') void refresh();
                        if (info.file.status === 'error')
                          message.error((info.file.response as { error?: { message?: string } })?.error?.message ?? 'upload failed');
                      }}
                    >
                      <Button icon={<UploadOutlined />}>{t('upload')}</Button>
                    </Upload>
                  )}
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={attachments}
                    columns={[
                      {
                        title: t('name'),
                        dataIndex: 'filename',
                        render: (name: string, a) => (
                          <a
                            onClick={() =>
                              void download(urlOf('GET /api/v1/projects/:code/attachments/:id', { params: { code, id: a.id } }))
                            }
                          >
                            {name}
                          </a>
                        ),
                      },
                      { title: 'KB', dataIndex: 'size', width: 100, render: (v: number) => (v / 1024).toFixed(1) },
                      { title: inZone(t('time')), dataIndex: 'uploadedAt', width: 180, render: (v: string) => formatDateTime(v) },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'history',
              label: t('historyTab'),
              children: (
                <Table<HistoryRow>
                  size="small"
                  rowKey="seq"
                  pagination={{ pageSize: 20 }}
                  dataSource={history.data?.items ?? []}
                  data-testid="history-table"
                  expandable={{
                    defaultExpandAllRows: true,
                    rowExpandable: (row) => Boolean(row.changes && Object.keys(row.changes).length),
                    expandedRowRender: (row) => (
                      <Table
                        size="small"
                        pagination={false}
                        rowKey="field"
                        dataSource={Object.entries(row.changes ?? {}).map(([field, change]) => ({ field, ...change }))}
                        columns={[
                          { title: t('field'), dataIndex: 'field', width: 200, render: (f: string) => tCode('field', f) },
                          {
                            title: t('before'),
                            render: (_, c) => <Typography.Text type="secondary">{fieldValueText(c.field, c.before, lang)}</Typography.Text>,
                          },
                          {
                            title: t('after'),
                            render: (_, c) => <Typography.Text strong>{fieldValueText(c.field, c.after, lang)}</Typography.Text>,
                          },
                        ]}
                      />
                    ),
                  }}
                  columns={[
                    { title: inZone(t('time')), dataIndex: 'occurredAt', width: 180, render: (v: string) => formatDateTime(v) },
                    { title: t('user'), dataIndex: 'username', width: 140 },
                    { title: t('action'), dataIndex: 'action', width: 140, render: (v: string) => tCode('historyAction', v) },
                    { title: t('reason'), dataIndex: 'detail' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      {dialog && (
        <LifecycleDialog
          kind={dialog}
          project={project}
          onClose={() => setDialog(null)}
          onDone={async () => {
            setDialog(null);
            await refresh();
          }}
        />
      )}
    </Space>
  );
}

interface LifecycleForm {
  stage?: Stage | 'listed';
  date?: dayjs.Dayjs;
  evidence?: string;
  contractKind?: ContractKind;
  contractAmount?: string;
  reason?: string;
  status?: ProjectStatus;
  note?: string;
  amount?: string;
}

function LifecycleDialog({
  kind,
  project,
  onClose,
  onDone,
}: {
  kind: Exclude<Dialog, null>;
  project: Project;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<LifecycleForm>();
  const chosenStage = Form.useWatch('stage', form);
  const chosenStatus = Form.useWatch('status', form);
  const current = project.stage as Stage;
  const submit = useMutation({
    mutationFn: async (values: LifecycleForm) => {
      const date = values.date?.format('YYYY-MM-DD');
      const params = { code: project.code };
      if (kind === 'advance')
        return call('POST /api/v1/projects/:code/transitions', {
          params,
          body: {
            version: project.version,
            stage: values.stage,
            date,
            evidence: values.evidence,
            contractKind: values.contractKind,
            contractAmount: values.contractAmount,
          },
        });
      if (kind === 'correct')
        return call('POST /api/v1/projects/:code/corrections', {
          params,
          body: {
            version: project.version,
            stage: values.stage,
            date: date ?? null,
            reason: values.reason ?? '',
          },
        });
      if (kind === 'listing')
        return call('POST /api/v1/projects/:code/listing', { params, body: { version: project.version, date, evidence: values.evidence } });
      if (kind === 'arrival')
        return call('POST /api/v1/projects/:code/arrivals', { params, body: { date, amount: values.amount, note: values.note } });
      return call('POST /api/v1/projects/:code/status', {
        params,
        body: {
          version: project.version,
          status: values.status,
          date,
          reason: values.reason,
          note: values.note,
        },
      });
    },
    onSuccess: async () => {
      message.success(t('saved'));
      await onDone();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        message.warning(t('conflictReload'));
        await client.invalidateQueries({ queryKey: ['projects'] });
        onClose();
      }
    },
  });
  const titles: Record<typeof kind, string> = {
    advance: t('advance'),
    correct: t('correct'),
    listing: t('listing'),
    arrival: t('arrival'),
    status: t('changeStatus'),
  };
  return (
    <Modal
      open
      title={`${titles[kind]} · ${project.name}`}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => submit.mutate(v))}
      confirmLoading={submit.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          kind === 'advance'
            ? { stage: STAGES[stageIndex(current) + 1] }
            : kind === 'status'
              ? { status: project.status === 'normal' ? 'paused' : 'normal' }
              : { stage: current }
        }
      >
        {kind === 'advance' && (
          <Form.Item name="stage" label={t('targetStage')} rules={[{ required: true }]}>
            <Select
              options={STAGES.filter((s) => stageIndex(s) > stageIndex(current)).map((s) => ({ value: s, label: t(`stage.${s}`) }))}
            />
          </Form.Item>
        )}
        {kind === 'correct' && (
          <Form.Item name="stage" label={t('stage')} rules={[{ required: true }]}>
            <Select
              options={[
                ...STAGES.filter((s) => stageIndex(s) <= stageIndex(current)).map((s) => ({
                  value: s,
                  label: `${t(`stage.${s}`)}${t('parens', { text: project.dates[s] ?? '—' })}`,
                })),
                { value: 'listed', label: `${t('listing')}${t('parens', { text: project.listedOn ?? '—' })}` },
              ]}
            />
          </Form.Item>
        )}
        {kind === 'status' && (
          <Form.Item name="status" label={t('status')} rules={[{ required: true }]}>
            <Select
              options={(['normal', 'paused', 'terminated'] as const)
                .filter((s) => s !== project.status)
                .map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Form.Item>
        )}
        {kind !== 'correct' || chosenStage ? (
          <Form.Item
            name="date"
            label={t('date')}
            rules={[
              {
                required:
                  kind !== 'correct' && !(kind === 'advance' && chosenStage && stageIndex(chosenStage as Stage) < stageIndex('signed')),
                message: t('dateRequired', { what: chosenStage ? t(`stage.${chosenStage as Stage}`) : '' }),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(todayDay(), 'day')} />
          </Form.Item>
        ) : null}
        {kind === 'advance' && chosenStage === 'signed' && (
          <>
            <Form.Item name="contractKind" label={t('contractKind')} rules={[{ required: true }]}>
              <Select options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`contractKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="contractAmount" label={t('contractAmount')} extra={t('amountHint')} rules={[{ required: true }]}>
              <Input placeholder={t('amountExampleYi')} />
            </Form.Item>
          </>
        )}
        {kind === 'arrival' && (
          <Form.Item name="amount" label={t('amount')} extra={t('amountHint')} rules={[{ required: true }]}>
            <Input placeholder={t('amountExampleWan')} />
          </Form.Item>
        )}
        {(kind === 'correct' || (kind === 'status' && chosenStatus === 'terminated')) && (
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
            {kind === 'status' ? (
              <Select options={TERMINATION_REASONS.map((r) => ({ value: r, label: t(`terminationReason.${r}`) }))} />
            ) : (
              <Input.TextArea rows={2} maxLength={500} />
            )}
          </Form.Item>
        )}
        {(kind === 'advance' || kind === 'listing') && (
          <Form.Item name="evidence" label={t('evidence')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {(kind === 'status' || kind === 'arrival') && (
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        {submit.error && !(submit.error instanceof ApiError && submit.error.status === 409) && (
          <Alert type="error" showIcon message={errorText(submit.error)} />
        )}
      </Form>
    </Modal>
  );
}
