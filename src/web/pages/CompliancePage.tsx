import { DownloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { lateText } from '../../shared/reporting/periods.ts';
import type { ResponseOf } from '../../shared/api/index.ts';

type ComplianceRow = ResponseOf<'GET /api/v1/reporting/compliance'>['rows'][number];
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { beijingTime, COMPLIANCE_COLORS, pct, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayIso } from '../../shared/projects/dates.ts';
import { inZone } from '../time.ts';

/** 报送情况: per unit, the reports due in a month — on time, late (and how late), missing; exportable and countable in a league table. */
export function CompliancePage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const month = params.get('month') ?? todayIso().slice(0, 7);
  const [leagueOpen, setLeagueOpen] = useState(false);
  const { message } = App.useApp();
  const table = useApi('GET /api/v1/reporting/compliance', { query: { unit, month } });
  if (table.error) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  return (
    <Card
      title={t('compliance')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} style={{ width: 220 }} />
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            onChange={(v) => set('month', v?.format('YYYY-MM'))}
            data-testid="compliance-month"
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download(urlOf('GET /api/v1/reporting/compliance.xlsx', { query: { unit, month } })).catch((e: unknown) =>
                message.error(errorText(e)),
              )
            }
          >
            {t('exportExcel')}
          </Button>
          {can('business:write') && (
            <Button icon={<TrophyOutlined />} onClick={() => setLeagueOpen(true)} data-testid="compliance-league">
              {t('toLeague')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('reportsDueInJudgedOn', { month })}</Typography.Paragraph>
      <Table<ComplianceRow>
        rowKey="unitCode"
        loading={table.isLoading}
        dataSource={table.data?.rows ?? []}
        pagination={false}
        data-testid="compliance-table"
        expandable={{
          expandedRowRender: (row) => (
            <Table
              size="small"
              rowKey="submissionId"
              pagination={false}
              dataSource={row.items}
              columns={[
                {
                  title: t('taskName'),
                  render: (_: unknown, i: ComplianceRow['items'][number]) => (
                    <Link to={`/reporting/submissions/${i.submissionId}`}>{i.taskName}</Link>
                  ),
                },
                { title: t('period'), dataIndex: 'periodKey', width: 110 },
                {
                  title: inZone(t('deadline')),
                  width: 170,
                  render: (_: unknown, i: ComplianceRow['items'][number]) => beijingTime(i.dueAt),
                },
                {
                  title: inZone(t('submitted')),
                  width: 170,
                  render: (_: unknown, i: ComplianceRow['items'][number]) => beijingTime(i.firstSubmittedAt),
                },
                {
                  title: t('status'),
                  width: 160,
                  render: (_: unknown, i: ComplianceRow['items'][number]) => (
                    <Tag color={COMPLIANCE_COLORS[i.status]}>
                      {t(`compliance.${i.status}`)}
                      {i.lateHours ? ` ${lateText(i.lateHours, lang)}` : ''}
                    </Tag>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('units'), dataIndex: 'unitName' },
          { title: t('dueCount'), dataIndex: 'due', width: 80, align: 'right' },
          { title: t('onTime'), dataIndex: 'onTime', width: 80, align: 'right' },
          {
            title: t('late'),
            dataIndex: 'late',
            width: 80,
            align: 'right',
            render: (v: number) =>
              v ? (
                <Typography.Text type="warning" strong>
                  {v}
                </Typography.Text>
              ) : (
                0
              ),
          },
          {
            title: t('missing'),
            dataIndex: 'missing',
            width: 80,
            align: 'right',
            render: (v: number) =>
              v ? (
                <Typography.Text type="danger" strong data-testid="missing-count">
                  {v}
                </Typography.Text>
              ) : (
                0
              ),
          },
          { title: t('pending'), dataIndex: 'pending', width: 80, align: 'right' },
          { title: t('lateBy'), dataIndex: 'lateHours', width: 120, render: (v: number) => (v ? lateText(v, lang) : '—') },
          { title: t('onTimeRate'), dataIndex: 'onTimeRate', width: 100, align: 'right', render: (v: number | null) => pct(v) },
        ]}
      />
      {leagueOpen && <LeagueModal unit={unit} month={month} onClose={() => setLeagueOpen(false)} />}
    </Card>
  );
}

function LeagueModal({ unit, month, onClose }: { unit: string; month: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ schemeId: number; latePoints: number; missingPoints: number }>();
  const schemes = useApi('GET /api/v1/league/schemes', { query: { unit: unit } });
  const apply = useMutation({
    mutationFn: (values: { schemeId: number; latePoints: number; missingPoints: number }) =>
      call('POST /api/v1/reporting/compliance/league', { body: { ...values, month } }),
    onSuccess: (result) => {
      message.success(t('adjustmentsApplied', { count: result.adjustments.length }));
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal title={t('toLeague')} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={apply.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ latePoints: -1, missingPoints: -2, schemeId: schemes.data?.items[0]?.id }}
        onFinish={(values) => apply.mutate(values)}
      >
        <Form.Item name="schemeId" label={t('leagueScheme')} rules={[{ required: true }]}>
          <Select loading={schemes.isLoading} options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Space>
          <Form.Item name="latePoints" label={t('latePoints')}>
            <InputNumber max={0} min={-20} step={0.5} />
          </Form.Item>
          <Form.Item name="missingPoints" label={t('missingPoints')}>
            <InputNumber max={0} min={-20} step={0.5} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
