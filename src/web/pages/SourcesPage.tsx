// 线索来源转化: a year's new leads by source and how far they came (在谈, 签约, 开工), each count opening its projects.
import { Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../shared/api/index.ts';
import type { SourceStep } from '../../shared/projects/classification.ts';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { urlOf } from '../api/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { yi } from '../ledger.ts';
import { useQueryParams } from '../reporting.ts';
import { thisYear } from '../time.ts';

type Row = ResponseOf<'GET /api/v1/sources/conversion'>['items'][number];

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function SourcesPage() {
  const { t, tCode } = useI18n();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const year = Number(params.get('year') ?? thisYear());
  const table = useApi('GET /api/v1/sources/conversion', { query: { unit, year } });
  if (table.error) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  // a count opens the projects behind it: the same cohort and step as the ledger's drill-down
  const link = (row: Row, step: SourceStep, n: number) => {
    const query = new URLSearchParams({ sourceStep: step, year: String(year) });
    if (row.source !== 'total') query.set('source', row.source);
    if (unit) query.set('unit', unit);
    return (
      <Link to={`/projects?${query}`} data-count={n} data-testid={`conversion-${row.source}-${step}`}>
        {n}
      </Link>
    );
  };
  const rows = [...(table.data?.items ?? []), ...(table.data ? [table.data.total] : [])];
  const name = (row: Row) =>
    row.source === 'total' ? t('totalRow') : row.source === 'none' ? t('noLeadSource') : tCode('leadSource', row.source);
  return (
    <Card
      title={t('sourceConversion')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} placeholder={t('units')} style={{ width: 220 }} />
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(v) => set('year', v ? String(v.year()) : undefined)}
          />
          <ExportButton url={urlOf('GET /api/v1/sources/conversion.xlsx', { query: { unit, year } })} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('conversionYearHint', { year })}</Typography.Paragraph>
      <Table<Row>
        rowKey="source"
        size="middle"
        loading={table.isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="conversion-table"
        onRow={(row) => ({ style: row.source === 'total' ? { fontWeight: 600, background: '#fafafa' } : undefined })}
        columns={[
          { title: t('leadSourceColumn'), render: (_, row) => name(row) },
          { title: t('sourceStep.leads'), align: 'right', render: (_, row) => link(row, 'leads', row.leads) },
          { title: t('sourceStep.negotiating'), align: 'right', render: (_, row) => link(row, 'negotiating', row.negotiating) },
          { title: t('conversionRate'), align: 'right', render: (_, row) => pct(row.rates.negotiating) },
          { title: t('sourceStep.signed'), align: 'right', render: (_, row) => link(row, 'signed', row.signed) },
          { title: t('conversionRate'), align: 'right', render: (_, row) => pct(row.rates.signed) },
          { title: t('sourceStep.started'), align: 'right', render: (_, row) => link(row, 'started', row.started) },
          { title: t('conversionRate'), align: 'right', render: (_, row) => pct(row.rates.started) },
          { title: t('leadInvestment'), align: 'right', render: (_, row) => yi(row.investmentWan) },
          { title: t('signedInvestment'), align: 'right', render: (_, row) => yi(row.signedInvestmentWan) },
        ]}
      />
    </Card>
  );
}
