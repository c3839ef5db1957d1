import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { nextMilestone, planStanding, type MilestonePlan } from '../../shared/blockers/sponsor.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAGE_LABELS, type Stage } from '../../shared/projects/stages.ts';
import { cohortRate } from '../../shared/targets/period.ts';
import { rowsOf, type Db } from '../db/client.ts';
import { blockers } from '../blockers/schema.ts';
import { requireActor, type App } from '../http/platform.ts';
import { escapeLike } from '../projects/repository.ts';
import { projects } from '../projects/schema.ts';
import { projectAnnualPlans, projectProgress } from '../reporting/schema.ts';
import { scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';

const MILESTONE_LABELS: Record<string, string> = {
  signed: '签约',
  registered: '注册',
  started: '开工',
  completed: '竣工',
  producing: '投产',
  at_capacity: '达产',
};

export function registerSponsorRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/sponsors',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['sponsors'],
        summary: '挂钩领导及其挂钩项目数（本单位及下级）',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const rows = await db
        .select({ leader: projects.sponsorLeader, count: sql<number>`count(*)::int` })
        .from(projects)
        .where(
          and(
            sql`${projects.unitPath} like ${`${escapeLike(path)}%`}`,
            sql`${projects.sponsorLeader} is not null and ${projects.sponsorLeader} <> ''`,
            sql`${projects.status} <> 'terminated'`,
          ),
        )
        .groupBy(projects.sponsorLeader)
        .orderBy(sql`count(*) desc`, asc(projects.sponsorLeader));
      return { items: rows.map((r) => ({ leader: r.leader!, projects: r.count })) };
    },
  );

  app.get(
    '/api/v1/sponsors/projects',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['sponsors'],
        summary: '某挂钩领导的项目：超前/按计划/滞后、下一节点、未销号问题，以及开工率和投资完成率',
        querystring: z.object({ leader: z.string().min(1).max(40), unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const today = todayIso();
      const year = Number(today.slice(0, 4));
      const rows = await db
        .select({ project: projects, unitName: units.name })
        .from(projects)
        .innerJoin(units, eq(units.code, projects.unitCode))
        .where(
          and(
            sql`${projects.unitPath} like ${`${escapeLike(path)}%`}`,
            eq(projects.sponsorLeader, request.query.leader),
            sql`${projects.status} <> 'terminated'`,
          ),
        )
        .orderBy(sql`${projects.totalInvestmentWan} desc`)
        .limit(500);
      const ids = rows.map((r) => r.project.id);
      const [openBlockers, progress] = ids.length
        ? await Promise.all([
            db
              .select()
              .from(blockers)
              .where(and(sql`${blockers.projectId} = any(${sql.param(ids)}::uuid[])`, sql`${blockers.status} <> 'closed'`))
              .orderBy(asc(blockers.deadline)),
            db.execute(sql`select p.id::text as id, ap.planned_wan, coalesce((select sum(x.invested_wan) from ${projectProgress} x where x.project_id = p.id and x.month between ${`${year}-01`} and ${`${year}-12`}), 0)::float8 as ytd
              from ${projects} p left join ${projectAnnualPlans} ap on ap.project_id = p.id and ap.year = ${year} where p.id = any(${sql.param(ids)}::uuid[])`),
          ])
        : [[], null];
      const progressRows = progress ? rowsOf<{ id: string; planned_wan: number | null; ytd: number }>(progress) : [];
      const items = rows.map(({ project: p, unitName }) => {
        const milestones: MilestonePlan[] = [
          { key: 'signed', planned: p.plannedSignedOn, actual: p.signedOn },
          {
            key: 'registered',
            planned: p.plannedRegisteredOn,
            actual: p.registeredOn ?? p.startedOn ?? p.completedOn ?? p.producingOn ?? p.atCapacityOn,
          },
          { key: 'started', planned: p.plannedStartedOn, actual: p.startedOn ?? p.completedOn ?? p.producingOn ?? p.atCapacityOn },
          { key: 'completed', planned: p.plannedCompletedOn, actual: p.completedOn ?? p.producingOn ?? p.atCapacityOn },
          { key: 'producing', planned: p.plannedProducingOn, actual: p.producingOn ?? p.atCapacityOn },
          { key: 'at_capacity', planned: p.plannedAtCapacityOn, actual: p.atCapacityOn },
        ];
        const next = nextMilestone(milestones);
        const pr = progressRows.find((r) => r.id === p.id);
        return {
          code: p.code,
          name: p.name,
          unitName,
          stage: p.stage,
          stageLabel: STAGE_LABELS[p.stage as Stage]?.zh ?? p.stage,
          totalInvestmentWan: p.totalInvestmentWan,
          standing: planStanding(milestones, today),
          next: next ? { label: MILESTONE_LABELS[next.key]!, planned: next.planned } : null,
          plannedStartThisYear: p.plannedStartedOn !== null && p.plannedStartedOn.startsWith(String(year)),
          started: Boolean(p.startedOn ?? p.completedOn ?? p.producingOn ?? p.atCapacityOn),
          planWan: pr?.planned_wan === null || pr?.planned_wan === undefined ? null : Number(pr.planned_wan),
          ytdWan: Number(pr?.ytd ?? 0),
          blockers: openBlockers
            .filter((b) => b.projectId === p.id)
            .map((b) => ({
              id: b.id,
              description: b.description,
              status: b.status,
              deadline: b.deadline,
              overdue: b.deadline !== null && b.deadline < today && (b.status === 'open' || b.status === 'in_progress'),
            })),
        };
      });
      const plannedStarts = items.filter((i) => i.plannedStartThisYear);
      const plan = items.reduce((a, i) => a + (i.planWan ?? 0), 0);
      const ytd = items.reduce((a, i) => a + (i.planWan ? i.ytdWan : 0), 0);
      return {
        leader: request.query.leader,
        counts: {
          total: items.length,
          ahead: items.filter((i) => i.standing === 'ahead').length,
          onTime: items.filter((i) => i.standing === 'on_time').length,
          behind: items.filter((i) => i.standing === 'behind').length,
          openBlockers: items.reduce((a, i) => a + i.blockers.length, 0),
        },
        // 开工率 of the sponsored projects planned to start this year; 投资完成率 of those with an annual plan
        startRate: {
          planned: plannedStarts.length,
          started: plannedStarts.filter((i) => i.started).length,
          rate: cohortRate(plannedStarts.filter((i) => i.started).length, plannedStarts.length),
        },
        investment: { planWan: plan, ytdWan: ytd, rate: plan > 0 ? ytd / plan : null },
        items,
      };
    },
  );
}
