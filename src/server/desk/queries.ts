// The desk (工作台) gathers what a person must do from the modules that own it; it has no table of its own.
import { addDays, dayIn } from '../../shared/calendar.ts';
import { byDeadline, daysOverdue, DESK_KINDS, type DeskKind } from '../../shared/desk.ts';
import type { DbOrTx } from '../db/client.ts';
import { can, type Actor } from '../http/actor.ts';
import { alertSummary, listAlerts } from '../alerts/queries.ts';
import { listBlockers } from '../blockers/queries.ts';
import { listMeetings } from '../meetings/queries.ts';
import { listSubmissions, returnedRowCounts } from '../reporting/submissions.ts';
import { materializeAll, unitNamesOf } from '../reporting/tasks.ts';
import { latestIssues } from '../targets/commands.ts';
import { targetsOf } from '../targets/queries.ts';
import { childCodes } from '../units/repository.ts';

export interface DeskItem {
  kind: DeskKind;
  ref: string;
  title: string;
  detail: string | null;
  unitName: string | null;
  dueOn: string | null;
  overdueDays: number;
  count: number | null;
}

/** Days ahead the desk lists a coming meeting. */
const MEETING_DAYS_AHEAD = 14;

async function reportItems(db: DbOrTx, actor: Actor, today: string): Promise<DeskItem[]> {
  const items: DeskItem[] = [];
  await materializeAll(db, today, actor.unitPath);
  const [toFill, toReview] = await Promise.all([
    can(actor, 'business:write')
      ? listSubmissions(db, actor.unitPath, { status: 'open', ownUnit: actor.unitCode, soonestFirst: true, limit: 50 })
      : Promise.resolve([]),
    can(actor, 'business:review')
      ? listSubmissions(db, actor.unitPath, { status: 'submitted', taskUnit: actor.unitCode, soonestFirst: true, limit: 100 })
      : Promise.resolve([]),
  ]);
  const returned = await returnedRowCounts(
    db,
    toFill.filter((r) => r.submission.status === 'returned').map((r) => r.submission.id),
  );
  const names = await unitNamesOf(
    db,
    [...toFill, ...toReview].map((r) => r.submission.unitCode),
  );
  for (const { submission, task } of toFill) {
    const dueOn = dayIn(submission.dueAt);
    const wasReturned = submission.status === 'returned';
    items.push({
      kind: wasReturned ? 'returned' : 'fill',
      ref: String(submission.id),
      title: task.name,
      detail: wasReturned ? submission.reviewComment : null,
      unitName: names.get(submission.unitCode) ?? null,
      dueOn,
      overdueDays: daysOverdue(dueOn, today),
      count: wasReturned ? (returned.get(submission.id) ?? 0) : null,
    });
  }
  for (const { submission, task } of toReview)
    items.push({
      kind: 'review',
      ref: String(submission.id),
      title: task.name,
      detail: null,
      unitName: names.get(submission.unitCode) ?? null,
      dueOn: dayIn(submission.dueAt),
      overdueDays: 0, // a submitted report waits for review: the unit that filled it is not late
      count: null,
    });
  return items;
}

async function blockerItems(db: DbOrTx, actor: Actor): Promise<DeskItem[]> {
  const [department, toConfirm] = await Promise.all([
    actor.departmentId
      ? listBlockers(db, { scopePath: null, departmentId: actor.departmentId, status: 'open,in_progress', limit: 100 })
      : Promise.resolve([]),
    can(actor, 'business:write')
      ? listBlockers(db, { scopePath: actor.unitPath, departmentId: null, status: 'resolved', limit: 100 })
      : Promise.resolve([]),
  ]);
  const item =
    (kind: DeskKind) =>
    (b: (typeof department)[number]): DeskItem => ({
      kind,
      ref: String(b.id),
      title: b.project.name,
      detail: kind === 'blocker' ? b.description : b.resolution,
      unitName: b.departments.map((d) => d.name).join('、') || null,
      dueOn: b.deadline,
      overdueDays: b.overdueDays ?? 0,
      count: null,
    });
  return [
    ...department.map(item('blocker')),
    // the project's own unit confirms (销号) what its departments resolved
    ...toConfirm.filter((b) => b.project.unitCode === actor.unitCode).map(item('confirm_blocker')),
  ];
}

async function targetItems(db: DbOrTx, actor: Actor, today: string): Promise<DeskItem[]> {
  if (!can(actor, 'business:write')) return [];
  const children = await childCodes(db, actor.unitCode);
  if (!children.length) return [];
  const year = Number(today.slice(0, 4));
  const [childTargets, issues] = await Promise.all([targetsOf(db, children, year), latestIssues(db, [actor.unitCode], year)]);
  if (!childTargets.length) return [];
  const issued = issues.get(actor.unitCode);
  const changed = issued ? childTargets.filter((t) => t.updatedAt > issued.issuedAt).length : childTargets.length;
  if (!changed) return [];
  return [
    {
      kind: 'issue_targets',
      ref: String(year),
      title: String(year),
      detail: issued ? String(issued.version) : null,
      unitName: null,
      dueOn: null,
      overdueDays: 0,
      count: changed,
    },
  ];
}

async function meetingItems(db: DbOrTx, actor: Actor, today: string): Promise<DeskItem[]> {
  const until = addDays(today, MEETING_DAYS_AHEAD);
  const rows = await listMeetings(db, actor.unitPath);
  return rows
    .filter((r) => r.meeting.heldOn >= today && r.meeting.heldOn <= until)
    .map((r) => ({
      kind: 'meeting' as const,
      ref: String(r.meeting.id),
      title: r.meeting.title,
      detail: r.meeting.location,
      unitName: r.unitName,
      dueOn: r.meeting.heldOn,
      overdueDays: 0,
      count: r.items,
    }));
}

async function alertItems(db: DbOrTx, actor: Actor, today: string, lang: 'zh' | 'en'): Promise<DeskItem[]> {
  const { items } = await listAlerts(db, actor.userId, {
    scopePath: actor.unitPath,
    status: 'open',
    assignee: 'me',
    snoozed: 'hide',
    today,
    limit: 50,
    offset: 0,
  });
  return items.map(({ alert, projectName, unitName }) => ({
    kind: 'alert' as const,
    ref: String(alert.id),
    title: lang === 'zh' ? alert.messageZh : alert.messageEn,
    detail: projectName,
    unitName,
    dueOn: null,
    overdueDays: 0,
    count: null,
  }));
}

/** Everything the caller must do, by deadline, with the counts per kind and the alerts' summary. */
export async function deskOf(db: DbOrTx, actor: Actor, today: string, lang: 'zh' | 'en') {
  const groups = await Promise.all([
    reportItems(db, actor, today),
    blockerItems(db, actor),
    targetItems(db, actor, today),
    meetingItems(db, actor, today),
    alertItems(db, actor, today, lang),
  ]);
  const items = byDeadline(groups.flat());
  const counts = Object.fromEntries(DESK_KINDS.map((kind) => [kind, items.filter((i) => i.kind === kind).length])) as Record<
    DeskKind,
    number
  >;
  const summary = await alertSummary(db, actor.userId, actor.unitPath, today);
  return { asOf: today, items, counts, summary };
}
