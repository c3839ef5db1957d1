import {
  DeleteOutlined,
  DownloadOutlined,
  HistoryOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { checkRow, type FieldDefinition, type RowProblem } from '../../shared/reporting/forms.ts';
import { lateText } from '../../shared/reporting/periods.ts';
import { ApiError, download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { currentLang, useI18n } from '../i18n/index.tsx';
import { beijingTime, COMPLIANCE_COLORS, pct, SUBMISSION_STATUS_COLORS, wan, type SubmissionRowView } from '../reporting.ts';
import { todayIso } from '../../shared/projects/dates.ts';

interface SheetProblem {
  row: number;
  column: string;
  message: string;
}
interface Diff {
  key: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  fields: { field: string; before: unknown; after: unknown }[];
}

/** A row as shown: the server's row with the user's unsaved edits laid over it. */
interface GridRow extends SubmissionRowView {
  local: boolean;
  index: number;
}

let newRowSeq = 0;

/**
 * One unit's report for one period: a grid editing every row at once, checked as it is typed by the same rules as the
 * server; drafts saved row by row with versions (a colleague's later edit is never overwritten), Excel out and in,
 * submission, and — for the reviewer — return with a comment per row, approval (locks the period) and unlocking.
 */
export function SubmissionPage() {
  const { id } = useParams();
  const { t, l, lang } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const detail = useApi('GET /api/v1/reporting/submissions/:id', { params: { id } });
  const [edits, setEdits] = useState<Record<string, Record<string, unknown>>>({});
  const [added, setAdded] = useState<{ key: string; values: Record<string, unknown> }[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [returning, setReturning] = useState<Record<string, string>>({});
  const [overall, setOverall] = useState('');
  const [uploadErrors, setUploadErrors] = useState<SheetProblem[] | null>(null);
  const [submitProblems, setSubmitProblems] = useState<{ row: number; label: string; message: string }[] | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const data = detail.data;
  const dirty = Object.keys(edits).length + added.length + removed.length;

  const refresh = () => client.invalidateQueries({ queryKey: ['reporting'] });

  const save = async (): Promise<boolean> => {
    if (!data || !dirty) return true;
    const rows = [
      ...Object.entries(edits).map(([rowKey, values]) => {
        const row = data.rows.find((r) => r.key === rowKey)!;
        // an emptied cell is sent as null (cleared); the server keeps a field left out
        return {
          key: rowKey,
          version: row.version,
          values: Object.fromEntries(Object.entries({ ...row.values, ...values }).map(([k, v]) => [k, v === undefined ? null : v])),
        };
      }),
      ...added.map((row) => ({ values: row.values })),
      ...removed.map((rowKey) => ({ key: rowKey, version: data.rows.find((r) => r.key === rowKey)!.version, remove: true })),
    ];
    try {
      await call('PUT /api/v1/reporting/submissions/:id/rows', { params: { id }, body: { rows } });
      setEdits({});
      setAdded([]);
      setRemoved([]);
      await refresh();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const conflicts = ((error.details as { conflicts?: { key: string }[] } | undefined)?.conflicts ?? []).map((c) => c.key);
        const names = conflicts.map((k) => data.rows.find((r) => r.key === k)?.context.name ?? k);
        setEdits((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !conflicts.includes(k))));
        await refresh();
        modal.warning({ title: t('conflictRows', { rows: names.join(t('listSeparator')) }) });
      } else message.error(errorText(error));
      return false;
    }
  };

  const saveMutation = useMutation({ mutationFn: save, onSuccess: (ok) => ok && message.success(t('savedDraft')) });
  const submitMutation = useMutation({
    mutationFn: async () => {
      if (!(await save())) return null;
      const fresh = await call('GET /api/v1/reporting/submissions/:id', { params: { id } });
      return call('POST /api/v1/reporting/submissions/:id/submit', { params: { id }, body: { version: fresh.version } });
    },
    onSuccess: async (result) => {
      if (!result) return;
      setSubmitProblems(null);
      message.success(t('submitted'));
      await refresh();
    },
    onError: (error) => {
      const problems =
        error instanceof ApiError
          ? (error.details as { problems?: { row: number; label: string; message: string }[] } | undefined)?.problems
          : undefined;
      if (problems?.length) setSubmitProblems(problems);
      else message.error(errorText(error));
    },
  });
  const reviewMutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      call('POST /api/v1/reporting/submissions/:id/review', { params: { id }, body: { ...body, version: data?.version } }),
    onSuccess: async (_, body) => {
      setReturning({});
      setOverall('');
      // say what happened, not just "saved"
      message.success(body['action'] === 'approve' ? t('reportApproved') : t('reportReturned'));
      await refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });

  const rows: GridRow[] = useMemo(() => {
    if (!data) return [];
    const server = data.rows
      .filter((r) => !removed.includes(r.key))
      .map((r, index) => ({ ...r, values: { ...r.values, ...(edits[r.key] ?? {}) }, local: false, index }));
    const local = added.map((r, i) => ({
      key: r.key,
      projectId: null,
      context: emptyContext,
      values: r.values,
      returnComment: null,
      version: 0,
      problems: [],
      local: true,
      index: server.length + i,
    }));
    return [...server, ...local];
  }, [data, edits, added, removed]);

  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!data) return <Card loading />;

  const problemsOf = (row: GridRow): RowProblem[] =>
    checkRow(data.task.kind, data.form, data.fields, row.values, row.context, true).problems;
  const setValue = (row: GridRow, field: string, value: unknown) => {
    if (row.local) setAdded((list) => list.map((r) => (r.key === row.key ? { ...r, values: { ...r.values, [field]: value } } : r)));
    else setEdits((current) => ({ ...current, [row.key]: { ...(current[row.key] ?? {}), [field]: value } }));
  };
  const editable = data.editable;
  const monthly = data.task.kind === 'monthly_progress';

  const fieldColumn = (field: FieldDefinition): ColumnsType<GridRow>[number] => ({
    title: (
      <span>
        {l(field.label)}
        {field.unit ? <Typography.Text type="secondary">{t('parens', { text: l(field.unit) })}</Typography.Text> : null}
        {field.required ? <Typography.Text type="danger"> *</Typography.Text> : null}
      </span>
    ),
    dataIndex: field.key,
    width: field.type === 'text' ? 200 : 130,
    render: (_: unknown, row: GridRow) => {
      const value = row.values[field.key];
      const problem = problemsOf(row).find((p) => p.field === field.key);
      const status = problem ? 'error' : undefined;
      const cell = !editable ? (
        <span>
          {field.type === 'number' && typeof value === 'number' ? wan(value) : value === null || value === undefined ? '' : String(value)}
        </span>
      ) : field.type === 'number' ? (
        <InputNumber
          size="small"
          status={status}
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : null}
          onChange={(v) => setValue(row, field.key, v)}
          data-testid={`cell-${row.context.code ?? row.key}-${field.key}`}
        />
      ) : field.type === 'date' ? (
        <Input
          size="small"
          status={status}
          placeholder="YYYY-MM-DD"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => setValue(row, field.key, e.target.value)}
        />
      ) : (
        <Input.TextArea
          size="small"
          autoSize={{ minRows: 1, maxRows: 4 }}
          status={status}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => setValue(row, field.key, e.target.value)}
          data-testid={`cell-${row.context.code ?? row.key}-${field.key}`}
        />
      );
      return problem ? (
        <Tooltip title={l(problem.message)} open={undefined}>
          <div>
            {cell}
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="cell-problem">
              {l(problem.message)}
            </Typography.Text>
          </div>
        </Tooltip>
      ) : (
        cell
      );
    },
  });

  const columns: ColumnsType<GridRow> = [
    { title: '#', width: 48, render: (_, row) => row.index + 1, fixed: 'left' },
    ...(data.rowsAreProjects
      ? [
          {
            title: t('projects'),
            width: 220,
            fixed: 'left' as const,
            render: (_: unknown, row: GridRow) => (
              <Space direction="vertical" size={0}>
                <Link to={`/projects/${row.context.code}`}>{row.context.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.context.code}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('totalInvestmentWan'),
            width: 110,
            align: 'right' as const,
            render: (_: unknown, row: GridRow) => wan(row.context.totalInvestmentWan),
          },
          ...(data.task.kind === 'monthly_progress'
            ? [
                {
                  title: t('startPlannedActual'),
                  width: 120,
                  render: (_: unknown, row: GridRow) => <DatePair planned={row.context.plannedStartedOn} actual={row.context.startedOn} />,
                },
                {
                  title: t('completionPlannedActual'),
                  width: 120,
                  render: (_: unknown, row: GridRow) => (
                    <DatePair planned={row.context.plannedCompletedOn} actual={row.context.completedOn} />
                  ),
                },
              ]
            : []),
        ]
      : []),
    ...data.fields.map(fieldColumn),
    ...(monthly
      ? [
          {
            title: t('ytdWan'),
            width: 110,
            align: 'right' as const,
            render: (_: unknown, row: GridRow) => {
              const invested = typeof row.values.investedWan === 'number' ? row.values.investedWan : 0;
              return <span data-testid={`ytd-${row.context.code}`}>{wan(row.context.ytdBeforeWan + invested)}</span>;
            },
          },
          {
            title: t('ofPlan'),
            width: 80,
            align: 'right' as const,
            render: (_: unknown, row: GridRow) => {
              const plan = typeof row.values.annualPlanWan === 'number' ? row.values.annualPlanWan : null;
              const invested = typeof row.values.investedWan === 'number' ? row.values.investedWan : 0;
              return plan ? pct((row.context.ytdBeforeWan + invested) / plan) : '—';
            },
          },
          {
            title: t('sinceStartWan'),
            width: 110,
            align: 'right' as const,
            render: (_: unknown, row: GridRow) =>
              wan(row.context.sinceStartBeforeWan + (typeof row.values.investedWan === 'number' ? row.values.investedWan : 0)),
          },
          {
            title: t('ofTotal'),
            width: 80,
            align: 'right' as const,
            render: (_: unknown, row: GridRow) =>
              row.context.totalInvestmentWan
                ? pct(
                    (row.context.sinceStartBeforeWan + (typeof row.values.investedWan === 'number' ? row.values.investedWan : 0)) /
                      row.context.totalInvestmentWan,
                  )
                : '—',
          },
        ]
      : []),
    {
      title: data.reviewable ? t('markForReturn') : t('reviewerComment'),
      width: 240,
      render: (_: unknown, row: GridRow) =>
        data.reviewable ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Checkbox
              checked={row.key in returning}
              onChange={(e) =>
                setReturning((current) =>
                  e.target.checked
                    ? { ...current, [row.key]: '' }
                    : Object.fromEntries(Object.entries(current).filter(([k]) => k !== row.key)),
                )
              }
              data-testid={`return-${row.context.code ?? row.key}`}
            >
              {t('markForReturn')}
            </Checkbox>
            {row.key in returning && (
              <Input
                size="small"
                placeholder={t('returnComment')}
                value={returning[row.key]}
                onChange={(e) => setReturning((current) => ({ ...current, [row.key]: e.target.value }))}
                data-testid={`return-comment-${row.context.code ?? row.key}`}
              />
            )}
          </Space>
        ) : row.returnComment ? (
          <Typography.Text type="danger" data-testid="row-return-comment">
            {row.returnComment}
          </Typography.Text>
        ) : editable && !data.rowsAreProjects ? (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() =>
              row.local ? setAdded((list) => list.filter((r) => r.key !== row.key)) : setRemoved((list) => [...list, row.key])
            }
          >
            {t('removeRow')}
          </Button>
        ) : null,
    },
  ];

  const uploadSheet = async (file: File) => {
    if (dirty && !(await save())) return;
    const body = new FormData();
    body.append('file', file);
    const response = await fetch(urlOf('POST /api/v1/reporting/submissions/:id/xlsx', { params: { id } }), {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'x-lang': currentLang() },
    });
    if (response.status === 422) {
      setUploadErrors(((await response.json()) as { errors: SheetProblem[] }).errors);
      return;
    }
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      message.error(error?.error?.message ?? `HTTP ${response.status}`);
      await refresh();
      return;
    }
    setUploadErrors(null);
    message.success(t('savedDraft'));
    await refresh();
  };

  const problemCount = rows.reduce((n, row) => n + problemsOf(row).length, 0);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="submission-title">{data.task.name}</span>
            <Tag>{t(`taskKind.${data.task.kind}`)}</Tag>
            <Tag color={SUBMISSION_STATUS_COLORS[data.status]} data-testid="submission-status">
              {t(`submissionStatus.${data.status}`)}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)} disabled={!data.revision}>
              {t('versions')}
              {t('parens', { text: data.revision })}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void download(urlOf('GET /api/v1/reporting/submissions/:id/xlsx', { params: { id } })).catch((e: unknown) =>
                  message.error(errorText(e)),
                )
              }
              data-testid="download-sheet"
            >
              {t('downloadSheet')}
            </Button>
            {editable && (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (void uploadSheet(file), false)}>
                <Button icon={<UploadOutlined />} data-testid="upload-sheet">
                  {t('uploadSheet')}
                </Button>
              </Upload>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('units')}>{data.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('period')}>{l(data.periodLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('deadline')}>
            <Space>
              {beijingTime(data.dueAt)}
              <Tag color={COMPLIANCE_COLORS[data.compliance.status]} data-testid="submission-compliance">
                {t(`compliance.${data.compliance.status}`)}
                {data.compliance.lateHours ? ` ${lateText(data.compliance.lateHours, lang)}` : ''}
              </Tag>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('issuedBy')}>{data.task.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('submitted')}>
            {data.submittedAt ? `${beijingTime(data.submittedAt)} ${data.submittedBy ?? ''}` : '—'}
          </Descriptions.Item>
          {data.progressMonth && <Descriptions.Item label={t('month')}>{data.progressMonth}</Descriptions.Item>}
        </Descriptions>
        {data.reviewComment && (
          <Alert
            type={data.status === 'approved' ? 'success' : 'warning'}
            showIcon
            message={`${t('reviewerComment')}${t('colon')}${data.reviewComment}`}
            style={{ marginTop: 8 }}
            data-testid="review-comment"
          />
        )}
        {data.status === 'returned' && data.rows.some((r) => r.returnComment) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            message={t('rowsWereReturnedCorrectThem', { length: data.rows.filter((r) => r.returnComment).length })}
          />
        )}
      </Card>
      {uploadErrors && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setUploadErrors(null)}
          message={t('uploadErrors')}
          data-testid="upload-errors"
          description={
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              dataSource={uploadErrors}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 60 },
                { title: t('column'), dataIndex: 'column', width: 160 },
                { title: t('problem'), dataIndex: 'message' },
              ]}
            />
          }
        />
      )}
      {submitProblems && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setSubmitProblems(null)}
          data-testid="submit-problems"
          message={t('problemsToFixBeforeSubmitting', { length: submitProblems.length })}
          description={
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.row}-${r.message}`}
              dataSource={submitProblems}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 60 },
                { title: t('projects'), dataIndex: 'label', width: 200 },
                { title: t('problem'), dataIndex: 'message' },
              ]}
            />
          }
        />
      )}
      <Card
        size="small"
        title={
          <Space>
            {editable && dirty ? <Tag color="orange">{t('rowsChanged', { count: dirty })}</Tag> : null}
            {problemCount ? <Tag color="red">{t('submissionProblems', { problemCount })}</Tag> : null}
          </Space>
        }
        extra={
          <Space wrap>
            {editable && !data.rowsAreProjects && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => setAdded((list) => [...list, { key: `local-${++newRowSeq}`, values: {} }])}
                data-testid="add-row"
              >
                {t('addRow')}
              </Button>
            )}
            {editable && (
              <Button
                icon={<SaveOutlined />}
                disabled={!dirty}
                loading={saveMutation.isPending}
                onClick={() => saveMutation.mutate()}
                data-testid="save-draft"
              >
                {t('saveDraft')}
              </Button>
            )}
            {editable && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={submitMutation.isPending}
                onClick={() => submitMutation.mutate()}
                data-testid="submit-report"
              >
                {t('submitReport')}
              </Button>
            )}
            {data.reviewable && (
              <>
                <Input
                  style={{ width: 220 }}
                  placeholder={t('overallComment')}
                  value={overall}
                  onChange={(e) => setOverall(e.target.value)}
                  data-testid="overall-comment"
                />
                <Button
                  danger
                  disabled={!Object.keys(returning).length && !overall.trim()}
                  onClick={() => {
                    const rowsToReturn = Object.entries(returning).map(([rowKey, comment]) => ({ key: rowKey, comment: comment.trim() }));
                    if (rowsToReturn.some((r) => !r.comment)) return void message.warning(t('writeACommentOnEach'));
                    reviewMutation.mutate({ action: 'return', rows: rowsToReturn, ...(overall.trim() ? { comment: overall.trim() } : {}) });
                  }}
                  data-testid="return-report"
                >
                  {t('returnRows')}
                </Button>
                <Popconfirm
                  title={t('approveConfirm')}
                  description={t('approveConfirmDetail')}
                  onConfirm={() => reviewMutation.mutate({ action: 'approve', ...(overall.trim() ? { comment: overall.trim() } : {}) })}
                  okButtonProps={{ 'data-testid': 'approve-confirm' } as never}
                >
                  <Button type="primary" data-testid="approve-report">
                    {t('approve')}
                  </Button>
                </Popconfirm>
              </>
            )}
            {data.unlockable && (
              <Button
                onClick={() => {
                  let reason = '';
                  modal.confirm({
                    title: t('unlock'),
                    content: (
                      <Input.TextArea
                        placeholder={t('unlockReason')}
                        onChange={(e) => (reason = e.target.value)}
                        data-testid="unlock-reason"
                      />
                    ),
                    onOk: () =>
                      reason.trim()
                        ? reviewMutation.mutateAsync({ action: 'unlock', reason })
                        : Promise.reject(new Error(t('unlockReason'))),
                  });
                }}
                data-testid="unlock-report"
              >
                {t('unlock')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<GridRow>
          size="small"
          rowKey="key"
          dataSource={rows}
          columns={columns}
          pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => (row.returnComment ? 'row-returned' : '')}
          data-testid="report-grid"
        />
      </Card>
      <VersionsDrawer
        id={Number(id)}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        fields={data.fields}
        revision={data.revision}
      />
    </Space>
  );
}

const emptyContext = {
  code: null,
  name: '',
  stage: null,
  totalInvestmentWan: null,
  startedOn: null,
  plannedStartedOn: null,
  completedOn: null,
  plannedCompletedOn: null,
  sponsorLeader: null,
  responsibleUnit: null,
  ytdBeforeWan: 0,
  sinceStartBeforeWan: 0,
};

function VersionsDrawer({
  id,
  open,
  onClose,
  fields,
  revision,
}: {
  id: number;
  open: boolean;
  onClose: () => void;
  fields: FieldDefinition[];
  revision: number;
}) {
  const { t, l } = useI18n();
  const versions = useApi('GET /api/v1/reporting/submissions/:id/versions', { params: { id } }, { enabled: open });
  const [pair, setPair] = useState<[number, number] | null>(null);
  const from = pair?.[0] ?? Math.max(1, revision - 1);
  const to = pair?.[1] ?? revision;
  const compare = useApi(
    'GET /api/v1/reporting/submissions/:id/compare',
    { params: { id }, query: { from: from, to: to } },
    { enabled: open && revision > 0 },
  );
  const label = (field: string) => l(fields.find((f) => f.key === field)?.label) || field;
  const show = (value: unknown) =>
    value === null || value === undefined || value === '' ? '—' : typeof value === 'number' ? wan(value) : String(value);
  const options = (versions.data?.items ?? []).map((v) => ({
    value: v.revision,
    label: `${t('revisionNo', { revision: v.revision })} · ${beijingTime(v.submittedAt)} · ${v.submittedBy}`,
  }));
  return (
    <Drawer title={t('compareVersions')} width={760} open={open} onClose={onClose}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select style={{ width: 300 }} value={from} options={options} onChange={(v: number) => setPair([v, to])} />
        →
        <Select style={{ width: 300 }} value={to} options={options} onChange={(v: number) => setPair([from, v])} />
      </Space>
      <Table<Diff & { id: string }>
        size="small"
        rowKey="id"
        loading={compare.isLoading}
        pagination={false}
        dataSource={(compare.data?.rows ?? []).map((r) => ({ ...r, id: r.key }))}
        data-testid="version-diff"
        columns={[
          {
            title: t('projects'),
            dataIndex: 'label',
            width: 200,
            render: (v: string, r) =>
              r.change === 'changed' ? (
                v
              ) : (
                <Space>
                  {v}
                  <Tag color={r.change === 'added' ? 'green' : 'red'}>{r.change === 'added' ? t('added') : t('removed')}</Tag>
                </Space>
              ),
          },
          {
            title: t('submissionChanges'),
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                {r.fields.map((f) => (
                  <span key={f.field}>
                    {label(f.field)}
                    {t('colon')}
                    <Typography.Text delete type="secondary">
                      {show(f.before)}
                    </Typography.Text>{' '}
                    → <Typography.Text strong>{show(f.after)}</Typography.Text>
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {revision <= 1 && <Typography.Paragraph type="secondary">{t('onlyOneSubmittedVersion')}</Typography.Paragraph>}
    </Drawer>
  );
}

/** 计划 over 实际; a planned date passed without the actual one shows red. */
function DatePair({ planned, actual }: { planned: string | null; actual: string | null }) {
  const late = !actual && planned !== null && planned < todayIso();
  return (
    <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
      <Typography.Text type={late ? 'danger' : 'secondary'}>{planned ?? '—'}</Typography.Text>
      <Typography.Text>{actual ?? '—'}</Typography.Text>
    </Space>
  );
}
