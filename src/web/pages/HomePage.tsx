import { yiLabel } from '../../shared/money.ts';
import { Button, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { type UnitKind, type UnitLevel } from '../../shared/units.ts';
import { STAGES } from '../../shared/projects/stages.ts';
import { yi } from '../ledger.ts';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { DeskCard } from './Desk.tsx';

export function HomePage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const navigate = useNavigate();
  const overview = useApi(
    'GET /api/v1/units/:code/overview',
    { params: { code: me?.unit.code } },
    { enabled: Boolean(me && can('org:read')) },
  );
  const summary = useApi(
    'GET /api/v1/projects/summary',
    { query: { unit: me?.unit.code } },
    { enabled: Boolean(me && can('business:read')) },
  );
  if (!me) return null;
  const link = (params: Record<string, string>) => `/projects?${new URLSearchParams({ unit: me.unit.code, ...params }).toString()}`;

  return (
    <div>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('welcome', { name: me.user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{can('org:read') ? t('scopeHint', { unit: me.unit.name }) : t('auditorHome')}</Typography.Text>
        {!can('org:read') && can('audit:read') && (
          <div style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => navigate('/audit')}>
              {t('openAudit')}
            </Button>
          </div>
        )}
      </Card>
      {can('business:read') && <DeskCard />}
      {summary.data && (
        <Card title={t('ledger')} size="small" style={{ marginBottom: 16 }} data-testid="ledger-summary">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6} lg={4}>
              <Link to={link({ status: 'normal,paused' })} data-testid="home-projects" data-count={summary.data.count}>
                <Statistic title={t('projectsInForce')} value={summary.data.count} />
              </Link>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Link to={link({ status: 'normal,paused' })}>
                <Statistic title={t('totalInvestmentYi')} value={yi(summary.data.totalInvestmentWan)} />
              </Link>
            </Col>
            {summary.data.byTier.slice(0, 3).map((tier) => (
              <Col key={tier.thresholdYi} xs={12} md={6} lg={4}>
                <Link to={link({ tier: String(tier.thresholdYi), status: 'normal,paused' })} data-count={tier.count}>
                  <Statistic title={t('tierAbove', { amount: yiLabel(tier.thresholdYi, lang) })} value={tier.count} />
                </Link>
              </Col>
            ))}
            <Col xs={12} md={6} lg={4}>
              <Link to={link({ status: 'terminated' })} data-count={summary.data.terminated}>
                <Statistic title={t('terminatedLost')} value={summary.data.terminated} />
              </Link>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('ledgerSummaryBasis', { terminated: summary.data.terminated })}
          </Typography.Text>
          <div style={{ marginTop: 12, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {STAGES.map((stage) => (
              <Link key={stage} to={link({ stage, status: 'normal,paused' })} data-count={summary.data.byStage[stage] ?? 0}>
                <Tag color="blue" style={{ fontSize: 13, padding: '2px 8px' }}>
                  {t(`stage.${stage}`)} {summary.data.byStage[stage] ?? 0}
                </Tag>
              </Link>
            ))}
          </div>
        </Card>
      )}
      {overview.error && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {overview.data && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(['city', 'district', 'park', 'town'] as const)
              .filter((level) => (overview.data.counts.byLevel[level] ?? 0) > 0)
              .map((level) => (
                <Col key={level} xs={12} md={6} lg={4}>
                  <Card size="small">
                    <Statistic
                      title={t(level === 'city' ? 'cities' : level === 'district' ? 'districts' : level === 'park' ? 'parks' : 'towns')}
                      value={overview.data.counts.byLevel[level] ?? 0}
                    />
                  </Card>
                </Col>
              ))}
            <Col xs={12} md={6} lg={4}>
              <Card size="small">
                <Statistic title={t('departmentCount')} value={overview.data.counts.departments} />
              </Card>
            </Col>
            <Col xs={12} md={6} lg={4}>
              <Card size="small">
                <Statistic title={t('userCount')} value={overview.data.counts.users} />
              </Card>
            </Col>
          </Row>
          <Card title={`${t('subUnits')} · ${overview.data.unit.name}`} size="small">
            {overview.data.children.length === 0 ? (
              <Empty description={t('emptyUnits')} />
            ) : (
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={overview.data.children}
                data-testid="child-units"
                columns={[
                  { title: t('code'), dataIndex: 'code', width: 120 },
                  { title: t('name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/org/units/${row.code}`}>{name}</Link> },
                  {
                    title: t('level'),
                    dataIndex: 'level',
                    width: 140,
                    render: (level: string) => t(`unitLevel.${level as UnitLevel}`),
                  },
                  {
                    title: t('kind'),
                    dataIndex: 'kind',
                    width: 120,
                    render: (kind: string) => <Tag>{t(`unitKind.${kind as UnitKind}`)}</Tag>,
                  },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
