import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { CURRENCIES } from '../../shared/projects/amounts.ts';
import {
  INDUSTRY_SECTIONS,
  INVESTOR_TAG_LABELS,
  LEAD_SOURCE_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
} from '../../shared/projects/classification.ts';
import { CONTRACT_KINDS, stageIndex, STAGES, type Stage } from '../../shared/projects/stages.ts';
import { CAPITAL_TYPES } from '../../shared/projects/tiers.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { Project } from '../ledger.ts';
import { useSession } from '../session.tsx';
import { useLedgerOptions } from './ProjectsPage.tsx';
import { todayDay } from '../time.ts';

interface FormValues {
  name: string;
  content?: string;
  unitCode: string;
  investorName: string;
  investorCreditCode?: string;
  investorCountry?: string;
  investorProvince?: string;
  investorCity?: string;
  investorTags?: string[];
  contacts?: { name: string; title?: string; phone?: string }[];
  capitalType: string;
  currency?: string;
  totalInvestment: string;
  fixedAssetInvestment?: string;
  registeredCapital?: string;
  contractForeignCapital?: string;
  projectType?: string;
  industry?: string[];
  chain?: string;
  levels?: string[];
  leadSource?: string;
  sponsorLeader?: string;
  referrer?: string;
  responsibleUnit?: string;
  landMu?: number;
  factoryM2?: number;
  expectedOutputWan?: number;
  expectedTaxWan?: number;
  expectedJobs?: number;
  stage?: Stage;
  stageDate?: dayjs.Dayjs;
  firstReportedOn?: dayjs.Dayjs;
  contractKind?: string;
  contractAmount?: string;
  plannedSigned?: dayjs.Dayjs;
  plannedRegistered?: dayjs.Dayjs;
  plannedAtCapacity?: dayjs.Dayjs;
  plannedStarted?: dayjs.Dayjs;
  plannedCompleted?: dayjs.Dayjs;
  plannedProducing?: dayjs.Dayjs;
  remarks?: string;
}

const d = (value: string | null | undefined) => (value ? dayjs(value) : undefined);
const iso = (value: dayjs.Dayjs | undefined) => value?.format('YYYY-MM-DD') ?? null;
const orNull = (value: string | number | undefined) => (value === undefined || value === '' ? null : value);

/** Maps the server's field names to the form's, so a server-side problem lands under its input. */
const FIELD_OF: Record<string, keyof FormValues> = {
  industryDivision: 'industry',
  industrySection: 'industry',
  'dates.signed': 'stageDate',
  'dates.registered': 'stageDate',
  'dates.started': 'stageDate',
  'dates.completed': 'stageDate',
  'dates.producing': 'stageDate',
  'dates.at_capacity': 'stageDate',
  planned: 'plannedStarted',
};

export function ProjectFormPage() {
  const { code } = useParams();
  const editing = Boolean(code);
  const { t, tCode } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  // The record the form was filled from; after a conflict, the newer version the user has now seen.
  const [baseline, setBaseline] = useState<Project | null>(null);
  const options = useLedgerOptions();
  const existing = useApi('GET /api/v1/projects/:code', { params: { code } }, { enabled: editing });
  const capitalType = Form.useWatch('capitalType', form);
  const stage = Form.useWatch('stage', form);

  useEffect(() => {
    const p = existing.data?.project;
    if (!p || baseline) return;
    setBaseline(p);
    form.setFieldsValue({
      name: p.name,
      content: p.content ?? undefined,
      unitCode: p.unitCode,
      investorName: p.investorName,
      investorCreditCode: p.investorCreditCode ?? undefined,
      investorCountry: p.investorCountry ?? undefined,
      investorProvince: p.investorProvince ?? undefined,
      investorCity: p.investorCity ?? undefined,
      investorTags: p.investorTags,
      contacts: p.contactsMasked ? undefined : p.contacts,
      capitalType: p.capitalType,
      currency: p.currency,
      totalInvestment: String(p.totalInvestmentOrig),
      fixedAssetInvestment: p.fixedAssetInvestmentOrig?.toString(),
      registeredCapital: p.registeredCapitalOrig?.toString(),
      contractForeignCapital: p.contractForeignCapitalUsdWan?.toString(),
      projectType: p.projectType,
      industry: p.industrySection ? [p.industrySection, ...(p.industryDivision ? [p.industryDivision] : [])] : undefined,
      chain: p.chain ?? undefined,
      levels: p.levels,
      leadSource: p.leadSource ?? undefined,
      sponsorLeader: p.sponsorLeader ?? undefined,
      referrer: p.referrer ?? undefined,
      responsibleUnit: p.responsibleUnit ?? undefined,
      landMu: p.landMu ?? undefined,
      factoryM2: p.factoryM2 ?? undefined,
      expectedOutputWan: p.expectedOutputWan ?? undefined,
      expectedTaxWan: p.expectedTaxWan ?? undefined,
      expectedJobs: p.expectedJobs ?? undefined,
      firstReportedOn: d(p.firstReportedOn),
      plannedSigned: d(p.planned.signed),
      plannedRegistered: d(p.planned.registered),
      plannedAtCapacity: d(p.planned.atCapacity),
      plannedStarted: d(p.planned.started),
      plannedCompleted: d(p.planned.completed),
      plannedProducing: d(p.planned.producing),
      remarks: p.remarks ?? undefined,
    });
  }, [existing.data, form, baseline]);

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const [industrySection, industryDivision] = values.industry ?? [];
      const body = {
        name: values.name,
        content: orNull(values.content),
        unitCode: values.unitCode,
        investorName: values.investorName,
        investorCreditCode: orNull(values.investorCreditCode),
        investorCountry: orNull(values.investorCountry),
        investorProvince: orNull(values.investorProvince),
        investorCity: orNull(values.investorCity),
        investorTags: values.investorTags ?? [],
        ...(values.contacts ? { contacts: values.contacts.filter((c) => c?.name) } : {}),
        capitalType: values.capitalType,
        currency: values.currency ?? null,
        totalInvestment: values.totalInvestment,
        fixedAssetInvestment: orNull(values.fixedAssetInvestment),
        registeredCapital: orNull(values.registeredCapital),
        contractForeignCapital: orNull(values.contractForeignCapital),
        projectType: values.projectType ?? 'new',
        industrySection: industrySection ?? null,
        industryDivision: industryDivision ?? null,
        chain: values.chain ?? null,
        levels: values.levels ?? [],
        leadSource: values.leadSource ?? null,
        sponsorLeader: orNull(values.sponsorLeader),
        referrer: orNull(values.referrer),
        responsibleUnit: orNull(values.responsibleUnit),
        landMu: values.landMu ?? null,
        factoryM2: values.factoryM2 ?? null,
        expectedOutputWan: values.expectedOutputWan ?? null,
        expectedTaxWan: values.expectedTaxWan ?? null,
        expectedJobs: values.expectedJobs ?? null,
        firstReportedOn: iso(values.firstReportedOn),
        remarks: orNull(values.remarks),
        planned: {
          signed: iso(values.plannedSigned),
          registered: iso(values.plannedRegistered),
          started: iso(values.plannedStarted),
          completed: iso(values.plannedCompleted),
          producing: iso(values.plannedProducing),
          atCapacity: iso(values.plannedAtCapacity),
        },
      };
      if (editing) return call('PATCH /api/v1/projects/:code', { params: { code }, body: { ...body, version: baseline!.version } });
      const chosen = values.stage ?? 'negotiating';
      return call('POST /api/v1/projects', {
        body: {
          ...body,
          stage: chosen,
          dates: stageIndex(chosen) >= stageIndex('signed') || values.stageDate ? { [chosen]: iso(values.stageDate) } : {},
          contractKind: values.contractKind ?? null,
          contractAmount: orNull(values.contractAmount),
        },
      });
    },
    onSuccess: async (result) => {
      message.success(t('saved'));
      if ('duplicates' in result && typeof result.duplicates === 'number' && result.duplicates > 0)
        message.warning(t('duplicateWarning', { n: result.duplicates }), 6);
      await client.invalidateQueries({ queryKey: ['projects'] });
      navigate(`/projects/${result.project.code}`);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409 && baseline) {
        // Keep what this user typed; show what the other person changed; the next save applies to the newer version.
        const latest = (await existing.refetch()).data?.project;
        if (latest) {
          const labels: Partial<Record<keyof Project, string>> = {
            name: t('projectName'),
            investorName: t('investor'),
            totalInvestmentOrig: t('totalInvestment'),
            sponsorLeader: t('sponsorLeader'),
            chain: t('chain'),
            content: t('content'),
            remarks: t('remarks'),
            landMu: t('landMu'),
            levels: t('projectLevel'),
            responsibleUnit: t('responsibleUnit'),
            planned: t('planned'),
          };
          const changed = (Object.keys(labels) as (keyof Project)[]).filter(
            (key) => JSON.stringify(latest[key]) !== JSON.stringify(baseline[key]),
          );
          setProblem(
            `${t('conflictKept')}${changed.map((key) => `${labels[key]}${t('colon')}${JSON.stringify(latest[key])}`).join(t('reasonSeparator')) || '—'}`,
          );
          setBaseline(latest);
        }
        return;
      }
      const problems =
        error instanceof ApiError
          ? ((error.details as { problems?: { field: string; message: string; severity: string }[] } | undefined)?.problems ?? [])
          : [];
      const byField = new Map<keyof FormValues, string[]>();
      for (const p of problems.filter((p) => p.severity === 'error')) {
        const field = FIELD_OF[p.field] ?? (p.field as keyof FormValues);
        byField.set(field, [...(byField.get(field) ?? []), p.message]);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      setProblem(errorText(error));
    },
  });

  if (existing.error) return <QueryError error={existing.error} />;
  const amountRule = [{ required: true, message: t('amountHint') }];
  const industryOptions = INDUSTRY_SECTIONS.map((s) => ({
    value: s.code,
    label: `${s.code} ${s.name}`,
    children: s.divisions.map(([c, n]) => ({ value: c, label: `${c} ${n}` })),
  }));

  return (
    <Card
      title={editing ? `${t('editProject')} · ${existing.data?.project.name ?? ''}` : t('newProject')}
      loading={editing && !existing.data}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          unitCode: me?.unit.code,
          capitalType: 'domestic',
          stage: 'negotiating',
          projectType: 'new',
          firstReportedOn: todayDay(),
        }}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
      >
        <Typography.Title level={5}>{t('summaryTab')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('projectName')} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitCode" label={t('unit')} rules={[{ required: true }]}>
              <UnitSelect />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="content" label={t('content')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="investorName" label={t('investor')} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="investorCreditCode"
              label={t('creditCode')}
              rules={[{ pattern: /^[0-9A-Za-z]{18}$/, message: t('creditCode18') }]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="investorCountry" label={t('country')}>
              <Input placeholder={t('countryExample')} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="investorProvince" label={t('province')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="investorCity" label={t('cityName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="investorTags" label={t('investorTags')}>
              <Select
                mode="multiple"
                options={Object.keys(INVESTOR_TAG_LABELS).map((k) => ({ value: k, label: tCode('investorTag', k) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <Form.Item label={t('contacts')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('displayName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']}>
                    <Input placeholder={t('contactTitle')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']}>
                    <Input placeholder={t('phone')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('contacts')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('moneyTab')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item name="capitalType" label={t('capitalType')} rules={[{ required: true }]}>
              <Select options={CAPITAL_TYPES.map((c) => ({ value: c, label: t(`capitalType.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="currency" label={t('currency')}>
              <Select
                allowClear
                placeholder={t(capitalType === 'domestic' ? 'currency.CNY' : 'currency.USD')}
                options={CURRENCIES.map((c) => ({ value: c, label: t(`currency.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="totalInvestment" label={t('totalInvestment')} extra={t('amountHint')} rules={amountRule}>
              <Input placeholder={t('amountExampleYi')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="fixedAssetInvestment" label={t('fixedAssetInvestment')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="registeredCapital" label={t('registeredCapital')}>
              <Input />
            </Form.Item>
          </Col>
          {capitalType !== 'domestic' && (
            <Col xs={24} md={8}>
              <Form.Item name="contractForeignCapital" label={t('contractForeignCapitalUsd')}>
                <Input placeholder={t('amountExampleUsd')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Typography.Title level={5}>{t('industry')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item name="projectType" label={t('projectType')}>
              <Select options={Object.keys(PROJECT_TYPE_LABELS).map((k) => ({ value: k, label: tCode('projectType', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="industry" label={t('industry')}>
              <SelectCascader options={industryOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="chain" label={t('chain')}>
              <Select allowClear showSearch options={(options.data?.chains ?? []).map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="levels" label={t('projectLevel')}>
              <Select
                mode="multiple"
                options={Object.keys(PROJECT_LEVEL_LABELS).map((k) => ({ value: k, label: tCode('projectLevel', k) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="leadSource" label={t('leadSource')}>
              <Select allowClear options={Object.keys(LEAD_SOURCE_LABELS).map((k) => ({ value: k, label: tCode('leadSource', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="referrer" label={t('referrer')} rules={[{ max: 60 }]}>
              <Input data-testid="project-referrer" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sponsorLeader" label={t('sponsorLeader')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="responsibleUnit" label={t('responsibleUnit')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="landMu" label={t('landMu')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="factoryM2" label={t('factoryM2')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="expectedOutputWan" label={t('expectedOutputWan')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="expectedTaxWan" label={t('expectedTaxWan')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="expectedJobs" label={t('expectedJobs')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('lifecycleTab')}</Typography.Title>
        <Row gutter={16}>
          {!editing && (
            <>
              <Col xs={12} md={4}>
                <Form.Item name="stage" label={t('stage')}>
                  <Select options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item
                  name="stageDate"
                  label={`${stage ? t(`stage.${stage}`) : ''}${t('date')}`}
                  rules={[
                    {
                      required: Boolean(stage && stageIndex(stage) >= stageIndex('signed')),
                      message: t('dateRequired', { what: stage ? t(`stage.${stage}`) : '' }),
                    },
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isAfter(todayDay(), 'day')} />
                </Form.Item>
              </Col>
              {stage && stageIndex(stage) >= stageIndex('signed') && (
                <>
                  <Col xs={12} md={4}>
                    <Form.Item name="contractKind" label={t('contractKind')}>
                      <Select allowClear options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`contractKind.${k}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name="contractAmount" label={t('contractAmount')}>
                      <Input />
                    </Form.Item>
                  </Col>
                </>
              )}
            </>
          )}
          <Col xs={12} md={4}>
            <Form.Item name="firstReportedOn" label={t('firstReportedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="plannedSigned" label={`${t('planned')}${t('stage.signed')}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="plannedRegistered" label={`${t('planned')}${t('stage.registered')}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="plannedStarted" label={`${t('planned')}${t('stage.started')}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="plannedCompleted" label={`${t('planned')}${t('stage.completed')}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="plannedProducing" label={`${t('planned')}${t('stage.producing')}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="plannedAtCapacity" label={`${t('planned')}${t('stage.at_capacity')}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="remarks" label={t('remarks')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** GB/T 4754 门类 → 大类 picker. */
function SelectCascader({
  value,
  onChange,
  options,
}: {
  value?: string[];
  onChange?: (value: string[] | undefined) => void;
  options: { value: string; label: string; children: { value: string; label: string }[] }[];
}) {
  const { t } = useI18n();
  const section = value?.[0];
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        allowClear
        style={{ width: '45%' }}
        placeholder={t('industrySection')}
        value={section}
        onChange={(s?: string) => onChange?.(s ? [s] : undefined)}
        options={options.map((o) => ({ value: o.value, label: o.label }))}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        style={{ width: '55%' }}
        placeholder={t('industryDivision')}
        value={value?.[1]}
        disabled={!section}
        onChange={(div?: string) => onChange?.(section ? [section, ...(div ? [div] : [])] : undefined)}
        options={options.find((o) => o.value === section)?.children ?? []}
        popupMatchSelectWidth={false}
        showSearch
        optionFilterProp="label"
      />
    </Space.Compact>
  );
}
