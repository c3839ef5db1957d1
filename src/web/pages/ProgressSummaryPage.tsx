import { Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ResponseOf } from '../../shared/api/index.ts';

type ProgressSummaryRow = ResponseOf<'GET /api/v1/progress/summary'>['self'];

import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { urlOf } from '../api/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { pct, wan, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';
import { todayIso } from '../../shared/projects/dates.ts';

/** 投资完成情况: by child unit, projects with a plan or progress this year — plan, this month, year to date, 完成年度% against 序时. */
export function ProgressSummaryPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const month = params.get('month') ?? todayIso().slice(0, 7);
  const summary = useApi('GET /api/v1/progress/summary', { query: { unit, month } });
  if (summary.error) return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  const rows = summary.data ? [...summary.data.children, { ...summary.data.self, unitName: t('unitTotal') }] : [];
  return (
    <Card
      title={t('progressSummary')}
      extra={
        <Space>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} style={{ width: 220 }} />
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            disabledDate={(d) => d.isAfter(todayDay(), 'month')}
            onChange={(v) => set('month', v?.format('YYYY-MM'))}
          />
          <ExportButton url={urlOf('GET /api/v1/progress/summary.xlsx', { query: { unit, month } })} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('scheduleAtTheEndOf', { value: pct(summary.data?.schedule), month })}</Typography.Paragraph>
      <Table<ProgressSummaryRow>
        rowKey="unitCode"
        size="middle"
        loading={summary.isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="progress-summary"
        columns={[
          { title: t('units'), dataIndex: 'unitName' },
          { title: t('projectsCount'), dataIndex: 'projects', align: 'right', width: 90 },
          { title: t('totalInvestmentWan'), dataIndex: 'totalInvestmentWan', align: 'right', render: wan },
          { title: t('annualPlanWan'), dataIndex: 'annualPlanWan', align: 'right', render: wan },
          { title: t('thisMonthWan'), dataIndex: 'monthWan', align: 'right', render: wan },
          { title: t('ytdWan'), dataIndex: 'ytdWan', align: 'right', render: wan },
          { title: t('completionRate'), dataIndex: 'completion', align: 'right', render: pct },
          {
            title: t('points'),
            dataIndex: 'points',
            align: 'right',
            render: (v: number | null) =>
              v === null ? (
                '—'
              ) : (
                <Typography.Text type={v >= 0 ? 'success' : 'danger'}>{`${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
