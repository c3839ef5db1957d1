import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type PlanStanding } from '../../shared/blockers/sponsor.ts';
import { type Milestone } from '../../shared/projects/milestones.ts';
import { type Stage } from '../../shared/projects/stages.ts';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { urlOf } from '../api/contract.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { pct, useQueryParams, wan } from '../reporting.ts';

interface SponsorView {
  leader: string;
  counts: { total: number; ahead: number; onTime: number; behind: number; openBlockers: number };
  startRate: { planned: number; started: number; rate: number | null };
  investment: { planWan: number; ytdWan: number; rate: number | null };
  items: {
    code: string;
    name: string;
    unitName: string;
    stage: Stage;
    totalInvestmentWan: number;
    standing: PlanStanding;
    next: { key: Milestone; planned: string | null } | null;
    planWan: number | null;
    ytdWan: number;
    blockers: { id: number; description: string; overdue: boolean }[];
  }[];
}

const STANDING_COLORS: Record<PlanStanding, string> = { ahead: 'green', on_time: 'blue', behind: 'red' };

/** 挂钩项目: a sponsoring leader's projects — ahead / on time / behind, next milestones, open blockers, 开工率 and 投资完成率. */
export function SponsorsPage() {
  const { t } = useI18n();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const leaders = useApi('GET /api/v1/sponsors', { query: { unit } });
  const leader = params.get('leader') ?? leaders.data?.items[0]?.leader;
  const view = useApi('GET /api/v1/sponsors/projects', { query: { leader, unit } }, { enabled: Boolean(leader) });
  if (leaders.error) return <QueryError error={leaders.error} onRetry={() => void leaders.refetch()} />;
  const v = view.data;
  return (
    <Card
      title={t('sponsors')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(value) => set('unit', value)} allowClear placeholder={t('units')} style={{ width: 200 }} />
          <Select
            style={{ width: 200 }}
            showSearch
            value={leader}
            onChange={(value: string) => set('leader', value)}
            options={(leaders.data?.items ?? []).map((x) => ({
              value: x.leader,
              label: `${x.leader}${t('parens', { text: x.projects })}`,
            }))}
            placeholder={t('sponsor')}
            data-testid="sponsor-select"
          />
          {leader && <ExportButton url={urlOf('GET /api/v1/sponsors/projects.xlsx', { query: { leader, unit } })} />}
        </Space>
      }
    >
      {!leader && !leaders.isLoading && <Empty description={t('noSponsoredProjectsInScope')} />}
      {v && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Row gutter={[16, 16]} data-testid="sponsor-figures">
            <Col xs={12} md={4}>
              <Statistic title={t('sponsorsProjects')} value={v.counts.total} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('planStanding.ahead')} value={v.counts.ahead} valueStyle={{ color: '#389e0d' }} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('planStanding.on_time')} value={v.counts.onTime} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('planStanding.behind')}
                value={v.counts.behind}
                valueStyle={v.counts.behind ? { color: '#cf1322' } : undefined}
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('startRatePlannedThisYear')}
                value={v.startRate.rate === null ? '—' : pct(v.startRate.rate)}
                suffix={
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                  >{`${v.startRate.started}/${v.startRate.planned}`}</Typography.Text>
                }
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('investmentCompletion')} value={v.investment.rate === null ? '—' : pct(v.investment.rate)} />
            </Col>
          </Row>
          <Table
            rowKey="code"
            size="middle"
            dataSource={v.items}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            data-testid="sponsor-projects"
            columns={[
              {
                title: t('projects'),
                render: (_: unknown, r: SponsorView['items'][number]) => <Link to={`/projects/${r.code}`}>{r.name}</Link>,
              },
              { title: t('units'), dataIndex: 'unitName', width: 140 },
              { title: t('stage'), dataIndex: 'stage', width: 80, render: (stage: Stage) => t(`stage.${stage}`) },
              {
                title: t('totalInvestmentWan'),
                dataIndex: 'totalInvestmentWan',
                width: 120,
                align: 'right' as const,
                render: wan,
              },
              {
                title: t('standing'),
                width: 90,
                render: (_: unknown, r: SponsorView['items'][number]) => (
                  <Tag color={STANDING_COLORS[r.standing]}>{t(`planStanding.${r.standing}`)}</Tag>
                ),
              },
              {
                title: t('nextMilestone'),
                width: 150,
                render: (_: unknown, r: SponsorView['items'][number]) =>
                  r.next ? `${t(`stage.${r.next.key}`)} ${r.next.planned ?? ''}` : '—',
              },
              {
                title: t('planYtd'),
                width: 170,
                render: (_: unknown, r: SponsorView['items'][number]) => (r.planWan ? `${wan(r.planWan)} / ${wan(r.ytdWan)}` : '—'),
              },
              {
                title: t('openBlockers'),
                render: (_: unknown, r: SponsorView['items'][number]) =>
                  r.blockers.length
                    ? r.blockers.map((b) => (
                        <div key={b.id}>
                          <Typography.Text type={b.overdue ? 'danger' : undefined}>{b.description}</Typography.Text>
                        </div>
                      ))
                    : '—',
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
