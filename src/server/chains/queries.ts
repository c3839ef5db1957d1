// The chain map (图谱) of a unit: per link its local firms, 链主, targets and the ledger's projects by stage, and
// whether it is covered, weak (强链) or a gap (补链). Companies and projects are read through their owners.
import { linkLabel, linkStatus } from '../../shared/chains/rules.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import { ancestorPaths } from '../../shared/units.ts';
import type { DbOrTx } from '../db/client.ts';
import { companyCountsByLink } from '../companies/repository.ts';
import { stageCountsByChain } from '../projects/repository.ts';
import type { UnitRow } from '../units/repository.ts';
import type { ChainLinkRow, ChainRow } from './repository.ts';

/** 在谈 or later: a project in hand for the link (a 线索 alone does not fill a gap). */
const IN_HAND: readonly Stage[] = ['negotiating', 'signed', 'registered', 'started', 'completed', 'producing', 'at_capacity'];

export async function chainCoverage(
  db: DbOrTx,
  chain: ChainRow & { links: ChainLinkRow[] },
  unit: Pick<UnitRow, 'code' | 'name' | 'path'>,
) {
  const labelOf = new Map(chain.links.map((link) => [linkLabel(chain.name, link.name), link.key]));
  const [companyRows, projectRows] = await Promise.all([
    companyCountsByLink(db, chain.id, unit.path, ancestorPaths(unit.path)),
    stageCountsByChain(db, unit.path, [...labelOf.keys()]),
  ]);
  const companiesOf = new Map(companyRows.map((row) => [row.key, row]));
  const stagesOf = new Map<string, Partial<Record<Stage, number>>>();
  for (const row of projectRows) {
    const key = row.chain ? labelOf.get(row.chain) : undefined;
    if (!key) continue;
    const byStage = stagesOf.get(key) ?? {};
    byStage[row.stage as Stage] = (byStage[row.stage as Stage] ?? 0) + row.n;
    stagesOf.set(key, byStage);
  }
  const links = chain.links.map((link) => {
    const counts = companiesOf.get(link.key);
    const byStage = stagesOf.get(link.key) ?? {};
    const total = Object.values(byStage).reduce((sum, n) => sum + (n ?? 0), 0);
    const inHand = IN_HAND.reduce((sum, stage) => sum + (byStage[stage] ?? 0), 0);
    const localCompanies = counts?.local ?? 0;
    return {
      key: link.key,
      name: link.name,
      segment: link.segment,
      parent: link.parentKey,
      localCompanies,
      chainLeaders: counts?.leaders ?? 0,
      targets: counts?.targets ?? 0,
      projects: { byStage, total, inHand },
      status: linkStatus(localCompanies, inHand),
    };
  });
  return {
    chain: { id: chain.id, name: chain.name },
    unit: { code: unit.code, name: unit.name },
    links,
    covered: links.filter((link) => link.status === 'covered').length,
    weak: links.filter((link) => link.status === 'weak').length,
    gaps: links.filter((link) => link.status === 'gap').length,
  };
}
