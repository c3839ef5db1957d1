// The reward ledger of advisors for a year: each attributed project with its year's basis, what earlier years earned,
// and the reward — frozen where a reviewer approved it, else computed now by the ⚙ rule (src/shared/staff/advisors.ts).
import { rewardFor, type RewardBasis, type RewardExclusion, type RewardRule, type RewardStatus } from '../../shared/staff/advisors.ts';
import type { DbOrTx } from '../db/client.ts';
import { arrivedInYear, projectLinesByIds, type ProjectLine } from '../projects/repository.ts';
import { investedInYear } from '../reporting/progress.ts';
import { readSettings } from '../settings/repository.ts';
import { attributionsOf, rewardRowsUpTo, type AdvisorRow } from './repository.ts';

export async function rewardRule(db: DbOrTx): Promise<RewardRule> {
  const s = await readSettings(db, [
    'advisors.reward.basis',
    'advisors.reward.perMille',
    'advisors.reward.capWan',
    'advisors.reward.excludeExpansion',
    'advisors.reward.excludePublicServants',
  ]);
  return {
    basis: s['advisors.reward.basis'] as RewardBasis,
    perMille: s['advisors.reward.perMille'] as number,
    capWan: s['advisors.reward.capWan'] as number,
    excludeExpansion: s['advisors.reward.excludeExpansion'] === 'on',
    excludePublicServants: s['advisors.reward.excludePublicServants'] === 'on',
  };
}

export interface LedgerLine {
  advisor: AdvisorRow;
  project: ProjectLine;
  attributedOn: string;
  basis: RewardBasis;
  basisWan: number;
  perMille: number;
  earlierWan: number;
  amountWan: number;
  capped: boolean;
  exclusion: RewardExclusion | null;
  status: RewardStatus;
  approvedAt: Date | null;
  paidOn: string | null;
}

/** The project reached 签约 by the end of the year and stands: it can earn that year. */
const signedBy = (p: ProjectLine, year: number) => p.signedOn !== null && p.signedOn <= `${year}-12-31` && p.status !== 'terminated';

export async function rewardLedger(db: DbOrTx, list: readonly AdvisorRow[], year: number): Promise<LedgerLine[]> {
  const attributions = await attributionsOf(
    db,
    list.map((a) => a.id),
  );
  const pairs = list.flatMap((advisor) => (attributions.get(advisor.id) ?? []).map((a) => ({ advisor, ...a })));
  const ids = pairs.map((p) => p.projectId);
  const rule = await rewardRule(db);
  const [lines, frozen, basis] = await Promise.all([
    projectLinesByIds(db, ids),
    rewardRowsUpTo(db, ids, year),
    rule.basis === 'invested' ? investedInYear(db, ids, year) : arrivedInYear(db, ids, year),
  ]);
  const result: LedgerLine[] = [];
  for (const pair of pairs) {
    const project = lines.get(pair.projectId);
    if (!project) continue;
    const rows = frozen.filter((r) => r.projectId === pair.projectId);
    const earlierWan = rows.filter((r) => r.year < year).reduce((sum, r) => sum + r.amountWan, 0);
    const row = rows.find((r) => r.year === year);
    const common = { advisor: pair.advisor, project, attributedOn: pair.attributedOn, earlierWan };
    if (row) {
      result.push({
        ...common,
        basis: row.basis,
        basisWan: row.basisWan,
        perMille: row.perMille,
        amountWan: row.amountWan,
        capped: false,
        exclusion: null,
        status: row.paidOn ? 'paid' : 'approved',
        approvedAt: row.approvedAt,
        paidOn: row.paidOn,
      });
      continue;
    }
    const basisWan = basis.get(pair.projectId) ?? 0;
    const reward = rewardFor(rule, {
      basisWan,
      earlierWan,
      projectType: project.projectType,
      signed: signedBy(project, year),
      publicServant: pair.advisor.publicServant,
    });
    result.push({
      ...common,
      basis: rule.basis,
      basisWan,
      perMille: rule.perMille,
      ...reward,
      status: 'computed',
      approvedAt: null,
      paidOn: null,
    });
  }
  return result;
}
