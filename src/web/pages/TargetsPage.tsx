import { CheckOutlined, DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  InputNumber,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { percent, splitAnnual, type RemainderAt } from '../../shared/targets/period.ts';
import { isCountIndicator } from '../../shared/targets/indicators.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { currentLang, useI18n } from '../i18n/index.tsx';
import { formatFigure, indicatorProjectsLink, pointsText, rateProjectsLink, STATUS_TAG_COLORS, useIndicators } from '../indicators.ts';
import { useSession } from '../session.tsx';
import { formatDateTime, thisYear, todayDay } from '../time.ts';

type TargetBody = { unit: string; annual: number; monthly?: number[] };

interface ImportResult {
  errors: { row: number; column: string; message: string }[];
  saved?: number;
  unchanged?: number;
  warnings?: string[];
}

const QUARTER_MONTHS = [0, 1, 2, 3].map((q) => [q * 3, q * 3 + 1, q * 3 + 2]);

export function TargetsPage() {
  const { t, l } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [unit, setUnit] = useState<string | undefined>(me?.unit.code);
  const [year, setYear] = useState(thisYear());
  const [asOf, setAsOf] = useState(todayDay());
  const [key, setKey] = useState('signed_projects');
  const [splitting, setSplitting] = useState<{
    unit: string;
    name: string;
    annual: number;
    monthly: number[];
    mode: 'month' | 'quarter';
  } | null>(null);
  const [importErrors, setImportErrors] = useState<ImportResult['errors']>([]);
  // a typed value is saved by an explicit action (the ✓ button or Enter), never by leaving the box
  const [pending, setPending] = useState<Record<string, number>>({});
  const [revision, setRevision] = useState<{ body: TargetBody; reason: string } | null>(null);
  const [issuing, setIssuing] = useState<{ note: string } | null>(null);
  const catalog = useIndicators();
  const indicator = catalog.data?.items.find((i) => i.key === key);
  // a count splits into whole projects (the units left over where the user says); an amount to two decimals
  const whole = isCountIndicator(indicator);
  const [remainderAt, setRemainderAt] = useState<RemainderAt>('last');
  const split = (annual: number, profile?: readonly number[]) => splitAnnual(annual, profile, { whole, remainderAt });
  const root = unit ?? me?.unit.code ?? '';
  const asOfIso = asOf.format('YYYY-MM-DD');
  const figures = useApi(
    'GET /api/v1/figures',
    { query: { unit: root, year, asOf: asOfIso, indicators: key } },
    { enabled: Boolean(root) },
  );
  const targetRows = useApi('GET /api/v1/targets', { query: { unit: root, year: year } }, { enabled: Boolean(root) });
  const cohort = useApi('GET /api/v1/rates/cohort', { query: { unit: root, year: year, asOf: asOfIso } }, { enabled: Boolean(root) });
  const construction = useApi(
    'GET /api/v1/rates/construction',
    { query: { unit: root, year: year, asOf: asOfIso } },
    { enabled: Boolean(root) },
  );
  const invalidate = async () => {
    await client.invalidateQueries({ queryKey: ['targets'] });
    await client.invalidateQueries({ queryKey: ['figures'] });
    await client.invalidateQueries({ queryKey: ['cockpit'] });
  };
  const saveTarget = useMutation({
    mutationFn: (body: TargetBody & { reason?: string }) => call('PUT /api/v1/targets', { body: { ...body, year, indicator: key } }),
    onSuccess: async (result, body) => {
      message.success(t('saved'));
      for (const warning of result.warnings) message.warning(warning, 6);
      setSplitting(null);
      setRevision(null);
      setPending((current) => Object.fromEntries(Object.entries(current).filter(([k]) => k !== `${body.unit}|${key}|${year}`)));
      await invalidate();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const issue = useMutation({
    mutationFn: (note: string) =>
      call('POST /api/v1/targets/issue', { body: { unit: root, year, ...(note.trim() ? { note: note.trim() } : {}) } }),
    onSuccess: async (result) => {
      message.success(t('targetsIssued', { version: result.version }));
      setIssuing(null);
      await invalidate();
    },
    onError: (e) => message.error(errorText(e)),
  });
  /** Once issued (下达), a change is a revision: it asks for the reason first. */
  const submitTarget = (body: TargetBody) => (targetRows.data?.issued ? setRevision({ body, reason: '' }) : saveTarget.mutate(body));
  const importSheet = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    const response = await fetch(urlOf('POST /api/v1/targets/xlsx', { query: { year } }), {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-lang': currentLang() },
    });
    const body = (await response.json()) as ImportResult & { error?: { message: string } };
    if (response.status === 422) {
      setImportErrors(body.errors);
      message.error(t('importHasErrors', { count: body.errors.length }));
      return;
    }
    if (!response.ok) {
      message.error(body.error?.message ?? `HTTP ${response.status}`);
      return;
    }
    setImportErrors([]);
    message.success(t('targetsImported', { saved: body.saved ?? 0, unchanged: body.unchanged ?? 0 }));
    for (const warning of body.warnings ?? []) message.warning(warning, 8);
    await invalidate();
  };
  const loadProfile = async () => {
    if (!splitting) return;
    try {
      const profile = await call('GET /api/v1/targets/profile', { query: { unit: splitting.unit, year, indicator: key } });
      if (!profile.monthly.some((v) => v > 0)) message.info(t('noLastYearProfile'));
      setSplitting({ ...splitting, monthly: split(splitting.annual, profile.monthly) });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const targetOf = (code: string) => targetRows.data?.items.find((r) => r.unit === code && r.indicator === key);
  const rowsUnits = [...(figures.data ? [figures.data.self] : []), ...(figures.data?.children ?? [])];
  const childSum = (figures.data?.children ?? []).reduce((sum, u) => sum + (targetOf(u.code)?.annual ?? 0), 0);
  const parentTarget = targetOf(root)?.annual;
  const writable = can('business:write');
  const splitSum = splitting ? Math.round(splitting.monthly.reduce((a, b) => a + b, 0) * 100) / 100 : 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={t('targets')}
        size="small"
        extra={
          <Space>
            {can('business:export') && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download(urlOf('GET /api/v1/targets/xlsx', { query: { unit: root, year: year } })).catch((e: unknown) =>
                    message.error(errorText(e)),
                  )
                }
                data-testid="targets-export"
              >
                {t('exportTargets')}
              </Button>
            )}
            {writable && (figures.data?.children.length ?? 0) > 0 && (
              <Button icon={<SendOutlined />} onClick={() => setIssuing({ note: '' })} data-testid="targets-issue">
                {t('issueTargets')}
              </Button>
            )}
            {writable && (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (void importSheet(file), false)}>
                <Button icon={<UploadOutlined />} data-testid="targets-import">
                  {t('importTargets')}
                </Button>
              </Upload>
            )}
          </Space>
        }
      >
        <Space wrap>
          <UnitSelect value={root} onChange={(v) => setUnit(v)} />
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            options={[-1, 0, 1, 2, 3].map((d) => ({ value: thisYear() - d, label: `${thisYear() - d}` }))}
            aria-label="year"
          />
          <DatePicker value={asOf} onChange={(d) => d && setAsOf(d)} allowClear={false} />
          <Select
            value={key}
            onChange={setKey}
            style={{ width: 280 }}
            showSearch
            optionFilterProp="label"
            options={(catalog.data?.items ?? []).map((i) => ({ value: i.key, label: l(i.label) }))}
            data-testid="indicator-select"
          />
          {targetRows.data?.issued ? (
            <Tag color="blue" data-testid="targets-issued">
              {t('issuedVersion', {
                version: targetRows.data.issued.version,
                at: formatDateTime(targetRows.data.issued.issuedAt),
                by: targetRows.data.issued.issuedBy,
              })}
            </Tag>
          ) : (
            <Tag>{t('notIssued')}</Tag>
          )}
        </Space>
      </Card>
      {importErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors([])}
          message={t('importHasErrors', { count: importErrors.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="targets-import-errors">
              {importErrors.slice(0, 50).map((e, i) => (
                <li key={i}>{e.row ? t('rowColumnError', { row: e.row, column: e.column, message: e.message }) : e.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {parentTarget !== undefined && childSum > 0 && Math.abs(childSum - parentTarget) > 0.01 && (
        <Alert
          type="warning"
          showIcon
          message={t('childrenTargetsDiffer', { sum: formatFigure(indicator, childSum), target: formatFigure(indicator, parentTarget) })}
        />
      )}
      <Card
        size="small"
        title={
          indicator
            ? `${l(indicator.label)}${t('parens', { text: l(indicator.unit) })} · ${year} · ${t('asOfDate')} ${asOfIso} · ${t('scheduleProgress')} ${percent(figures.data?.scheduleProgress ?? null, 1)}`
            : ''
        }
      >
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          loading={figures.isLoading}
          dataSource={rowsUnits}
          data-testid="targets-table"
          scroll={{ x: true }}
          columns={[
            {
              title: t('unit'),
              dataIndex: 'name',
              render: (name: string, _u, index) => (index === 0 ? <Typography.Text strong>{name}</Typography.Text> : name),
            },
            {
              title: t('target'),
              width: 200,
              render: (_, u) => {
                const current = targetOf(u.code);
                // the unit's own target is issued by the unit above: shown, not edited here
                if (targetRows.data?.readOnlyUnits.includes(u.code))
                  return (
                    <Space size={4} data-testid={`target-issued-${u.code}`}>
                      {formatFigure(indicator, current?.annual)}
                      <Tag>
                        {targetRows.data?.issuedAbove
                          ? t('targetIssuedAboveVersion', { version: targetRows.data.issuedAbove.version })
                          : t('targetIssuedAbove')}
                      </Tag>
                    </Space>
                  );
                const pendingKey = `${u.code}|${key}|${year}`;
                const typed = pending[pendingKey];
                // a new annual figure keeps the shape of an existing monthly split
                const save = () =>
                  typed !== undefined &&
                  submitTarget({
                    unit: u.code,
                    annual: typed,
                    ...(current?.monthly ? { monthly: split(typed, current.monthly) } : {}),
                  });
                return writable ? (
                  <Space size={4}>
                    <InputNumber
                      key={`${u.code}-${key}-${year}-${current?.annual ?? ''}`}
                      size="small"
                      min={0}
                      defaultValue={current?.annual}
                      style={{ width: 100 }}
                      aria-label={`target ${u.code}`}
                      onChange={(v) =>
                        setPending((all) => {
                          const next = { ...all };
                          if (typeof v === 'number' && v !== current?.annual) next[pendingKey] = v;
                          else delete next[pendingKey];
                          return next;
                        })
                      }
                      onPressEnter={save}
                    />
                    {typed !== undefined && (
                      <Button
                        size="small"
                        type="primary"
                        icon={<CheckOutlined />}
                        onClick={save}
                        aria-label={`save ${u.code}`}
                        data-testid={`save-target-${u.code}`}
                      />
                    )}
                    {current && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          setSplitting({
                            unit: u.code,
                            name: u.name,
                            annual: current.annual,
                            monthly: current.monthly ?? split(current.annual),
                            mode: 'month',
                          })
                        }
                      >
                        {t('monthlySplit')}
                      </Button>
                    )}
                  </Space>
                ) : (
                  formatFigure(indicator, current?.annual)
                );
              },
            },
            {
              title: t('actualValue'),
              align: 'right',
              render: (_, u) => {
                const v = u.figures[key];
                if (!v) return '…';
                const link = indicatorProjectsLink(indicator, u.code, year, asOfIso);
                return link ? <Link to={link}>{formatFigure(indicator, v.actual)}</Link> : formatFigure(indicator, v.actual);
              },
            },
            { title: t('completionRate'), align: 'right', render: (_, u) => percent(u.figures[key]?.completion ?? null, 1) },
            { title: t('vsSchedule'), align: 'right', render: (_, u) => pointsText(u.figures[key]?.pointsVsSchedule, t) },
            { title: t('lastYearSamePeriod'), align: 'right', render: (_, u) => formatFigure(indicator, u.figures[key]?.lastYearActual) },
            { title: t('yoy'), align: 'right', render: (_, u) => percent(u.figures[key]?.yoy ?? null, 1) },
            {
              title: t('status'),
              render: (_, u) => {
                const status = u.figures[key]?.status;
                return status ? <Tag color={STATUS_TAG_COLORS[status]}>{t(`scheduleStanding.${status}`)}</Tag> : '—';
              },
            },
          ]}
        />
      </Card>
      <Row gutter={12}>
        {cohort.data && (
          <Col xs={24} xl={14}>
            <Card size="small" title={t('cohortRates', { year })} data-testid="cohort-card">
              <Row gutter={16}>
                {(
                  [
                    ['landingRate', 'landed', 'cohort_landed', t('landingRate')],
                    ['startRate', 'started', 'cohort_started', t('startRate')],
                    ['productionRate', 'producing', 'cohort_producing', t('productionRate')],
                    ['listingRate', 'listed', 'cohort_listed', t('listingRate')],
                  ] as const
                ).map(([rate, count, set, label]) => (
                  <Col key={rate} xs={12} md={6}>
                    <Statistic title={label} value={percent(cohort.data[rate], 2)} />
                    <Typography.Text type="secondary">
                      <Link to={rateProjectsLink(set, root, year, asOfIso)}>{cohort.data[count]}</Link> /{' '}
                      <Link to={rateProjectsLink('cohort_signed', root, year, asOfIso)}>{cohort.data.signed}</Link>
                    </Typography.Text>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        )}
        {construction.data && (
          <Col xs={24} xl={10}>
            <Card size="small" title={t('constructionRates', { year })} data-testid="construction-card">
              <Row gutter={16}>
                <Col span={12}>
                  <Statistic title={t('plannedStartRate')} value={percent(construction.data.startRate, 1)} />
                  <Typography.Text type="secondary">
                    <Link to={rateProjectsLink('plan_started', root, year, asOfIso)}>{construction.data.started}</Link> /{' '}
                    <Link to={rateProjectsLink('plan_planned', root, year, asOfIso)}>{construction.data.planned}</Link>
                  </Typography.Text>
                </Col>
                <Col span={12}>
                  <Statistic title={t('dueStartRate')} value={percent(construction.data.dueStartRate, 1)} />
                  <Typography.Text type="secondary">
                    <Link to={rateProjectsLink('plan_due_started', root, year, asOfIso)}>{construction.data.dueStarted}</Link> /{' '}
                    <Link to={rateProjectsLink('plan_due', root, year, asOfIso)}>{construction.data.due}</Link>
                  </Typography.Text>
                </Col>
              </Row>
            </Card>
          </Col>
        )}
      </Row>
      {splitting && (
        <Modal
          open
          width={680}
          title={`${t('monthlySplit')} · ${splitting.name} · ${formatFigure(indicator, splitting.annual)}`}
          onCancel={() => setSplitting(null)}
          okText={t('save')}
          cancelText={t('cancel')}
          confirmLoading={saveTarget.isPending}
          okButtonProps={{ disabled: Math.abs(splitSum - splitting.annual) > 0.01 }}
          onOk={() => submitTarget({ unit: splitting.unit, annual: splitting.annual, monthly: splitting.monthly })}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Segmented
                value={splitting.mode}
                onChange={(mode) => setSplitting({ ...splitting, mode: mode as 'month' | 'quarter' })}
                options={[
                  { value: 'month', label: t('byMonth') },
                  { value: 'quarter', label: t('byQuarter') },
                ]}
              />
              <Button
                size="small"
                onClick={() => setSplitting({ ...splitting, monthly: split(splitting.annual) })}
                data-testid="split-evenly"
              >
                {t('splitEvenly')}
              </Button>
              {whole && (
                <Segmented
                  size="small"
                  value={remainderAt}
                  onChange={(v) => {
                    const at = v as RemainderAt;
                    setRemainderAt(at);
                    setSplitting({ ...splitting, monthly: splitAnnual(splitting.annual, undefined, { whole, remainderAt: at }) });
                  }}
                  options={[
                    { value: 'last', label: t('remainderLast') },
                    { value: 'first', label: t('remainderFirst') },
                  ]}
                  data-testid="split-remainder"
                />
              )}
              <Button size="small" onClick={() => void loadProfile()} data-testid="split-profile">
                {t('splitByLastYear')}
              </Button>
            </Space>
            {splitting.mode === 'month' ? (
              <Row gutter={[8, 8]}>
                {splitting.monthly.map((value, i) => (
                  <Col span={6} key={i}>
                    <InputNumber
                      size="small"
                      addonBefore={t('monthShort', { month: i + 1 })}
                      min={0}
                      precision={whole ? 0 : 2}
                      value={value}
                      style={{ width: '100%' }}
                      aria-label={`month ${i + 1}`}
                      onChange={(v) => setSplitting({ ...splitting, monthly: splitting.monthly.map((m, j) => (j === i ? (v ?? 0) : m)) })}
                    />
                  </Col>
                ))}
              </Row>
            ) : (
              <Row gutter={[8, 8]}>
                {QUARTER_MONTHS.map((months, q) => (
                  <Col span={12} key={q}>
                    <InputNumber
                      size="small"
                      addonBefore={t('quarterN', { n: q + 1 })}
                      min={0}
                      value={Math.round(months.reduce((s, m) => s + splitting.monthly[m]!, 0) * 100) / 100}
                      style={{ width: '100%' }}
                      aria-label={`quarter ${q + 1}`}
                      precision={whole ? 0 : 2}
                      onChange={(v) => {
                        // A quarter's figure is spread over its three months: a count in whole projects (the units
                        // left over in its last months, or its first), an amount to the cent (the remainder on the last).
                        const total = v ?? 0;
                        const thirds = whole
                          ? [0, 1, 2].map((k) => {
                              const base = Math.floor(total / 3);
                              const left = total - 3 * base;
                              return base + ((remainderAt === 'last' ? k >= 3 - left : k < left) ? 1 : 0);
                            })
                          : [
                              Math.round((total / 3) * 100) / 100,
                              Math.round((total / 3) * 100) / 100,
                              Math.round((total - (2 * Math.round((total / 3) * 100)) / 100) * 100) / 100,
                            ];
                        setSplitting({
                          ...splitting,
                          monthly: splitting.monthly.map((m, i) => (months.includes(i) ? thirds[months.indexOf(i)]! : m)),
                        });
                      }}
                    />
                  </Col>
                ))}
              </Row>
            )}
            <Typography.Text type={Math.abs(splitSum - splitting.annual) > 0.01 ? 'danger' : 'secondary'}>
              {t('splitSum', { sum: splitSum, annual: splitting.annual })}
            </Typography.Text>
          </Space>
        </Modal>
      )}
      <Modal
        open={Boolean(issuing)}
        title={t('issueTargetsTitle', { year })}
        onCancel={() => setIssuing(null)}
        onOk={() => issue.mutate(issuing?.note ?? '')}
        confirmLoading={issue.isPending}
        okText={t('issueTargets')}
        destroyOnClose
      >
        <Typography.Paragraph>{t('issueTargetsHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('issueNote')}
          value={issuing?.note}
          onChange={(e) => setIssuing({ note: e.target.value })}
          data-testid="issue-note"
        />
      </Modal>
      <Modal
        open={Boolean(revision)}
        title={t('revisionTitle', { version: targetRows.data?.issued?.version ?? '' })}
        onCancel={() => setRevision(null)}
        onOk={() => revision && saveTarget.mutate({ ...revision.body, reason: revision.reason })}
        okButtonProps={{ disabled: !revision?.reason.trim() }}
        confirmLoading={saveTarget.isPending}
        destroyOnClose
      >
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('revisionReason')}
          value={revision?.reason}
          onChange={(e) => revision && setRevision({ ...revision, reason: e.target.value })}
          data-testid="revision-reason"
        />
      </Modal>
    </Space>
  );
}
