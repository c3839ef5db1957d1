// 领导一屏看: what a leader checks on the phone between meetings — this month's signings and starts against the
// month's share of the target, the year against 序时, the alerts waiting, and the projects they sponsor (挂钩).
// Every figure opens the projects behind it.
import { Badge, Card, Col, Empty, List, Progress, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';
import { alertMessage } from './AlertsPage.tsx';

const STANDING_COLORS = { ahead: 'green', on_time: 'blue', behind: 'red' } as const;
const LIGHT = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
const SPONSOR_KEY = 'zhaoyin.sponsor';

export function LeaderSummaryPage() {
  const { t, l } = useI18n();
  const { me } = useSession();
  const cockpit = useApi('GET /api/v1/cockpit', {});
  const alerts = useApi('GET /api/v1/alerts', { query: { limit: 5 } });
  const leaders = useApi('GET /api/v1/sponsors', {});
  // the sponsor this leader is (挂钩领导 are named on projects): their own name if it is there, else the one they picked
  const names = (leaders.data?.items ?? []).map((s) => s.leader);
  const [picked, setPicked] = useState<string | null>(() => localStorage.getItem(SPONSOR_KEY));
  const sponsor = (picked && names.includes(picked) ? picked : names.find((n) => n === me?.user.displayName)) ?? names[0];
  const sponsored = useApi('GET /api/v1/sponsors/projects', { query: { leader: sponsor ?? '' } }, { enabled: Boolean(sponsor) });
  if (cockpit.error) return <QueryError error={cockpit.error} onRetry={() => void cockpit.refetch()} />;
  const c = cockpit.data;
  const today = todayDay();
  const monthIndex = today.month();
  const monthFirst = today.startOf('month').format('YYYY-MM-DD');
  const todayIso = today.format('YYYY-MM-DD');
  const unit = me?.unit.code ?? '';
  const month = (key: string) => {
    const trend = c?.trend[key];
    return { actual: trend?.thisYear[monthIndex] ?? 0, target: trend?.targetMonthly?.[monthIndex] ?? null };
  };
  const tile = (key: 'signed_projects' | 'started_projects', dateField: 'signed' | 'started', label: string) => {
    const m = month(key);
    const year = c?.self.figures[key];
    const href = `/projects?unit=${unit}&dateField=${dateField}&from=${monthFirst}&to=${todayIso}`;
    return (
      <Card size="small" data-testid={`summary-${key}`}>
        <Link to={href} data-count={m.actual}>
          <Statistic title={label} value={m.actual} suffix={m.target !== null ? `/ ${m.target.toFixed(1)}` : undefined} />
        </Link>
        {year && (
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <Progress
              percent={Math.round((year.completion ?? 0) * 1000) / 10}
              size="small"
              strokeColor={year.status ? LIGHT[year.status] : undefined}
              showInfo
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('summaryYear', { actual: year.actual, target: year.target ?? '—' })}
            </Typography.Text>
          </Space>
        )}
      </Card>
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="leader-summary">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('leaderSummary')} · {me?.unit.name}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('summaryAsOf', { day: todayIso, schedule: c ? Math.round(c.scheduleProgress * 100) : '—' })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          {tile('signed_projects', 'signed', t('summarySignedThisMonth'))}
        </Col>
        <Col xs={12} md={6}>
          {tile('started_projects', 'started', t('summaryStartedThisMonth'))}
        </Col>
      </Row>
      <Card
        size="small"
        title={
          <Space>
            {t('alertCenter')}
            <Badge count={alerts.data?.total ?? 0} overflowCount={999} />
          </Space>
        }
        extra={<Link to="/alerts">{t('viewAll')}</Link>}
      >
        <List
          size="small"
          loading={alerts.isLoading}
          dataSource={alerts.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('noAlerts')} /> }}
          renderItem={(a) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space size={4}>
                  <Tag color={a.severity === 'high' ? 'red' : a.severity === 'medium' ? 'orange' : 'blue'}>
                    {t(`severity.${a.severity}`)}
                  </Tag>
                  {a.projectCode ? <Link to={`/projects/${encodeURIComponent(a.projectCode)}`}>{a.projectName}</Link> : a.companyName}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {alertMessage(a, t, l)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title={t('summarySponsored')}
        extra={
          names.length > 1 && (
            <Select
              size="small"
              value={sponsor}
              style={{ width: 120 }}
              onChange={(v: string) => {
                localStorage.setItem(SPONSOR_KEY, v);
                setPicked(v);
              }}
              options={names.map((n) => ({ value: n, label: n }))}
              data-testid="summary-sponsor"
            />
          )
        }
      >
        {sponsored.data && (
          <Space size="large" style={{ marginBottom: 8 }}>
            <Statistic title={t('summaryAhead')} value={sponsored.data.counts.ahead} valueStyle={{ color: LIGHT.green }} />
            <Statistic title={t('summaryOnTime')} value={sponsored.data.counts.onTime} />
            <Statistic title={t('summaryBehind')} value={sponsored.data.counts.behind} valueStyle={{ color: LIGHT.red }} />
          </Space>
        )}
        <List
          size="small"
          loading={sponsored.isLoading}
          dataSource={(sponsored.data?.items ?? []).slice(0, 8)}
          locale={{ emptyText: <Empty description={t('summaryNoSponsored')} /> }}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space size={4} wrap>
                  <Link to={`/projects/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                  <Tag color={STANDING_COLORS[p.standing]}>{t(`planStanding.${p.standing}`)}</Tag>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.unitName} · {t(`stage.${p.stage}`)}
                  {p.blockers.length ? ` · ${t('summaryOpenBlockers', { n: p.blockers.length })}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {sponsor && (
          <Link to={`/sponsors?leader=${encodeURIComponent(sponsor)}`} style={{ display: 'block', marginTop: 8 }}>
            {t('viewAll')}
          </Link>
        )}
      </Card>
    </Space>
  );
}
