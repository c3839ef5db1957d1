import type { Messages } from './messages.ts';

export const sponsorsMessages = {
  noSponsoredProjectsInScope: ['范围内没有设置挂钩领导的项目', 'No sponsored projects in scope'],
  sponsorsProjects: ['挂钩项目', 'Projects'],
  startRatePlannedThisYear: ['开工率（计划当年开工）', 'Start rate (planned this year)'],
  investmentCompletion: ['投资完成率', 'Investment completion'],
  standing: ['进度', 'Standing'],
  nextMilestone: ['下一节点', 'Next milestone'],
  planYtd: ['年度计划 / 累计完成', 'Plan / YTD'],
  openBlockers: ['未销号问题', 'Open blockers'],
} as const satisfies Messages;
