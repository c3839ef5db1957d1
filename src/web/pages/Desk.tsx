import { Badge, Card, Col, Empty, Grid, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DeskKind } from '../../shared/desk.ts';
import type { ResponseOf } from '../../shared/api/index.ts';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { useI18n, type Translate } from '../i18n/index.tsx';

type DeskItem = ResponseOf<'GET /api/v1/desk'>['items'][number];

const KIND_COLORS: Record<DeskKind, string> = {
  fill: 'blue',
  returned: 'red',
  review: 'purple',
  blocker: 'volcano',
  confirm_blocker: 'cyan',
  issue_targets: 'gold',
  meeting: 'green',
  alert: 'orange',
};

/** Where a to-do is done. */
export function deskLink(item: Pick<DeskItem, 'kind' | 'ref'>): string {
  switch (item.kind) {
    case 'fill':
    case 'returned':
    case 'review':
      return `/reporting/submissions/${item.ref}`;
    case 'blocker':
      return `/blockers?tab=mine&blocker=${item.ref}`;
    case 'confirm_blocker':
      return `/blockers?status=resolved&blocker=${item.ref}`;
    case 'issue_targets':
      return `/targets?year=${item.ref}`;
    case 'meeting':
      return `/meetings/${item.ref}`;
    case 'alert':
      return '/alerts?assignee=me';
  }
}

/** Due today, to the person: a report waiting for review was due for the unit that filled it, not for the reviewer. */
const dueToday = (item: DeskItem, today: string | undefined): boolean => item.dueOn === today && item.kind !== 'review';

function detailOf(item: DeskItem, t: Translate): string | null {
  if (item.kind === 'returned')
    return [item.count ? t('deskReturnedRows', { count: item.count }) : null, item.detail].filter(Boolean).join('：');
  if (item.kind === 'issue_targets')
    return [
      t('deskIssueTargets', { year: item.title, count: item.count ?? 0 }),
      item.detail ? t('deskIssuedVersion', { version: item.detail }) : null,
    ]
      .filter(Boolean)
      .join('；');
  if (item.kind === 'meeting') return [item.detail, item.count ? t('deskAgenda', { count: item.count }) : null].filter(Boolean).join(' · ');
  return item.detail;
}

/** 工作台: what the signed-in person must do, by deadline (the server decides what is theirs by role, unit and department). */
export function DeskCard() {
  const { t } = useI18n();
  const desk = useApi('GET /api/v1/desk');
  // on a phone the list is a column of cards (a four-column table leaves the title one character wide)
  const narrow = !Grid.useBreakpoint().md;
  if (desk.error) return <QueryError error={desk.error} onRetry={() => void desk.refetch()} />;
  const counts = desk.data?.counts;
  return (
    <>
      <Card
        title={t('myDesk')}
        size="small"
        style={{ marginBottom: 16 }}
        data-testid="desk"
        extra={
          counts && (
            <Space wrap size={4}>
              {(Object.entries(counts) as [DeskKind, number][])
                .filter(([, n]) => n > 0)
                .map(([kind, n]) => (
                  <Tag key={kind} color={KIND_COLORS[kind]} data-testid={`desk-count-${kind}`}>
                    {t(`deskKind.${kind}`)} {n}
                  </Tag>
                ))}
            </Space>
          )
        }
      >
        {narrow ? (
          <List<DeskItem>
            size="small"
            loading={desk.isLoading}
            dataSource={desk.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deskEmpty')} /> }}
            renderItem={(item) => {
              const detail = detailOf(item, t);
              return (
                <List.Item className={item.overdueDays > 0 ? 'row-overdue' : undefined} style={{ display: 'block' }}>
                  <Space size={6} wrap>
                    <Tag color={KIND_COLORS[item.kind]}>{t(`deskKind.${item.kind}`)}</Tag>
                    {item.dueOn && <span>{item.dueOn}</span>}
                    {item.overdueDays > 0 && (
                      <Typography.Text type="danger">{t('deskOverdue', { days: item.overdueDays })}</Typography.Text>
                    )}
                  </Space>
                  <div style={{ marginTop: 4 }}>
                    <Link to={deskLink(item)} data-testid={`desk-item-${item.kind}`}>
                      {item.kind === 'issue_targets' ? t('deskKind.issue_targets') : item.title}
                    </Link>
                  </div>
                  {detail && (
                    <Typography.Text type={item.kind === 'returned' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                      {detail}
                    </Typography.Text>
                  )}
                  {item.unitName && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.unitName}
                      </Typography.Text>
                    </div>
                  )}
                </List.Item>
              );
            }}
          />
        ) : (
          <Table<DeskItem>
            size="small"
            rowKey={(item) => `${item.kind}-${item.ref}`}
            loading={desk.isLoading}
            dataSource={desk.data?.items ?? []}
            pagination={(desk.data?.items.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deskEmpty')} /> }}
            rowClassName={(item) => (item.overdueDays > 0 ? 'row-overdue' : '')}
            columns={[
              {
                title: t('deskDue'),
                width: 150,
                render: (_, item) =>
                  item.dueOn ? (
                    <Space direction="vertical" size={0}>
                      <span>{item.dueOn}</span>
                      {item.overdueDays > 0 ? (
                        <Typography.Text type="danger" style={{ fontSize: 12 }}>
                          {t('deskOverdue', { days: item.overdueDays })}
                        </Typography.Text>
                      ) : dueToday(item, desk.data?.asOf) ? (
                        <Typography.Text type="warning" style={{ fontSize: 12 }}>
                          {t('deskDueToday')}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              { title: t('kind'), width: 130, render: (_, item) => <Tag color={KIND_COLORS[item.kind]}>{t(`deskKind.${item.kind}`)}</Tag> },
              {
                title: t('deskWhat'),
                render: (_, item) => {
                  const detail = detailOf(item, t);
                  return (
                    <Space direction="vertical" size={0}>
                      <Link to={deskLink(item)} data-testid={`desk-item-${item.kind}`}>
                        {item.kind === 'issue_targets' ? t('deskKind.issue_targets') : item.title}
                      </Link>
                      {detail && (
                        <Typography.Text type={item.kind === 'returned' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                          {detail}
                        </Typography.Text>
                      )}
                    </Space>
                  );
                },
              },
              { title: t('deskWho'), width: 200, render: (_, item) => item.unitName ?? '—' },
            ]}
          />
        )}
      </Card>
      {desk.data && desk.data.alerts.some((a) => a.open + a.snoozed > 0) && <AlertTriageCard alerts={desk.data.alerts} />}
    </>
  );
}

/** Alerts per kind as a person can act on them: the high ones, their own, those nobody handles, those set aside. */
function AlertTriageCard({ alerts }: { alerts: ResponseOf<'GET /api/v1/desk'>['alerts'] }) {
  const { t } = useI18n();
  const cell = (kind: string, value: number, query: string, testid?: string, danger = false) => (
    // data-alerts, not data-count: these open alerts, not projects
    <Link to={`/alerts?kind=${kind}${query}`} data-testid={testid} data-alerts={value}>
      {danger && value ? (
        <Typography.Text type="danger" strong>
          {value}
        </Typography.Text>
      ) : (
        value
      )}
    </Link>
  );
  return (
    <Card title={t('alertTriage')} size="small" style={{ marginBottom: 16 }} data-testid="alert-triage">
      <Row gutter={[16, 12]}>
        {alerts
          .filter((a) => a.open + a.snoozed > 0)
          .map((a) => (
            <Col key={a.kind} xs={24} sm={12} lg={8} xl={6}>
              <Card size="small" type="inner" title={<Link to={`/alerts?kind=${a.kind}`}>{t(`alertKind.${a.kind}`)}</Link>}>
                <Row gutter={8}>
                  <Col span={8}>
                    <Statistic
                      title={t('alertOpen')}
                      value={a.open}
                      valueRender={() => cell(a.kind, a.open, '', `triage-open-${a.kind}`)}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('alertHigh')}
                      value={a.high}
                      valueRender={() => cell(a.kind, a.high, '&severity=high', undefined, true)}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('alertMine')}
                      value={a.mine}
                      valueRender={() => cell(a.kind, a.mine, '&assignee=me', `triage-mine-${a.kind}`)}
                    />
                  </Col>
                </Row>
                <Space size={12} style={{ marginTop: 4, fontSize: 12 }}>
                  <span>
                    {t('alertUnassigned')} {cell(a.kind, a.unassigned, '&assignee=none')}
                  </span>
                  <span>
                    {t('alertSnoozed')} {cell(a.kind, a.snoozed, '&snoozed=only')}
                  </span>
                  {a.unread > 0 && <Badge count={a.unread} overflowCount={9999} title={t('unreadAlerts')} />}
                </Space>
              </Card>
            </Col>
          ))}
      </Row>
    </Card>
  );
}
