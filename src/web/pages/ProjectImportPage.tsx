import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Popconfirm, Radio, Segmented, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { fieldValueText } from '../../shared/projects/fields.ts';
import { type MatchReason } from '../../shared/projects/match.ts';
import { download } from '../api/client.ts';
import { urlOf } from '../api/contract.ts';
import { errorText } from '../components/ResultPages.tsx';
import { useScopeUnits } from '../components/UnitSelect.tsx';
import { currentLang, useI18n } from '../i18n/index.tsx';

interface ImportError {
  row: number;
  column: string;
  message: string;
}
type Action = 'create' | 'update' | 'unchanged' | 'review';
interface Candidate {
  code: string;
  name: string;
  unitCode: string;
  reasons: MatchReason[];
}
interface RowView {
  row: number;
  action: Action;
  code?: string;
  name: string;
  unitCode: string;
  changes?: { field: string; from: unknown; to: unknown }[];
  candidates?: Candidate[];
}
interface ImportResponse {
  created: number;
  updated: number;
  unchanged: number;
  review: number;
  rows: RowView[];
  missing: { code: string; name: string; unitCode: string }[];
  errors: ImportError[];
  warnings: ImportError[];
}
const ACTION_COLORS: Record<Action, string> = { create: 'green', update: 'blue', unchanged: 'default', review: 'orange' };
const empty: ImportResponse = { created: 0, updated: 0, unchanged: 0, review: 0, rows: [], missing: [], errors: [], warnings: [] };

async function uploadSheet(file: File, dryRun: boolean, decisions: Record<string, string>): Promise<{ ok: boolean; body: ImportResponse }> {
  const form = new FormData();
  // the decisions first: the server reads the parts in order
  if (Object.keys(decisions).length) form.append('decisions', JSON.stringify(decisions));
  form.append('file', file);
  const response = await fetch(urlOf('POST /api/v1/projects/import', { query: { dryRun: dryRun || undefined } }), {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-lang': currentLang() },
  });
  const body = (await response.json()) as Partial<ImportResponse> & { error?: { message: string } };
  if (!response.ok && response.status !== 422) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return { ok: response.ok, body: { ...empty, ...body } };
}

/**
 * Template → upload and check (nothing written: every row said to be 新增, 更新 with its changes, 未变化 or 待确认 with
 * its look-alikes) → decide every 待确认 row → import, all or nothing.
 */
export function ProjectImportPage() {
  const { t, lang, tCode } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useScopeUnits();
  const unitName = useMemo(() => {
    const names = new Map((units.data?.items ?? []).map((u) => [u.code, u.name]));
    return (code: string) => names.get(code) ?? code;
  }, [units.data]);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ ok: boolean; body: ImportResponse } | null>(null);
  const [decisions, setDecisions] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState<Action | 'all'>('all');
  const [done, setDone] = useState<ImportResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const step = done ? 2 : checked?.ok ? 2 : file ? 1 : 0;
  const reviewRows = checked?.body.rows.filter((r) => r.action === 'review') ?? [];
  const undecided = reviewRows.filter((r) => decisions[String(r.row)] === undefined);

  const check = async (chosen: File) => {
    setBusy(true);
    setDone(null);
    setDecisions({});
    setFilter('all');
    try {
      const result = await uploadSheet(chosen, true, {});
      setChecked(result);
      if (result.body.review > 0) setFilter('review');
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await uploadSheet(file, false, decisions);
      if (result.ok) {
        setDone(result.body);
        await client.invalidateQueries({ queryKey: ['projects'] });
      } else setChecked(result);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const body = checked?.body;
  const shown = (body?.rows ?? []).filter((r) => filter === 'all' || r.action === filter);
  const changesOf = (row: RowView) =>
    row.changes?.map((c) => (
      <div key={c.field} style={{ lineHeight: 1.6 }}>
        <Typography.Text type="secondary">
          {tCode('field', c.field)}
          {t('colon')}
        </Typography.Text>
        <Typography.Text delete type="secondary">
          {fieldValueText(c.field, c.from, lang)}
        </Typography.Text>
        {' → '}
        <Typography.Text strong>{fieldValueText(c.field, c.to, lang)}</Typography.Text>
      </div>
    ));
  const decide = (row: RowView) => (
    <Radio.Group
      value={decisions[String(row.row)]}
      onChange={(e) => setDecisions((d) => ({ ...d, [String(row.row)]: e.target.value as string }))}
      data-testid={`decide-${row.row}`}
    >
      <Space direction="vertical" size={2}>
        {row.candidates?.map((c) => (
          <Radio key={c.code} value={c.code}>
            {t('importUpdateThis')}{' '}
            <Link to={`/projects/${c.code}`} target="_blank">
              {c.code}
            </Link>{' '}
            {c.name}
            {t('parens', { text: unitName(c.unitCode) })}
            <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
              {c.reasons.map((r) => t(`matchReason.${r}`)).join(t('reasonSeparator'))}
            </Typography.Text>
          </Radio>
        ))}
        <Radio value="create">{t('importCreateNew')}</Radio>
      </Space>
    </Radio.Group>
  );

  return (
    <Card title={t('importExcel')}>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('importStep1') }, { title: t('importStep2') }, { title: t('importStep3') }]}
      />
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(urlOf('GET /api/v1/projects/import/template')).catch((e) => message.error(errorText(e)))}
            data-testid="download-template"
          >
            {t('downloadTemplate')}
          </Button>
          <Typography.Text type="secondary">{t('importReconcileHint')}</Typography.Text>
        </Space>
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          beforeUpload={(chosen) => {
            setFile(chosen);
            void check(chosen);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{file ? file.name : t('chooseFile')}</p>
        </Upload.Dragger>
        {checked && !checked.ok && (
          <>
            <Alert type="error" showIcon message={t('importErrors', { n: checked.body.errors.length })} data-testid="import-errors" />
            <Table<ImportError>
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              dataSource={checked.body.errors}
              pagination={{ pageSize: 50 }}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 70 },
                { title: t('column'), dataIndex: 'column', width: 160 },
                { title: t('message'), dataIndex: 'message' },
              ]}
            />
          </>
        )}
        {checked?.ok && body && !done && (
          <>
            <Alert
              type={body.review > 0 ? 'warning' : 'success'}
              showIcon
              message={t('importChecked', { created: body.created, updated: body.updated, unchanged: body.unchanged, review: body.review })}
              description={
                <>
                  {body.review > 0 && (
                    <div>{undecided.length > 0 ? t('importDecideFirst', { n: undecided.length }) : t('importAllDecided')}</div>
                  )}
                  {body.warnings.length > 0 && (
                    <div>
                      {t('warnings')}
                      {t('colon')}
                      {body.warnings
                        .slice(0, 5)
                        .map((w) => `${w.row} ${w.column} ${w.message}`)
                        .join(t('reasonSeparator'))}
                    </div>
                  )}
                </>
              }
              action={
                <Popconfirm
                  title={t('importConfirmTitle', {
                    created: body.created + Object.values(decisions).filter((d) => d === 'create').length,
                    updated: body.updated + Object.values(decisions).filter((d) => d !== 'create').length,
                  })}
                  onConfirm={() => void commit()}
                  okText={t('confirmImport')}
                  cancelText={t('cancel')}
                  disabled={undecided.length > 0}
                >
                  <Button
                    type="primary"
                    loading={busy}
                    disabled={undecided.length > 0 || body.created + body.updated + body.review === 0}
                    data-testid="confirm-import"
                  >
                    {t('confirmImport')}
                  </Button>
                </Popconfirm>
              }
              data-testid="import-checked"
            />
            <Segmented<Action | 'all'>
              value={filter}
              onChange={setFilter}
              data-testid="import-filter"
              options={[
                { value: 'all', label: `${t('all')} ${body.rows.length}` },
                ...(['review', 'create', 'update', 'unchanged'] as Action[]).map((a) => ({
                  value: a,
                  label: `${t(`importAction.${a}`)} ${body[a === 'create' ? 'created' : a === 'update' ? 'updated' : a]}`,
                })),
              ]}
            />
            <Table<RowView>
              size="small"
              rowKey="row"
              dataSource={shown}
              pagination={{ pageSize: 20, showSizeChanger: true }}
              data-testid="import-preview"
              columns={[
                { title: t('row'), dataIndex: 'row', width: 64 },
                {
                  title: t('action'),
                  dataIndex: 'action',
                  width: 84,
                  render: (a: Action) => <Tag color={ACTION_COLORS[a]}>{t(`importAction.${a}`)}</Tag>,
                },
                {
                  title: t('projectCode'),
                  dataIndex: 'code',
                  width: 160,
                  render: (c: string | undefined) => (c ? <Link to={`/projects/${c}`}>{c}</Link> : '—'),
                },
                { title: t('projectName'), dataIndex: 'name', width: 260 },
                { title: t('unit'), dataIndex: 'unitCode', width: 110, render: (code: string) => unitName(code) },
                {
                  title: t('importWhat'),
                  render: (_: unknown, row) => (row.action === 'update' ? changesOf(row) : row.action === 'review' ? decide(row) : null),
                },
              ]}
            />
            {body.missing.length > 0 && (
              <Collapse
                data-testid="import-missing"
                items={[
                  {
                    key: 'missing',
                    label: t('importMissing', { n: body.missing.length }),
                    children: (
                      <>
                        <Typography.Paragraph type="secondary">{t('importMissingHint')}</Typography.Paragraph>
                        <Table
                          size="small"
                          rowKey="code"
                          dataSource={body.missing}
                          pagination={{ pageSize: 20 }}
                          columns={[
                            {
                              title: t('projectCode'),
                              dataIndex: 'code',
                              width: 170,
                              render: (c: string) => <Link to={`/projects/${c}`}>{c}</Link>,
                            },
                            { title: t('projectName'), dataIndex: 'name' },
                            { title: t('unit'), dataIndex: 'unitCode', width: 140, render: (code: string) => unitName(code) },
                          ]}
                        />
                      </>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
        {done && (
          <Alert
            type="success"
            showIcon
            message={t('importDone', { created: done.created, updated: done.updated, unchanged: done.unchanged })}
            action={<Link to="/projects">{t('ledger')} →</Link>}
            data-testid="import-done"
          />
        )}
        {busy && <Typography.Text type="secondary">{t('loading')}</Typography.Text>}
      </Space>
    </Card>
  );
}
