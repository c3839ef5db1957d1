// 挂钩领导: each sponsored project against its plan, its open blockers, and the leader's 开工率 and 投资完成率.
// Reads projects, blockers and progress through their owners' repositories.
import { calendarYear } from '../../shared/calendar.ts';
import { nextMilestone, planStanding, sponsorCounts } from '../../shared/blockers/sponsor.ts';
import { milestoneStatuses, reachedOn } from '../../shared/projects/milestones.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { DbOrTx } from '../db/client.ts';
import { openBlockersOfProjects } from '../blockers/repository.ts';
import { projectsOfSponsor, sponsorLeaderCounts } from '../projects/repository.ts';
import { yearProgressOf } from '../reporting/progress.ts';

export const listSponsorLeaders = sponsorLeaderCounts;

export async function sponsorView(db: DbOrTx, scopePath: string, leader: string) {
  const today = todayIso();
  const year = calendarYear(today);
  const rows = await projectsOfSponsor(db, scopePath, leader);
  const ids = rows.map((r) => r.project.id);
  const [openBlockers, progress] = await Promise.all([openBlockersOfProjects(db, ids), yearProgressOf(db, ids, year)]);
  const items = rows.map(({ project: p, unitName }) => {
    const milestones = milestoneStatuses(p, today);
    const next = nextMilestone(milestones);
    const pr = progress.get(p.id);
    return {
      code: p.code,
      name: p.name,
      unitName,
      stage: p.stage,
      totalInvestmentWan: p.totalInvestmentWan,
      standing: planStanding(milestones, today),
      next: next ? { key: next.key, planned: next.planned } : null,
      plannedStartThisYear: p.plannedStartedOn !== null && p.plannedStartedOn.startsWith(String(year)),
      started: reachedOn('started', p) !== null,
      planWan: pr?.planWan ?? null,
      ytdWan: pr?.ytdWan ?? 0,
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
  return { leader, ...sponsorCounts(items), items };
}
