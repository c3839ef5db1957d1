import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { lateText } from '../../shared/reporting/periods.ts';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { urlOf } from '../api/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { beijingTime, COMPLIANCE_COLORS, SUBMISSION_STATUS_COLORS, type SubmissionHeader, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { inZone } from '../time.ts';

type Filter = 'open' | 'submitted' | 'approved' | 'all';

/** 填报: the reports of the user's unit and below — what to fill, what to review, what is done. */
export function ReportingPage() {
  const { t, l, lang } = useI18n();
  const { can } = useSession();
  const [params, set] = useQueryParams();
  const filter = (params.get('status') as Filter | null) ?? (can('business:review') && !can('business:write') ? 'submitted' : 'open');
  const unit = params.get('unit') ?? undefined;
  const list = useApi('GET /api/v1/reporting/submissions', { query: { status: filter === 'all' ? undefined : filter, unit, limit: 300 } });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      title={t('mySubmissions')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} allowClear placeholder={t('units')} style={{ width: 220 }} />
          <Segmented<Filter>
            value={filter}
            onChange={(v) => set('status', v)}
            options={[
              { value: 'open', label: t('toFill') },
              { value: 'submitted', label: t('toReview') },
              { value: 'approved', label: t('approvedList') },
              { value: 'all', label: t('allSubmissions') },
            ]}
            data-testid="submission-filter"
          />
          <ExportButton
            url={urlOf('GET /api/v1/reporting/submissions/export', { query: { status: filter === 'all' ? undefined : filter, unit } })}
          />
        </Space>
      }
    >
      <Table<SubmissionHeader>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="submissions-table"
        columns={[
          {
            title: t('taskName'),
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <Link to={`/reporting/submissions/${row.id}`}>{row.task.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`taskKind.${row.task.kind}`)} · {row.task.unitName}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('units'), dataIndex: 'unitName', width: 160 },
          { title: t('period'), width: 150, render: (_, row) => l(row.periodLabel) },
          { title: inZone(t('deadline')), width: 170, render: (_, row) => beijingTime(row.dueAt) },
          {
            title: t('status'),
            width: 130,
            render: (_, row) => <Tag color={SUBMISSION_STATUS_COLORS[row.status]}>{t(`submissionStatus.${row.status}`)}</Tag>,
          },
          {
            title: t('compliance'),
            width: 150,
            render: (_, row) => (
              <Tag color={COMPLIANCE_COLORS[row.compliance.status]}>
                {t(`compliance.${row.compliance.status}`)}
                {row.compliance.lateHours ? ` ${lateText(row.compliance.lateHours, lang)}` : ''}
              </Tag>
            ),
          },
          {
            title: t('actions'),
            width: 80,
            render: (_, row) => (
              <Link to={`/reporting/submissions/${row.id}`} data-testid={`open-submission-${row.task.id}-${row.unit}-${row.periodKey}`}>
                {t('open')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
