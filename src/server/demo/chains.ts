// Demo 产业链图谱 for Yangzhou: four chains with their links, ~300 local firms and targets elsewhere on them, and the
// demo ledger's Yangzhou projects placed on links where their names say which (链名称/环节名称). Deterministic.
import { and, eq, like, sql } from 'drizzle-orm';
import { FUNNEL_STAGES, funnelIndex, linkLabel, type CompanyTag, type PipelineStage, type Segment } from '../../shared/chains/rules.ts';
import { creditCodeCheckChar } from '../../shared/projects/creditCode.ts';
import { insertChain, writeLinks } from '../chains/repository.ts';
import {
  insertCompanies,
  insertCompanyEvent,
  insertContact,
  replaceCompanyLinks,
  updateCompanyRow,
  type CompanyLink,
  type CompanyRow,
} from '../companies/repository.ts';
import { users } from '../users/schema.ts';
import { addDays } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { projects } from '../projects/schema.ts';
import { findUnit } from '../units/repository.ts';
import { chineseName, mobileNumber, pick, seededRandom } from './random.ts';

interface DemoLink {
  key: string;
  name: string;
  segment: Segment;
  parent?: string;
  /** words of a project's or company's name that place it on the link */
  keywords: string[];
}

/** Yangzhou's chains (扬州 "613" 产业体系, as its plans name them); the first names match the demo ledger's 产业链. */
export const DEMO_CHAINS: { name: string; division: string; links: DemoLink[] }[] = [
  {
    name: '新能源汽车及零部件',
    division: '36',
    links: [
      { key: 'materials', name: '关键材料', segment: 'upstream', keywords: ['轻量化', '材料'] },
      { key: 'battery', name: '动力电池', segment: 'upstream', keywords: ['动力电池', '电芯', '电池'] },
      { key: 'motor', name: '电驱系统', segment: 'upstream', keywords: ['电驱', '电机'] },
      { key: 'electronics', name: '汽车电子', segment: 'upstream', keywords: ['汽车电子', '控制器'] },
      { key: 'cockpit', name: '智能座舱', segment: 'midstream', parent: 'electronics', keywords: ['座舱', '车载'] },
      { key: 'body', name: '车身及轻量化部件', segment: 'midstream', keywords: ['车身', '部件'] },
      { key: 'vehicle', name: '整车制造', segment: 'midstream', keywords: ['整车', '汽车制造'] },
      { key: 'charging', name: '充换电设施', segment: 'downstream', keywords: ['充电', '换电'] },
      { key: 'aftermarket', name: '汽车后市场', segment: 'downstream', keywords: ['后市场', '汽车服务'] },
    ],
  },
  {
    name: '集成电路',
    division: '39',
    links: [
      { key: 'materials', name: '半导体材料', segment: 'upstream', keywords: ['第三代半导体材料', '半导体材料', '硅片'] },
      { key: 'equipment', name: '半导体设备', segment: 'upstream', keywords: ['半导体设备', '刻蚀'] },
      { key: 'design', name: '芯片设计', segment: 'midstream', keywords: ['芯片设计', '功率半导体芯片'] },
      { key: 'wafer', name: '晶圆制造', segment: 'midstream', keywords: ['晶圆'] },
      { key: 'packaging', name: '封装测试', segment: 'midstream', keywords: ['封装', '测试'] },
      { key: 'sensors', name: '传感器', segment: 'downstream', keywords: ['MEMS', '传感器'] },
    ],
  },
  {
    name: '新能源',
    division: '38',
    links: [
      { key: 'pv-materials', name: '光伏材料', segment: 'upstream', keywords: ['硅料', '光伏材料'] },
      { key: 'pv-modules', name: '光伏组件', segment: 'midstream', keywords: ['光伏组件'] },
      { key: 'inverters', name: '逆变器', segment: 'midstream', keywords: ['逆变器'] },
      { key: 'storage', name: '储能', segment: 'midstream', keywords: ['储能'] },
      { key: 'hydrogen', name: '氢能', segment: 'midstream', keywords: ['氢燃料', '氢能'] },
      { key: 'wind', name: '风电装备', segment: 'midstream', keywords: ['风电'] },
      { key: 'operation', name: '电站运营', segment: 'downstream', keywords: ['电站'] },
    ],
  },
  {
    name: '高端装备',
    division: '34',
    links: [
      { key: 'parts', name: '基础零部件', segment: 'upstream', keywords: ['精密轴承', '轴承', '液压'] },
      { key: 'cnc', name: '数控机床', segment: 'midstream', keywords: ['数控机床', '机床'] },
      { key: 'robots', name: '工业机器人', segment: 'midstream', keywords: ['机器人'] },
      { key: 'smart', name: '智能装备', segment: 'midstream', keywords: ['智能装备'] },
      { key: 'integration', name: '系统集成与服务', segment: 'downstream', keywords: ['系统集成'] },
    ],
  },
];

const DISTRICTS = ['321002', '321003', '321012', '321023', '321081', '321084'];
const DISTRICT_NAMES: Record<string, string> = {
  '321002': '扬州',
  '321003': '扬州',
  '321012': '江都',
  '321023': '宝应',
  '321081': '仪征',
  '321084': '高邮',
};
const PLACE_REGIONS: Record<string, string> = {
  上海市: '310000',
  深圳市: '440300',
  苏州市: '320500',
  合肥市: '340100',
  北京市: '110000',
  杭州市: '330100',
  宁波市: '330200',
  无锡市: '320200',
  常州市: '320400',
  广州市: '440100',
};
const TARGET_PLACES = [...Object.keys(PLACE_REGIONS), '德国 斯图加特', '日本 大阪', '韩国 首尔'];
const NAME_WORDS = '华瑞恒通宏泰鑫源中科远航博远精工金阳天合长信汇川凯盛新锐东方明德永兴润达立讯海德嘉和普瑞晶能正昊';

/** A valid 统一社会信用代码 for a seed number (the check character computed as GB 32100 says). */
function creditCode(region: string, n: number): string {
  const first = `91${region}MA${String(n).padStart(7, '0')}`; // 登记管理部门+类别, 行政区划码, 主体标识码 (9)
  return first + creditCodeCheckChar(first);
}

/** Loads the chains, the companies on them and places the Yangzhou projects; once (the chains' names are the claim). */
/**
 * The targets' pipeline: most still 目标, others called, visited, interested or dropped, each with its contacts and
 * history, a share assigned (交办) to the districts; the stage each reached.
 */
async function loadPipeline(tx: DbOrTx, random: () => number, created: CompanyRow[]): Promise<Map<string, PipelineStage>> {
  const today = todayIso();
  const stages = new Map<string, PipelineStage>();
  const officers = await tx.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.unitCode, '321000')).limit(3);
  for (const company of created) {
    if (company.kind !== 'target') continue;
    const roll = random();
    const stage: PipelineStage =
      roll < 0.45 ? 'target' : roll < 0.65 ? 'contacted' : roll < 0.8 ? 'visited' : roll < 0.92 ? 'intent' : 'dropped';
    const district = random() < 0.4 ? pick(random, DISTRICTS) : null;
    const unit = district ? await findUnit(tx, district) : undefined;
    const officer = officers.length ? pick(random, officers) : undefined;
    const path: PipelineStage[] = stage === 'dropped' ? ['contacted', 'dropped'] : FUNNEL_STAGES.slice(1, funnelIndex(stage) + 1);
    // the last contact a few days to two months ago, so its agreed next step (a month on) is mostly still ahead and
    // now and then overdue (跟进逾期)
    let day = addDays(today, -(path.length * 30 + 10 + Math.floor(random() * 30)));
    const by = { byUserId: officer?.id ?? null, byName: officer?.name ?? '系统' };
    await insertCompanyEvent(tx, { companyId: company.id, kind: 'stage', fromStage: null, toStage: 'target', on: day, ...by });
    let previous: PipelineStage = 'target';
    for (const next of path) {
      day = addDays(day, 10 + Math.floor(random() * 40));
      if (day >= today) day = addDays(today, -1);
      if (officer && (next === 'contacted' || next === 'visited')) {
        const kind = next === 'contacted' ? 'phone' : pick(random, ['visit_out', 'visit_in'] as const);
        await insertContact(tx, {
          companyId: company.id,
          on: day,
          kind,
          counterpart: chineseName(random),
          summary:
            kind === 'phone'
              ? '电话沟通投资意向，介绍扬州产业链配套'
              : kind === 'visit_out'
                ? '赴企业总部拜访，介绍载体与政策'
                : '企业来扬考察园区载体',
          nextStep: '跟进投资意向，安排实地考察',
          nextOn: addDays(day, 30),
          byUserId: officer.id,
          byName: officer.name,
          unitCode: unit?.code ?? '321000',
        });
      }
      await insertCompanyEvent(tx, {
        companyId: company.id,
        kind: 'stage',
        fromStage: previous,
        toStage: next,
        on: day,
        note: next === 'dropped' ? '已在外地落户' : null,
        ...by,
      });
      previous = next;
    }
    await updateCompanyRow(tx, company.id, {
      pipelineStage: stage,
      dropReason: stage === 'dropped' ? '已在外地落户' : null,
      assigneeId: officer?.id ?? null,
      ...(unit
        ? {
            assignedUnitCode: unit.code,
            assignedUnitPath: unit.path,
            assignmentStatus: random() < 0.6 ? ('accepted' as const) : ('pending' as const),
          }
        : {}),
    });
    if (unit) await insertCompanyEvent(tx, { companyId: company.id, kind: 'assign', unitCode: unit.code, on: day, ...by });
    stages.set(company.id, stage);
  }
  return stages;
}

/**
 * 在谈 and 签约: a few interested targets of each chain matched with the demo ledger's Yangzhou projects on the same chain
 * (negotiating, or signed and later), as if 在谈 had created them — the project takes the company as its investor, the
 * company is assigned to the project's district.
 */
async function linkDemoProjects(
  tx: DbOrTx,
  candidates: { company: CompanyRow; chainName: string; stage: PipelineStage }[],
  cityPath: string,
) {
  const today = todayIso();
  const taken = new Set<string>();
  const [officer] = await tx.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.unitCode, '321000')).limit(1);
  for (const chain of DEMO_CHAINS) {
    const onChain = candidates.filter((c) => c.chainName === chain.name && (c.stage === 'intent' || c.stage === 'visited'));
    const found = await tx
      .select({
        id: projects.id,
        stage: projects.stage,
        unitCode: projects.unitCode,
        unitPath: projects.unitPath,
        firstReportedOn: projects.firstReportedOn,
      })
      .from(projects)
      .where(
        and(
          like(projects.unitPath, `${cityPath}%`),
          sql`(${projects.chain} = ${chain.name} or ${projects.chain} like ${`${chain.name}/%`})`,
          eq(projects.status, 'normal'),
          sql`${projects.stage} in ('negotiating', 'signed', 'registered', 'started')`,
        ),
      )
      .orderBy(projects.code);
    const picked = [
      ...found.filter((p) => p.stage === 'negotiating').slice(0, 3),
      ...found.filter((p) => p.stage !== 'negotiating').slice(0, 3),
    ];
    for (const [index, project] of picked.entries()) {
      const match = onChain[index];
      if (!match || taken.has(match.company.id)) continue;
      taken.add(match.company.id);
      const on = project.firstReportedOn && project.firstReportedOn < today ? project.firstReportedOn : addDays(today, -20);
      await tx.update(projects).set({ investorName: match.company.name }).where(eq(projects.id, project.id));
      await updateCompanyRow(tx, match.company.id, {
        pipelineStage: 'negotiating',
        projectId: project.id,
        ...(project.unitPath !== cityPath
          ? { assignedUnitCode: project.unitCode, assignedUnitPath: project.unitPath, assignmentStatus: 'accepted' as const }
          : {}),
      });
      await insertCompanyEvent(tx, {
        companyId: match.company.id,
        kind: 'stage',
        fromStage: match.stage,
        toStage: 'negotiating',
        on,
        note: '转入项目台账',
        byUserId: null,
        byName: '系统',
      });
      if (officer && project.stage === 'negotiating') {
        const met = addDays(today, -(5 + index * 4));
        await insertContact(tx, {
          companyId: match.company.id,
          on: met,
          kind: 'visit_in',
          counterpart: null,
          summary: '企业来扬洽谈投资协议条款',
          nextStep: '提交投资协议草案',
          nextOn: addDays(met, 30),
          byUserId: officer.id,
          byName: officer.name,
          unitCode: project.unitCode,
        });
      }
    }
  }
}

export async function loadDemoChains(db: Db): Promise<number> {
  const random = seededRandom(20_261_201);
  return db.transaction(async (tx) => {
    const city = await findUnit(tx, '321000');
    if (!city) return 0;
    const companyRows: Parameters<typeof insertCompanies>[1] = [];
    const linksOf: CompanyLink[][] = [];
    const chainNames = new Map<string, string>();
    let n = 0;
    for (const chain of DEMO_CHAINS) {
      const created = await insertChain(tx, { unitCode: city.code, unitPath: city.path, name: chain.name, description: null });
      chainNames.set(created.id, chain.name);
      await writeLinks(
        tx,
        created.id,
        chain.links.map((link, position) => ({
          key: link.key,
          name: link.name,
          segment: link.segment,
          parentKey: link.parent ?? null,
          keywords: link.keywords,
          products: [],
          position,
        })),
      );
      for (const [index, link] of chain.links.entries()) {
        // a few links are left thin or empty so the map shows 强链 and 补链 work to do
        const locals = index % 4 === 3 ? 0 : index % 4 === 2 ? 1 : 3 + Math.floor(random() * 8);
        const targets = 3 + Math.floor(random() * 7);
        for (let i = 0; i < locals + targets; i++) {
          const local = i < locals;
          const district = pick(random, DISTRICTS);
          const unit = await findUnit(tx, district);
          if (!unit) continue;
          const word = pick(random, [...NAME_WORDS]) + pick(random, [...NAME_WORDS]);
          const place = local ? DISTRICT_NAMES[district]! : pick(random, TARGET_PLACES);
          const foreign = !local && /\s/.test(place);
          const tags: CompanyTag[] = [];
          if (local && i === 0 && locals >= 3) tags.push('chain_leader');
          if (random() < 0.25)
            tags.push(local ? 'high_tech' : pick(random, ['fortune_global_500', 'china_500', 'listed', 'private_500'] as const));
          if (local && random() < 0.15) tags.push('little_giant');
          n++;
          companyRows.push({
            name: foreign
              ? `${word}${link.name}株式会社`.replace('株式会社', place.startsWith('德国') ? ' GmbH' : '株式会社')
              : `${place.replace(/市$/, '')}${word}${link.name}${local ? '有限公司' : '股份有限公司'}`,
            creditCode: foreign ? null : creditCode(local ? district : PLACE_REGIONS[place]!, 100_000 + n),
            kind: local ? 'local' : 'target',
            unitCode: local ? unit.code : city.code,
            unitPath: local ? unit.path : city.path,
            location: local ? null : place,
            industrySection: 'C',
            industryDivision: chain.division,
            tags,
            revenueWan: Math.round((local ? 3_000 : 50_000) * (1 + random() * 20)),
            employees: Math.round((local ? 80 : 1_500) * (1 + random() * 10)),
            contactName: chineseName(random),
            contactPhone: mobileNumber(random),
            notes: null,
            pipelineStage: local ? null : 'target',
          });
          linksOf.push([{ chainId: created.id, linkKey: link.key }]);
        }
      }
      // the demo ledger's Yangzhou projects on this chain, placed on the link their name names; 集成电路's are left on
      // the chain's name, as the old classification had them, for the chain map's 待归入环节 to place
      if (chain.name !== '集成电路')
        for (const link of chain.links)
          for (const keyword of link.keywords)
            await tx
              .update(projects)
              .set({ chain: linkLabel(chain.name, link.name) })
              .where(
                and(like(projects.unitPath, `${city.path}%`), eq(projects.chain, chain.name), sql`${projects.name} like ${`%${keyword}%`}`),
              );
    }
    const created = await insertCompanies(tx, companyRows);
    await replaceCompanyLinks(tx, new Map(created.map((row, i) => [row.id, linksOf[i]!])));
    const stages = await loadPipeline(tx, random, created);
    await linkDemoProjects(
      tx,
      created.map((company, i) => ({
        company,
        chainName: chainNames.get(linksOf[i]![0]!.chainId) ?? '',
        stage: stages.get(company.id) ?? 'target',
      })),
      city.path,
    );
    return created.length;
  });
}
