import { addDays } from '../../shared/calendar.ts';
import { sql } from 'drizzle-orm';
import { creditCodeCheckChar } from '../../shared/projects/creditCode.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../audit/recorder.ts';
import { bulkInsert } from '../db/bulk.ts';
import { loadNormalizeContext } from '../projects/commands.ts';
import { normalizeProject, type ProjectInput } from '../projects/input.ts';
import { projectCodeSequences, projectEvents, projects } from '../projects/schema.ts';
import { units } from '../units/schema.ts';
import { chineseName, mobileNumber, pick, seededRandom } from './random.ts';

// Plausible projects: products by industrial chain (with their GB/T 4754 division), investors, sizes and timings.
const CHAIN_PRODUCTS: { chain: string; division: string; products: string[] }[] = [
  { chain: '集成电路', division: '39', products: ['功率半导体芯片', '12英寸晶圆', '芯片封装测试', '第三代半导体材料', 'MEMS传感器'] },
  { chain: '新能源', division: '38', products: ['高效光伏组件', '储能电池', '氢燃料电池', '风电装备', '光伏逆变器'] },
  { chain: '新型电力装备', division: '38', products: ['智能电网设备', '特高压变压器', '高压开关'] },
  { chain: '生物医药', division: '27', products: ['生物制剂', '创新药', '医疗器械', '原料药', '体外诊断试剂'] },
  { chain: '高端装备', division: '34', products: ['精密轴承', '数控机床', '工业机器人', '高端液压件', '智能装备'] },
  { chain: '新能源汽车及零部件', division: '36', products: ['动力电池', '汽车电子', '电驱系统', '汽车轻量化部件', '智能座舱'] },
  { chain: '新材料', division: '26', products: ['碳纤维复合材料', '特种合金', '高性能膜材料', '电子化学品', '可降解塑料'] },
  { chain: '软件和信息服务', division: '65', products: ['工业互联网平台', '数据中心', '智能制造软件'] },
  { chain: '节能环保', division: '77', products: ['固废资源化利用', '污水处理设备', '节能环保装备'] },
  { chain: '纺织服装', division: '17', products: ['功能性面料', '高端纺织品', '智能化纺纱'] },
  { chain: '绿色食品', division: '14', products: ['预制菜', '功能性食品', '冷链食品加工'] },
  { chain: '航空航天', division: '37', products: ['航空零部件', '无人机', '卫星应用设备'] },
  { chain: '海工装备和高技术船舶', division: '37', products: ['海工装备', 'LNG船舶配套', '船用发动机'] },
];
const PREFIXES = ['华', '恒', '中', '远', '宏', '瑞', '鑫', '科', '宇', '东', '金', '天', '新', '博', '盛', '卓', '隆', '信', '德', '泰'];
const SUFFIXES = ['芯', '能', '创', '达', '源', '邦', '川', '航', '微', '锐', '拓', '辰', '腾', '诺', '峰'];
const ORIGINS: [string, string][] = [
  ['上海市', '上海市'],
  ['广东省', '深圳市'],
  ['浙江省', '杭州市'],
  ['北京市', '北京市'],
  ['江苏省', '苏州市'],
  ['江苏省', '南京市'],
  ['山东省', '青岛市'],
  ['广东省', '广州市'],
  ['安徽省', '合肥市'],
  ['福建省', '厦门市'],
];
const FOREIGN_INVESTORS: [string, string][] = [
  ['德国', '博世'],
  ['日本', '电产'],
  ['韩国', 'SK'],
  ['美国', '康宁'],
  ['新加坡', '丰益'],
  ['日本', '住友'],
  ['德国', '舍弗勒'],
  ['瑞士', 'ABB'],
  ['中国香港', '华润'],
  ['中国台湾', '和硕'],
  ['法国', '施耐德'],
  ['荷兰', '飞利浦'],
];
const LEADERS = ['王市长', '李副市长', '张副市长', '刘副市长', '陈副市长', '赵常委', '孙副市长'];
const SOURCES = ['advisor', 'chamber', 'agency', 'fund', 'resident_team', 'event', 'business_referral', 'direct'];
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function creditCode(random: () => number, region: string): string {
  let body = `91${region}`;
  while (body.length < 17) body += CHARSET[Math.floor(random() * CHARSET.length)];
  return body + creditCodeCheckChar(body);
}

/** Total investment in 万: log-normal around 1.5亿, from 500万 to 200亿. */
function size(random: () => number): number {
  const u = Math.max(1e-9, random());
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  const wan = Math.exp(Math.log(15_000) + 1.2 * normal);
  return Math.round(Math.min(2_000_000, Math.max(500, wan)) / 100) * 100;
}

export function generateProject(
  random: () => number,
  unitCode: string,
  unitName: string,
  today: string,
  horizonDays: number,
): ProjectInput {
  const chain = pick(random, CHAIN_PRODUCTS);
  const product = pick(random, chain.products);
  const roll = random();
  const capitalType = roll < 0.8 ? 'domestic' : roll < 0.95 ? 'foreign' : 'joint';
  const projectType = random() < 0.72 ? 'new' : random() < 0.75 ? 'expansion' : 'tech_upgrade';
  const total = size(random);
  const foreign = capitalType !== 'domestic';
  const [country, brand] = pick(random, FOREIGN_INVESTORS);
  const [province, city] = pick(random, ORIGINS);
  const firm = pick(random, PREFIXES) + pick(random, SUFFIXES);
  const investorName = foreign
    ? `${brand}（${country}）${product.slice(0, 2)}有限公司`
    : `${city.replace('市', '')}${firm}${product.slice(-2)}科技有限公司`;
  const name =
    random() < 0.5
      ? `年产${Math.ceil(random() * 50) * 10}万件${product}项目`
      : random() < 0.5
        ? `${product}生产基地项目`
        : `${firm}${product}研发及产业化项目`;
  // Timeline: reported within the horizon, then each next stage with a probability and a delay.
  const firstReported = addDays(today, -Math.floor(random() * horizonDays) - 20);
  const dates: Partial<Record<Stage, string>> = { negotiating: firstReported };
  let stage: Stage = random() < 0.1 ? 'lead' : 'negotiating';
  if (stage === 'lead') dates.negotiating = undefined;
  const steps: [Stage, number, number, number][] = [
    ['signed', 0.72, 20, 180],
    ['registered', 0.82, 10, 90],
    ['started', 0.72, 60, 270],
    ['completed', 0.55, 270, 720],
    ['producing', 0.85, 0, 90],
    ['at_capacity', 0.45, 180, 540],
  ];
  let current = firstReported;
  if (stage === 'negotiating') {
    for (const [next, probability, minDays, maxDays] of steps) {
      if (next === 'registered' && projectType !== 'new' && random() < 0.7) continue; // 增资扩产 often has no 注册
      if (random() > probability) break;
      const date = addDays(current, minDays + random() * (maxDays - minDays));
      if (date >= today) break;
      dates[next] = date;
      stage = next;
      current = date;
    }
  }
  const started = dates.started;
  const terminated = !started && stage !== 'lead' && random() < 0.08;
  const terminatedOn = terminated ? addDays(current, 30 + random() * 200) : null;
  const contactName = chineseName(random);
  const tierLevel =
    total >= 500_000 ? ['provincial_major'] : total >= 100_000 ? ['city_key'] : total >= 30_000 && random() < 0.5 ? ['district_key'] : [];
  return {
    name,
    content: `主要建设${product}生产线及配套设施，达产后形成年产${product}${Math.ceil(random() * 100)}万件的生产能力`,
    unitCode,
    investorName,
    investorCreditCode: foreign ? null : creditCode(random, unitCode),
    investorCountry: foreign ? country : '中国',
    investorProvince: foreign ? null : province,
    investorCity: foreign ? null : city,
    investorTags: foreign
      ? random() < 0.3
        ? ['fortune_global_500', 'foreign']
        : ['foreign']
      : random() < 0.1
        ? ['listed', 'private']
        : random() < 0.08
          ? ['specialized', 'private']
          : random() < 0.05
            ? ['central_soe']
            : ['private'],
    contacts: [{ name: contactName, title: pick(random, ['总经理', '董事长', '项目负责人', '副总经理']), phone: mobileNumber(random) }],
    capitalType,
    currency: foreign ? 'USD' : 'CNY',
    totalInvestment: foreign ? Math.round(total / 7.1) : total,
    fixedAssetInvestment: foreign ? Math.round((total / 7.1) * 0.7) : Math.round(total * 0.7),
    contractForeignCapital: foreign ? Math.round((total / 7.1) * 0.4) : null,
    projectType,
    industryDivision: chain.division,
    chain: chain.chain,
    levels: tierLevel,
    leadSource: pick(random, SOURCES),
    sponsorLeader: total >= 100_000 ? pick(random, LEADERS) : null,
    responsibleUnit: `${unitName}投资促进中心`,
    landMu: Math.round((total / 400) * (0.5 + random())),
    expectedOutputWan: Math.round(total * (1 + random() * 2)),
    expectedTaxWan: Math.round(total * (0.05 + random() * 0.1)),
    expectedJobs: Math.round(total / 200 + random() * 100),
    stage,
    status: terminated && terminatedOn && terminatedOn < today ? 'terminated' : 'normal',
    terminatedOn: terminated && terminatedOn && terminatedOn < today ? terminatedOn : null,
    terminationReason:
      terminated && terminatedOn && terminatedOn < today
        ? pick(random, ['investor_withdrew', 'moved_elsewhere', 'land_unavailable', 'funding_failed'])
        : null,
    firstReportedOn: firstReported,
    dates,
    listedOn:
      started && total >= 500 && random() < 0.85 && addDays(started, 15 + random() * 45) < today
        ? addDays(started, 15 + random() * 45)
        : null,
    planned: {
      signed: stage === 'negotiating' ? addDays(today, 30 + random() * 180) : null,
      started: dates.signed ? addDays(dates.signed, 120) : null,
      completed: dates.started ? addDays(dates.started, 540) : null,
      producing: dates.started ? addDays(dates.started, 600) : null,
    },
    contractKind: dates.signed ? pick(random, ['intent', 'framework', 'formal', 'formal', 'formal']) : null,
    contractAmount: dates.signed ? (foreign ? Math.round(total / 7.1) : total) : null,
  };
}

/**
 * Adds demo projects: ~3,000 over three years across the demo's districts and parks (small), or 100,000 (province,
 * for benchmarks). Every record passes the same validation as user input. Deterministic for a given day.
 */
export async function loadDemoProjects(db: Db, options: { count: number; seed?: number; withEvents?: boolean }): Promise<number> {
  const random = seededRandom(options.seed ?? 42);
  const today = todayIso();
  const context = await loadNormalizeContext(db, 'zh');
  const targets = await db
    .select({ code: units.code, name: units.name, path: units.path, level: units.level })
    .from(units)
    .where(sql`${units.level} in ('district', 'park') and ${units.active}`);
  // Featured demo units (邗江, 高邮, 吴江, 泉山, their parks) get more projects.
  const weights = targets.map((t) =>
    ['321003', '321084', '320509', '320311', '321071', '321171'].includes(t.code) ||
    t.name.includes('吴江经济') ||
    t.name.includes('泉山经济')
      ? 6
      : 1,
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickUnit = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < targets.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return targets[i]!;
    }
    return targets[targets.length - 1]!;
  };
  const counters = new Map<string, number>();
  const existing = await db.select().from(projectCodeSequences);
  for (const row of existing) counters.set(`${row.unitCode}|${row.year}`, row.next);
  let inserted = 0;
  const batchSize = 5_000;
  for (let start = 0; start < options.count; start += batchSize) {
    const rows: (typeof projects.$inferInsert)[] = [];
    for (let i = start; i < Math.min(options.count, start + batchSize); i++) {
      const unit = pickUnit();
      const input = generateProject(random, unit.code, unit.name, today, 3 * 365);
      const { values } = normalizeProject(input, { ...context, today });
      if (!values) continue;
      const key = `${unit.code}|${values.firstReportedOn!.slice(0, 4)}`;
      const next = counters.get(key) ?? 1;
      counters.set(key, next + 1);
      rows.push({ ...values, code: `${unit.code}-${key.slice(-4)}-${String(next).padStart(4, '0')}`, unitPath: unit.path });
    }
    await db.transaction(async (tx) => {
      const created = (await bulkInsert(tx, projects, rows, ['id', 'existsFrom', 'signedOn', 'startedOn'])) as {
        id: string;
        existsFrom: string;
        signedOn: string | null;
        startedOn: string | null;
      }[];
      if (options.withEvents !== false) {
        const events = created.flatMap((p) => [
          { projectId: p.id, kind: 'created', stage: 'negotiating', eventDate: p.existsFrom, recordedByName: 'system:demo' },
          ...(p.signedOn
            ? [{ projectId: p.id, kind: 'stage', stage: 'signed', eventDate: p.signedOn, recordedByName: 'system:demo' }]
            : []),
          ...(p.startedOn
            ? [{ projectId: p.id, kind: 'stage', stage: 'started', eventDate: p.startedOn, recordedByName: 'system:demo' }]
            : []),
        ]);
        await bulkInsert(tx, projectEvents, events);
      }
    });
    inserted += rows.length;
  }
  await db.transaction(async (tx) => {
    const sequences = [...counters].map(([key, next]) => ({ unitCode: key.split('|')[0]!, year: Number(key.split('|')[1]), next }));
    await bulkInsert(tx, projectCodeSequences, sequences, [], 'on conflict (unit_code, year) do update set next = excluded.next');
    await appendAudit(
      tx,
      { userId: null, username: 'system:demo', unitCode: null },
      { ip: null },
      { action: 'demo.load_projects', objectType: 'demo', detail: `${inserted} projects` },
    );
  });
  return inserted;
}
