import { yiLabel } from '../../shared/money.ts';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { INDUSTRY_SECTIONS, PROJECT_LEVELS, PROJECT_TYPES } from '../../shared/projects/classification.ts';
import { CAPITAL_TYPES } from '../../shared/projects/tiers.ts';
import { INDICATOR_DATE_FIELDS, INDICATOR_MEASURES, type IndicatorFilter } from '../../shared/targets/indicators.ts';
import { call, urlOf } from '../api/contract.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { errorText } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useIndicators, type Indicator } from '../indicators.ts';
import { useSession } from '../session.tsx';
import { useLedgerOptions } from './ProjectsPage.tsx';

interface FormValues {
  key: string;
  labelZh: string;
  labelEn?: string;
  unitZh: string;
  kind: 'computed' | 'reported';
  dateField?: string;
  measure?: string;
  minTierYi?: number;
  capitalTypes?: string[];
  levels?: string[];
  chains?: string[];
  industrySections?: string[];
  projectTypes?: string[];
  archived?: boolean;
}

/** 指标目录: the built-in indicators and the ones reviewers add (a ledger filter plus a count or sum, or a reported monthly figure). */
export function IndicatorsPage() {
  const { t, l, lang } = useI18n();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const catalog = useIndicators(true);
  const ladder = useLedgerOptions();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const filter: IndicatorFilter = {};
      if (values.minTierYi) filter.minTierYi = values.minTierYi;
      for (const key of ['capitalTypes', 'levels', 'chains', 'industrySections', 'projectTypes'] as const)
        if (values[key]?.length) (filter as Record<string, unknown>)[key] = values[key];
      const body = {
        label: { zh: values.labelZh, en: values.labelEn ?? '' },
        unit: { zh: values.unitZh, en: '' },
        kind: values.kind,
        dateField: values.kind === 'computed' ? values.dateField : null,
        measure: values.kind === 'computed' ? values.measure : null,
        filter: values.kind === 'computed' ? filter : null,
      };
      return editing === 'new'
        ? call('POST /api/v1/indicators', { body: { ...body, key: values.key } })
        : call('PUT /api/v1/indicators/:key', {
            params: { key: (editing as Indicator).key },
            body: { ...body, archived: values.archived ?? false },
          });
    },
    onSuccess: async () => {
      message.success(t('saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: ['indicators'] });
    },
    onError: (e) => message.error(errorText(e), 8),
  });
  const open = (indicator: Indicator | 'new') => {
    form.resetFields();
    if (indicator !== 'new')
      form.setFieldsValue({
        key: indicator.key,
        labelZh: indicator.label.zh,
        labelEn: indicator.label.en,
        unitZh: indicator.unit.zh,
        kind: indicator.kind,
        dateField: indicator.dateField,
        measure: indicator.measure,
        archived: indicator.archived,
        ...(indicator.filter ?? {}),
      });
    else form.setFieldsValue({ kind: 'computed', dateField: 'signed', measure: 'count', unitZh: '个' });
    setEditing(indicator);
  };
  const describe = (indicator: Indicator) => {
    if (indicator.kind === 'reported') return t('reportedIndicator');
    const parts = [
      indicator.dateField ? t(`indicatorDateField.${indicator.dateField}`) : '',
      indicator.measure ? t(`indicatorMeasure.${indicator.measure}`) : '',
    ];
    const f = indicator.filter ?? {};
    if (f.minTierYi) parts.push(`≥ ${yiLabel(f.minTierYi, lang)}`);
    if (f.capitalTypes?.length) parts.push(f.capitalTypes.map((c) => t(`capitalType.${c}`)).join('/'));
    if (f.levels?.length) parts.push(f.levels.map((c) => t(`projectLevel.${c as (typeof PROJECT_LEVELS)[number]}`)).join('/'));
    if (f.chains?.length) parts.push(f.chains.join('/'));
    if (f.industrySections?.length) parts.push(f.industrySections.join('/'));
    if (f.projectTypes?.length) parts.push(f.projectTypes.map((c) => t(`projectType.${c as (typeof PROJECT_TYPES)[number]}`)).join('/'));
    return parts.filter(Boolean).join(' · ');
  };
  const editable = can('business:review');
  return (
    <Card
      size="small"
      title={t('indicatorCatalog')}
      extra={
        <Space>
          <ExportButton url={urlOf('GET /api/v1/indicators.xlsx')} />
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {t('newIndicator')}
            </Button>
          )}
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        loading={catalog.isLoading}
        dataSource={catalog.data?.items ?? []}
        data-testid="indicator-table"
        columns={[
          { title: t('indicator'), render: (_, i) => l(i.label) },
          { title: t('indicatorKey'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
          { title: t('measureUnit'), render: (_, i) => l(i.unit) },
          { title: t('definition'), render: (_, i) => describe(i) },
          {
            title: '',
            render: (_, i) =>
              i.builtIn ? (
                <Tag>{t('builtIn')}</Tag>
              ) : i.archived ? (
                <Tag color="default">{t('archived')}</Tag>
              ) : (
                <Tag color="blue">{t('custom')}</Tag>
              ),
          },
          // a custom indicator is changed only by the unit that made it (made before owners: only at the top)
          {
            title: '',
            render: (_, i) =>
              editable && !i.builtIn && (i.ownerUnit ? i.ownerUnit === me?.unit.code : me?.unit.depth === 0) ? (
                <Button size="small" type="link" onClick={() => open(i)}>
                  {t('edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing && (
        <Modal
          open
          width={640}
          title={editing === 'new' ? t('newIndicator') : t('edit')}
          onCancel={() => setEditing(null)}
          onOk={() => form.submit()}
          okText={t('save')}
          cancelText={t('cancel')}
          confirmLoading={save.isPending}
        >
          <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
            <Space wrap>
              <Form.Item
                name="key"
                label={t('indicatorKey')}
                rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,40}$/, message: t('indicatorKeyRule') }]}
              >
                <Input disabled={editing !== 'new'} style={{ width: 200 }} placeholder="ic_signed_projects" />
              </Form.Item>
              <Form.Item name="labelZh" label={t('indicatorNameZh')} rules={[{ required: true, message: t('required') }]}>
                <Input style={{ width: 220 }} maxLength={40} />
              </Form.Item>
              <Form.Item name="unitZh" label={t('measureUnit')} rules={[{ required: true, message: t('required') }]}>
                <Input style={{ width: 100 }} maxLength={10} />
              </Form.Item>
            </Space>
            <Form.Item name="labelEn" label={t('indicatorNameEn')}>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="kind" label={t('indicatorKind')}>
              <Radio.Group
                options={[
                  { value: 'computed', label: t('computedIndicator') },
                  { value: 'reported', label: t('reportedIndicator') },
                ]}
              />
            </Form.Item>
            {kind === 'computed' && (
              <>
                <Space wrap>
                  <Form.Item name="dateField" label={t('countedBy')} rules={[{ required: true, message: t('required') }]}>
                    <Select
                      style={{ width: 200 }}
                      options={INDICATOR_DATE_FIELDS.map((f) => ({ value: f, label: t(`indicatorDateField.${f}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="measure" label={t('measure')} rules={[{ required: true, message: t('required') }]}>
                    <Select
                      style={{ width: 260 }}
                      options={INDICATOR_MEASURES.map((m) => ({ value: m, label: t(`indicatorMeasure.${m}`) }))}
                    />
                  </Form.Item>
                </Space>
                <Space wrap>
                  <Form.Item name="minTierYi" label={t('minTier')}>
                    <Select
                      allowClear
                      style={{ width: 160 }}
                      options={(ladder.data?.ladder ?? []).map((s) => ({
                        value: s.yi,
                        label: t('tierFrom', { amount: yiLabel(s.yi, lang) }),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="capitalTypes" label={t('capitalType')}>
                    <Select
                      mode="multiple"
                      allowClear
                      style={{ width: 220 }}
                      options={CAPITAL_TYPES.map((c) => ({ value: c, label: t(`capitalType.${c}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="levels" label={t('projectLevel')}>
                    <Select
                      mode="multiple"
                      allowClear
                      style={{ width: 220 }}
                      options={PROJECT_LEVELS.map((c) => ({ value: c, label: t(`projectLevel.${c}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="chains" label={t('chain')}>
                    <Select
                      mode="multiple"
                      allowClear
                      style={{ width: 260 }}
                      options={(ladder.data?.chains ?? []).map((c) => ({ value: c, label: c }))}
                    />
                  </Form.Item>
                  <Form.Item name="industrySections" label={t('industrySection')}>
                    <Select
                      mode="multiple"
                      allowClear
                      style={{ width: 260 }}
                      options={INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
                    />
                  </Form.Item>
                  <Form.Item name="projectTypes" label={t('projectType')}>
                    <Select
                      mode="multiple"
                      allowClear
                      style={{ width: 220 }}
                      options={PROJECT_TYPES.map((c) => ({ value: c, label: t(`projectType.${c}`) }))}
                    />
                  </Form.Item>
                </Space>
              </>
            )}
            {editing !== 'new' && (
              <Form.Item name="archived" label={t('archived')} valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
    </Card>
  );
}
