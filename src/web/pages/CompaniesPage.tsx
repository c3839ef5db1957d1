// 企业库: local firms and targets of the unit's chains — filtered, entered, imported from Excel (checked first,
// all or nothing), exported with the import's columns.
import { DownloadOutlined, InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  COMPANY_KINDS,
  COMPANY_TAGS,
  PIPELINE_STAGES,
  type CompanyKind,
  type CompanyTag,
  type PipelineStage,
} from '../../shared/chains/rules.ts';
import type { ResponseOf } from '../../shared/api/index.ts';
import { download } from '../api/client.ts';
import { call, urlOf } from '../api/contract.ts';
import { useApi } from '../api/hooks.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { currentLang, useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { AftercarePanel, CompanyDrawer, FunnelPanel, StageTag } from './PipelinePage.tsx';
import { whenValid } from '../forms.ts';

type Company = ResponseOf<'GET /api/v1/companies/:id'>;
type SheetError = { row: number; column: string; message: string };

export function CompaniesPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const unit = searchParams.get('unit') ?? me?.unit.code ?? '';
  const kind = (searchParams.get('kind') as CompanyKind | null) ?? undefined;
  const tag = (searchParams.get('tag') as CompanyTag | null) ?? undefined;
  const chain = searchParams.get('chain') ?? undefined;
  const q = searchParams.get('q') ?? undefined;
  const stage = (searchParams.get('stage') as PipelineStage | null) ?? undefined;
  const tab = searchParams.get('tab') ?? 'list';
  // an alert or another page opens a company's drawer by `?company=<id>`
  const [opened, setOpenedState] = useState<string | null>(searchParams.get('company'));
  const setOpened = (id: string | null) => {
    setOpenedState(id);
    if (!id && searchParams.has('company')) {
      const next = new URLSearchParams(searchParams);
      next.delete('company');
      setSearchParams(next, { replace: true });
    }
  };
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Company | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const query = { unit, kind, tag, chain, q, stage };
  const list = useApi('GET /api/v1/companies', { query: { ...query, ...page } });
  const chains = useApi('GET /api/v1/chains', { query: { unit } });
  const writable = can('business:write') || can('business:review');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card
      title={t('companyRegister')}
      extra={
        <Space wrap>
          {writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('newCompany')}
            </Button>
          )}
          {writable && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-companies">
              {t('importCompanies')}
            </Button>
          )}
          {can('business:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(urlOf('GET /api/v1/companies/export', { query })).catch((e) => message.error(errorText(e)))}
            >
              {t('exportExcel')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key === 'list' ? undefined : key)}
        items={[
          {
            key: 'list',
            label: t('companyRegister'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 16 }}>
                  <UnitSelect value={unit} onChange={(value) => set('unit', value)} style={{ width: 220 }} />
                  <Select
                    allowClear
                    placeholder={t('companyKind')}
                    style={{ width: 120 }}
                    value={kind}
                    onChange={(value?: string) => set('kind', value)}
                    options={COMPANY_KINDS.map((k) => ({ value: k, label: t(`companyKind.${k}`) }))}
                  />
                  <Select
                    allowClear
                    placeholder={t('tags')}
                    style={{ width: 160 }}
                    value={tag}
                    onChange={(value?: string) => set('tag', value)}
                    options={COMPANY_TAGS.map((k) => ({ value: k, label: t(`companyTag.${k}`) }))}
                  />
                  <Select
                    allowClear
                    placeholder={t('chain')}
                    style={{ width: 180 }}
                    value={chain}
                    onChange={(value?: string) => set('chain', value)}
                    options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  />
                  <Select
                    allowClear
                    placeholder={t('pipelineStage')}
                    style={{ width: 130 }}
                    value={stage}
                    onChange={(value?: string) => set('stage', value)}
                    options={PIPELINE_STAGES.map((k) => ({ value: k, label: t(`pipelineStage.${k}`) }))}
                    data-testid="stage-filter"
                  />
                  <Input.Search
                    allowClear
                    placeholder={t('searchCompany')}
                    defaultValue={q}
                    onSearch={(value) => set('q', value.trim() || undefined)}
                    style={{ width: 240 }}
                  />
                </Space>
                {list.error ? (
                  <QueryError error={list.error} onRetry={() => void list.refetch()} />
                ) : (
                  <Table<Company>
                    rowKey="id"
                    size="small"
                    loading={list.isLoading}
                    dataSource={list.data?.items ?? []}
                    data-testid="companies-table"
                    pagination={{
                      current: page.page,
                      pageSize: page.pageSize,
                      total: list.data?.total ?? 0,
                      showTotal: (n) => t('total', { n }),
                      onChange: (p, size) => setPage({ page: p, pageSize: size }),
                    }}
                    columns={[
                      {
                        title: t('companyName'),
                        dataIndex: 'name',
                        render: (name: string, c) => <a onClick={() => setOpened(c.id)}>{name}</a>,
                      },
                      {
                        title: t('pipelineStage'),
                        dataIndex: 'pipelineStage',
                        render: (s: PipelineStage | null) => <StageTag stage={s} />,
                      },
                      {
                        title: t('companyKind'),
                        dataIndex: 'kind',
                        render: (k: CompanyKind) => <Tag color={k === 'local' ? 'blue' : 'purple'}>{t(`companyKind.${k}`)}</Tag>,
                      },
                      { title: t('unit'), render: (_, c) => (c.kind === 'local' ? c.unitName : `${c.location ?? ''} · ${c.unitName}`) },
                      {
                        title: t('links'),
                        render: (_, c) => c.links.map((l) => <Tag key={`${l.chainId}/${l.linkKey}`}>{`${l.chainName}/${l.linkName}`}</Tag>),
                      },
                      {
                        title: t('tags'),
                        dataIndex: 'tags',
                        render: (tags: CompanyTag[]) =>
                          tags.map((k) => (
                            <Tag key={k} color={k === 'chain_leader' ? 'gold' : undefined}>
                              {t(`companyTag.${k}`)}
                            </Tag>
                          )),
                      },
                      {
                        title: t('revenueWan'),
                        dataIndex: 'revenueWan',
                        align: 'right',
                        render: (n: number | null) => (n === null ? '' : n.toLocaleString()),
                      },
                      { title: t('creditCode'), dataIndex: 'creditCode' },
                    ]}
                  />
                )}
              </>
            ),
          },
          {
            key: 'funnel',
            label: t('pipeline'),
            children: (
              <FunnelPanel
                unit={unit}
                chain={chain}
                onStage={(s) => {
                  const next = new URLSearchParams(searchParams);
                  next.set('stage', s);
                  next.delete('tab');
                  setSearchParams(next);
                }}
              />
            ),
          },
          { key: 'aftercare', label: t('aftercare'), children: <AftercarePanel unit={unit} onOpen={setOpened} /> },
        ]}
      />
      {opened && (
        <CompanyDrawer
          id={opened}
          onClose={() => setOpened(null)}
          onEdit={(c) => {
            setOpened(null);
            setEditing(c);
          }}
        />
      )}
      {editing && <CompanyForm company={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </Card>
  );
}

interface FormValues {
  name: string;
  creditCode?: string;
  kind: CompanyKind;
  unit?: string;
  location?: string;
  industry?: string;
  links?: string;
  tags?: CompanyTag[];
  revenueWan?: number | null;
  employees?: number | null;
  website?: string;
  contactName?: string;
  contactPhone?: string;
  notes?: string;
}

function CompanyForm({ company, onClose }: { company: Company | null; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = {
        ...values,
        links: (values.links ?? '')
          .split(/[；;\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
        tags: values.tags ?? [],
      };
      return company
        ? call('PUT /api/v1/companies/:id', { params: { id: company.id }, body: { ...body, version: company.version } })
        : call('POST /api/v1/companies', { body });
    },
    onSuccess: async () => {
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['companies'] });
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: () => call('DELETE /api/v1/companies/:id', { params: { id: company!.id } }),
    onSuccess: async () => {
      message.success(t('deleted'));
      await client.invalidateQueries({ queryKey: ['companies'] });
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal
      open
      width={720}
      title={company ? company.name : t('newCompany')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (values) => save.mutate(values))}
      footer={(origin) => (
        <Space>
          {company && (can('business:write') || can('business:review')) && (
            <Button danger onClick={() => Modal.confirm({ title: `${t('delete')} ${company.name}?`, onOk: () => remove.mutateAsync() })}>
              {t('delete')}
            </Button>
          )}
          {origin}
        </Space>
      )}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          company
            ? {
                ...company,
                creditCode: company.creditCode ?? undefined,
                unit: company.unitCode,
                location: company.location ?? undefined,
                industry: company.industryDivision ?? company.industrySection ?? undefined,
                links: company.links.map((l) => `${l.chainName}/${l.linkName}`).join('；'),
                contactName: company.contactsMasked ? undefined : (company.contactName ?? undefined),
                contactPhone: company.contactsMasked ? undefined : (company.contactPhone ?? undefined),
                website: company.website ?? undefined,
                notes: company.notes ?? undefined,
              }
            : { kind: 'local' }
        }
      >
        <Space wrap>
          <Form.Item name="name" label={t('companyName')} rules={[{ required: true, max: 100, message: t('companyName') }]}>
            <Input style={{ width: 320 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t('companyKind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={COMPANY_KINDS.map((k) => ({ value: k, label: t(`companyKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('creditCode')}>
            <Input style={{ width: 220 }} maxLength={18} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="unit" label={t('unit')} rules={[{ required: kind === 'local', message: t('unit') }]}>
            <UnitSelect style={{ width: 240 }} />
          </Form.Item>
          {kind === 'target' && (
            <Form.Item name="location" label={t('location')} rules={[{ required: true, message: t('location') }]}>
              <Input style={{ width: 200 }} maxLength={60} />
            </Form.Item>
          )}
          <Form.Item name="industry" label={t('industry')}>
            <Input style={{ width: 200 }} placeholder="36 / C36" />
          </Form.Item>
        </Space>
        <Form.Item name="links" label={t('links')} extra={t('chainLinksHint')}>
          <Input.TextArea autoSize maxLength={1000} />
        </Form.Item>
        <Form.Item name="tags" label={t('tags')}>
          <Select mode="multiple" options={COMPANY_TAGS.map((k) => ({ value: k, label: t(`companyTag.${k}`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="revenueWan" label={t('revenueWan')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="employees" label={t('employees')}>
            <InputNumber min={0} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="website" label={t('website')}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="contactName" label={t('contactName')}>
            <Input style={{ width: 140 }} placeholder={company?.contactsMasked ? (company.contactName ?? '') : undefined} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('contactPhone')}>
            <Input style={{ width: 160 }} placeholder={company?.contactsMasked ? (company.contactPhone ?? '') : undefined} />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('note')}>
          <Input.TextArea autoSize maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

async function uploadCompanies(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(urlOf('POST /api/v1/companies/import', { query: { dryRun: dryRun || undefined } }), {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-lang': currentLang() },
  });
  const body = (await response.json()) as Partial<ResponseOf<'POST /api/v1/companies/import'>> & {
    error?: { message: string };
    errors?: SheetError[];
  };
  if (!response.ok && !body.errors?.length) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return {
    ok: response.ok,
    created: body.created ?? 0,
    updated: body.updated ?? 0,
    unchanged: body.unchanged ?? 0,
    errors: body.errors ?? [],
  };
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Awaited<ReturnType<typeof uploadCompanies>> | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async (chosen: File) => {
    setFile(chosen);
    setBusy(true);
    try {
      setResult(await uploadCompanies(chosen, true));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await uploadCompanies(file, false);
      setResult(done);
      if (done.ok) {
        message.success(t('companyImportDone', { created: done.created, updated: done.updated, unchanged: done.unchanged }));
        await client.invalidateQueries({ queryKey: ['companies'] });
        await client.invalidateQueries({ queryKey: ['chains'] });
        onClose();
      }
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={t('importCompanies')}
      onCancel={onClose}
      footer={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(urlOf('GET /api/v1/companies/import/template')).catch((e) => message.error(errorText(e)))}
          >
            {t('importTemplate')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" disabled={!result?.ok} loading={busy} onClick={() => void commit()} data-testid="import-commit">
            {t('importCommit')}
          </Button>
        </Space>
      }
    >
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(chosen) => {
          void check(chosen);
          return false;
        }}
        data-testid="companies-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? file.name : t('chooseSheet')}</p>
      </Upload.Dragger>
      {result && result.ok && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          message={t('companyImportChecked', { created: result.created, updated: result.updated, unchanged: result.unchanged })}
          data-testid="import-checked"
        />
      )}
      {result && !result.ok && (
        <>
          <Alert style={{ marginTop: 16 }} type="error" showIcon message={t('importRejected', { n: result.errors.length })} />
          <Table<SheetError>
            style={{ marginTop: 8 }}
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            pagination={false}
            dataSource={result.errors}
            data-testid="import-errors"
            columns={[
              { title: t('row'), dataIndex: 'row', width: 60 },
              { title: t('column'), dataIndex: 'column', width: 140 },
              { title: t('message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
