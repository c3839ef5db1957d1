// 市外招商时间: each person's working days away in a month or a year against the quota of their post, red where it is
// missed; the days open the trips behind them; a reviewer sets posts here.
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, List, Progress, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../shared/api/index.ts';
import { STAFF_POSTS, type StaffPost } from '../../shared/staff/posts.ts';
import { download } from '../api/client.ts';
import { call, urlOf } from '../api/contract.ts';
import { useApi, useInvalidate } from '../api/hooks.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';
import { usePhone } from './TripsPage.tsx';

type Row = ResponseOf<'GET /api/v1/staff/out-of-city'>['items'][number];

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function OutOfCityPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const phone = usePhone();
  const invalidate = useInvalidate();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const year = params.get('year') ?? undefined;
  const month = year ? undefined : (params.get('month') ?? todayDay().format('YYYY-MM'));
  const query = { unit, month, year: year ? Number(year) : undefined };
  const table = useApi('GET /api/v1/staff/out-of-city', { query });
  const post = useMutation({
    mutationFn: ({ username, value }: { username: string; value: StaffPost | null }) =>
      call('PUT /api/v1/staff/:username/post', { params: { username }, body: { post: value } }),
    onSuccess: async () => {
      message.success(t('saved'));
      await invalidate('staff');
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (table.error) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  const data = table.data;
  const missed = data?.items.filter((i) => i.met === false).length ?? 0;
  // the trips of a person in the period: a month's, or the year's first month onward
  const tripsOf = (row: Row) => `/trips?user=${row.username}&month=${month ?? data?.months[data.months.length - 1] ?? ''}`;

  return (
    <Card
      title={t('outOfCity')}
      styles={phone ? { body: { padding: 12 } } : undefined}
      extra={
        can('business:export') &&
        !phone && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(urlOf('GET /api/v1/staff/out-of-city.xlsx', { query })).catch((e) => message.error(errorText(e)))}
          >
            {t('exportExcel')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <UnitSelect value={unit} onChange={(v) => set('unit', v)} placeholder={t('units')} style={{ width: 220 }} />
        <Segmented
          value={year ? 'year' : 'month'}
          onChange={(v) => set('year', v === 'year' ? String(todayDay().year()) : undefined)}
          options={[
            { value: 'month', label: t('byMonth') },
            { value: 'year', label: t('byYear') },
          ]}
          data-testid="period-kind"
        />
        {year ? (
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(v) => set('year', v ? String(v.year()) : undefined)}
          />
        ) : (
          <DatePicker
            picker="month"
            allowClear={false}
            inputReadOnly={phone}
            value={dayjs(`${month}-01`)}
            onChange={(v) => set('month', v ? v.format('YYYY-MM') : undefined)}
            data-testid="out-of-city-month"
          />
        )}
      </Space>
      {data && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Space wrap>
            <Typography.Text data-testid="period-workdays">{t('workdaysOfPeriod', { n: data.workdays })}</Typography.Text>
            {missed > 0 && <Tag color="red">{t('missedCount', { n: missed })}</Tag>}
          </Space>
          {data.approvedOnly && <Alert type="info" showIcon message={t('approvedOnlyNote')} />}
          {data.unknownYears.length > 0 && (
            <Alert type="warning" showIcon message={t('calendarUnknown', { years: data.unknownYears.join('、') })} />
          )}
        </Space>
      )}
      {phone ? (
        <List
          loading={table.isLoading}
          dataSource={data?.items ?? []}
          data-testid="out-of-city-list"
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8, background: row.met === false ? '#fff1f0' : undefined }}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{row.displayName}</Typography.Text>
                  {row.met === null ? null : row.met ? <Tag color="green">{t('quotaMet')}</Tag> : <Tag color="red">{t('quotaMissed')}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {row.unitName}
                  {row.post ? ` · ${t(`staffPost.${row.post}`)} · ${t('quota')} ${pct(row.quota ?? 0)}` : ''}
                </Typography.Text>
                <Link to={tripsOf(row)}>
                  {t('daysAway')} {row.daysAway} / {row.workdays} · {pct(row.share)}
                </Link>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="username"
          size="middle"
          loading={table.isLoading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          data-testid="out-of-city-table"
          rowClassName={(row) => (row.met === false ? 'row-missed' : '')}
          onRow={(row) => ({ style: row.met === false ? { background: '#fff1f0' } : undefined })}
          columns={[
            { title: t('name'), dataIndex: 'displayName', width: 100 },
            { title: t('unit'), dataIndex: 'unitName', width: 150 },
            {
              title: t('post'),
              width: 170,
              render: (_, row) =>
                can('business:review') ? (
                  <Select
                    size="small"
                    style={{ width: 150 }}
                    value={row.post ?? ''}
                    onChange={(value: string) => post.mutate({ username: row.username, value: value ? (value as StaffPost) : null })}
                    options={[{ value: '', label: t('noPost') }, ...STAFF_POSTS.map((p) => ({ value: p, label: t(`staffPost.${p}`) }))]}
                    data-testid={`post-${row.username}`}
                  />
                ) : row.post ? (
                  t(`staffPost.${row.post}`)
                ) : (
                  ''
                ),
            },
            { title: t('workdays'), dataIndex: 'workdays', width: 80, align: 'right' },
            {
              title: t('daysAway'),
              width: 90,
              align: 'right',
              render: (_, row) => (
                <Link to={tripsOf(row)} data-testid={`days-away-${row.username}`}>
                  {row.daysAway}
                </Link>
              ),
            },
            {
              title: t('awayShare'),
              width: 160,
              render: (_, row) => (
                <Progress
                  percent={Math.round(row.share * 1000) / 10}
                  size="small"
                  status={row.met === false ? 'exception' : row.met ? 'success' : 'normal'}
                  format={() => pct(row.share)}
                />
              ),
            },
            { title: t('quota'), width: 80, align: 'right', render: (_, row) => (row.quota === null ? '' : pct(row.quota)) },
            {
              title: t('quotaMet'),
              width: 80,
              render: (_, row) =>
                row.met === null ? '' : row.met ? <Tag color="green">{t('quotaMet')}</Tag> : <Tag color="red">{t('quotaMissed')}</Tag>,
            },
          ]}
        />
      )}
    </Card>
  );
}
