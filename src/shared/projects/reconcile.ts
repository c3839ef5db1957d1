// A sheet describes a state, not a history: comparing the ledger's lifecycle with the sheet's tells which transitions
// the row implies (a stage or date moving forward) and which would rewrite history (a stage moving back, a reached
// stage's date changed) and so need a stated reason (更正说明). Pure.
import { STAGES, stageIndex, type Stage, type StageDates } from './stages.ts';

export interface LifecycleState {
  stage: Stage;
  dates: StageDates;
  listedOn: string | null;
  status: string;
}

export type Milestone = Stage | 'listed';

export type LifecycleChange =
  | { kind: 'advance'; from: Stage; to: Stage; on: string | null }
  | { kind: 'stage_back'; from: Stage; to: Stage }
  | { kind: 'date_added'; milestone: Milestone; on: string }
  | { kind: 'date_changed'; milestone: Milestone; from: string; to: string | null }
  | { kind: 'status'; from: string; to: string };

/** Rewrites history: refused from a sheet unless the row states why. */
export const needsCorrection = (change: LifecycleChange): boolean => change.kind === 'stage_back' || change.kind === 'date_changed';

export function lifecycleChanges(before: LifecycleState, after: LifecycleState): LifecycleChange[] {
  const changes: LifecycleChange[] = [];
  const move = stageIndex(after.stage) - stageIndex(before.stage);
  if (move > 0) changes.push({ kind: 'advance', from: before.stage, to: after.stage, on: after.dates[after.stage] ?? null });
  if (move < 0) changes.push({ kind: 'stage_back', from: before.stage, to: after.stage });
  const compare = (milestone: Milestone, from: string | null | undefined, to: string | null | undefined) => {
    if ((from ?? null) === (to ?? null)) return;
    if (from) changes.push({ kind: 'date_changed', milestone, from, to: to ?? null });
    else if (to) changes.push({ kind: 'date_added', milestone, on: to });
  };
  for (const stage of STAGES) compare(stage, before.dates[stage], after.dates[stage]);
  compare('listed', before.listedOn, after.listedOn);
  if (before.status !== after.status) changes.push({ kind: 'status', from: before.status, to: after.status });
  return changes;
}
