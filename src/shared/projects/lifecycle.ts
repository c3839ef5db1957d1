// What can be done to a project's lifecycle now: the server decides and sends the list (the page shows only these,
// the commands refuse the rest). Pure.
import { stageIndex, STAGES, type ProjectStatus, type Stage } from './stages.ts';

export const PROJECT_ACTIONS = ['advance', 'correct', 'listing', 'arrival', 'status', 'edit'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export interface LifecycleState {
  stage: Stage;
  status: ProjectStatus;
  listedOn: string | null;
}

/** 推进阶段 while a later stage exists and the project is not terminated. */
export const mayAdvance = (p: LifecycleState): boolean => p.status !== 'terminated' && stageIndex(p.stage) < STAGES.length - 1;

/** 上市 once, after the project has started. */
export const mayList = (p: LifecycleState): boolean => p.listedOn === null && stageIndex(p.stage) >= stageIndex('started');

/** The lifecycle actions open to someone who may write the project. */
export function projectActions(p: LifecycleState, mayWrite: boolean): ProjectAction[] {
  if (!mayWrite) return [];
  return PROJECT_ACTIONS.filter((action) => (action === 'advance' ? mayAdvance(p) : action === 'listing' ? mayList(p) : true));
}

/** 重特大项目: total investment at or above the ⚙ threshold (ledger.majorThresholdYi, in 亿元). */
export const isMajorProject = (totalInvestmentWan: number, thresholdYi: number): boolean => totalInvestmentWan >= thresholdYi * 10_000;
