// The staff scoreboard of a unit's subtree for a period: each person's measures from the trips and the ledger,
// weighted by the unit's profile and ranked.
import {
  DEFAULT_WEIGHTS,
  ranks,
  SCORE_METRICS,
  staffScore,
  type ScoreMetrics,
  type ScorePeriod,
  type ScoredGroup,
} from '../../shared/staff/scoreboard.ts';
import type { DbOrTx } from '../db/client.ts';
import { ownerMeasures } from '../projects/repository.ts';
import { readSettings } from '../settings/repository.ts';
import { postsOf, tripMeasures } from '../trips/repository.ts';
import { teamWithin } from '../users/repository.ts';
import { profileFor } from './repository.ts';

export async function profileOf(db: DbOrTx, unit: { code: string; path: string }) {
  const row = await profileFor(db, unit.path);
  return {
    unitCode: unit.code,
    /** the unit whose settings these are (null: the defaults) */
    from: row?.unitCode ?? null,
    weights: { ...DEFAULT_WEIGHTS, ...(row?.weights ?? {}) },
    period: (row?.period ?? 'month') as ScorePeriod,
    scored: (row?.scored ?? 'team') as ScoredGroup,
  };
}

export async function scoreboard(db: DbOrTx, unit: { code: string; path: string }, first: string, last: string) {
  const profile = await profileOf(db, unit);
  const approvedOnly = (await readSettings(db, ['staff.tripApproval']))['staff.tripApproval'] === 'on';
  const team = await teamWithin(db, unit.path);
  const ids = team.map((p) => p.id);
  const [posts, tripsBy, ledgerBy] = await Promise.all([
    postsOf(db, ids),
    tripMeasures(db, ids, first, last, approvedOnly),
    ownerMeasures(db, unit.path, ids, first, last),
  ]);
  const people = team.filter((p) => profile.scored === 'team' || posts.has(p.id));
  const rows = people.map((p) => {
    const t = tripsBy.get(p.id);
    const l = ledgerBy.get(p.id);
    const metrics: ScoreMetrics = {
      trips: t?.trips ?? 0,
      companiesVisited: t?.companiesVisited ?? 0,
      receptions: t?.receptions ?? 0,
      leads: l?.leads ?? 0,
      negotiating: l?.negotiating ?? 0,
      signed: l?.signed ?? 0,
      signedInvestmentYi: (l?.signedInvestmentWan ?? 0) / 10_000,
    };
    return { person: p, post: posts.get(p.id) ?? null, metrics, score: staffScore(metrics, profile.weights) };
  });
  const rankOf = ranks(rows.map((r) => r.score));
  const items = rows
    .map((r, i) => ({ ...r, rank: rankOf[i]! }))
    .sort((a, b) => a.rank - b.rank || a.person.username.localeCompare(b.person.username));
  return { profile, approvedOnly, items, metrics: SCORE_METRICS };
}
