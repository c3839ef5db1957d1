import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { STAGE_LABELS, type Stage } from '../../shared/projects/stages.ts';
import { yi } from '../ledger.ts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { download } from '../api.ts';
import { errorText } from '../components/ResultPages.tsx';
import { currentLang, useI18n } from '../i18n.tsx';

interface ImportError {
  row: number;
  column: string;
  message: string;
}
interface PreviewRow {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  code: string | null;
  name: string;
  unitCode: string;
  stage: Stage;
  totalInvestmentWan: number;
}
interface ImportResponse {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  warnings?: ImportError[];
  preview?: PreviewRow[];
}
const ACTION_LABELS = { create: { zh: '新增', en: 'New' }, update: { zh: '更新', en: 'Update' }, unchanged: { zh: '未变化', en: 'Unchanged' } };
const ACTION_COLORS = { create: 'green', update: 'blue', unchanged: 'default' };

async function uploadSheet(file: File, dryRun: boolean): Promise<{ ok: boolean; body: ImportResponse }> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(`/api/v1/projects/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-lang': currentLang() } });
  const body = (await response.json()) as ImportResponse & { error?: { message: string } };
  if (!response.ok && response.status !== 422) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return { ok: response.ok, body: { created: body.created ?? 0, updated: body.updated ?? 0, unchanged: body.unchanged ?? 0, errors: body.errors ?? [], warnings: body.warnings ?? [], preview: body.preview ?? [] } };
}

/** Template → upload and check (nothing written) → import, all or nothing. */
export function ProjectImportPage() {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ ok: boolean; body: ImportResponse } | null>(null);
  const [done, setDone] = useState<ImportResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const step = done ? 2 : checked?.ok ? 2 : file ? 1 : 0;

  const check = async (chosen: File) => {
    setBusy(true);
    setDone(null);
    try {
      setChecked(await uploadSheet(chosen, true));
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
      const result = await uploadSheet(file, false);
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

  return (
    <Card title={t('importExcel')}>
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: t('importStep1') }, { title: t('importStep2') }, { title: t('importStep3') }]} />
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/v1/projects/import/template').catch((e) => message.error(errorText(e)))} data-testid="download-template">
          {t('downloadTemplate')}
        </Button>
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
        {checked?.ok && !done && (
          <Alert
            type="success"
            showIcon
            message={t('importChecked', checked.body as unknown as Record<string, number>)}
            description={checked.body.warnings?.length ? `${t('warnings')}：${checked.body.warnings.slice(0, 5).map((w) => `${w.row}行 ${w.column} ${w.message}`).join('；')}` : undefined}
            action={
              <Button type="primary" loading={busy} onClick={() => void commit()} data-testid="confirm-import">
                {t('confirmImport')}
              </Button>
            }
            data-testid="import-checked"
          />
        )}
        {checked?.ok && !done && (checked.body.preview?.length ?? 0) > 0 && (
          <Table<PreviewRow>
            size="small"
            rowKey="row"
            dataSource={checked.body.preview}
            pagination={{ pageSize: 20 }}
            data-testid="import-preview"
            columns={[
              { title: t('row'), dataIndex: 'row', width: 70 },
              { title: t('action'), dataIndex: 'action', width: 90, render: (a: PreviewRow['action']) => <Tag color={ACTION_COLORS[a]}>{l(ACTION_LABELS[a])}</Tag> },
              { title: t('projectCode'), dataIndex: 'code', width: 170, render: (c: string | null) => c ?? '—' },
              { title: t('projectName'), dataIndex: 'name' },
              { title: t('unit'), dataIndex: 'unitCode', width: 100 },
              { title: t('stage'), dataIndex: 'stage', width: 90, render: (s: Stage) => l(STAGE_LABELS[s]) },
              { title: t('totalInvestmentYi'), dataIndex: 'totalInvestmentWan', width: 120, align: 'right', render: (v: number) => yi(v) },
            ]}
          />
        )}
        {done && (
          <Alert type="success" showIcon message={t('importDone', done as unknown as Record<string, number>)} action={<Link to="/projects">{t('ledger')} →</Link>} data-testid="import-done" />
        )}
        {busy && <Typography.Text type="secondary">{t('loading')}</Typography.Text>}
      </Space>
    </Card>
  );
}
