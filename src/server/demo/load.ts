import { loadDemoChains } from './chains.ts';
import { loadDemoTrips } from './trips.ts';
import { loadDemoEvents } from './events.ts';
import { loadDemoAdvisors } from './advisors.ts';
import { eq, sql } from 'drizzle-orm';
import { DEPARTMENT_KIND_LABELS, type DepartmentKind } from '../../shared/departments.ts';
import type { RoleKey } from '../../shared/roles.ts';
import { childPath, nextChildCode } from '../../shared/units.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, appendAuditBatch } from '../audit/recorder.ts';
import { bulkInsert } from '../db/bulk.ts';
import { hashPassword } from '../auth/passwords.ts';
import { departments } from '../departments/schema.ts';
import { appMeta, settings } from '../settings/schema.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { CITY_ACCOUNT_PREFIX, DEMO_PARKS, DEMO_PASSWORD, DEMO_TOWNS, FEATURED_PARKS, FEATURED_UNITS } from './fixtures.ts';
import { chineseName, mobileNumber, seededRandom } from './random.ts';
import { loadDemoProjects } from './projects.ts';
import { loadDemoTargets } from './targets.ts';
import { loadDemoReporting } from './reporting.ts';
import { loadDemoScheduling } from './scheduling.ts';

export type DemoSize = 'small' | 'province';
const DEMO_MARKER = 'demo.loadedAt';
const PROVINCE_MARKER = 'demo.provinceLoadedAt';
export const DEMO_PROJECTS = { small: 3_000, province: 100_000 } as const;
const SYSTEM_SUBJECT = { userId: null, username: 'system:demo', unitCode: null };
const META = { ip: null, lang: 'zh' as const };

export async function demoLoaded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_MARKER));
  return Boolean(row);
}

const CITY_DEPARTMENTS: DepartmentKind[] = [
  'investment_promotion',
  'commerce',
  'development_reform',
  'housing_construction',
  'natural_resources',
  'administrative_approval',
  'ecology_environment',
  'finance',
  'science_technology',
  'industry_it',
  'statistics',
  'power_supply',
];
const DISTRICT_DEPARTMENTS: DepartmentKind[] = [
  'investment_promotion',
  'commerce',
  'development_reform',
  'housing_construction',
  'natural_resources',
  'administrative_approval',
  'ecology_environment',
  'power_supply',
];
const PARK_DEPARTMENTS: { kind: DepartmentKind; name: string }[] = [
  { kind: 'management_committee', name: '管委会办公室' },
  { kind: 'investment_promotion', name: '招商局' },
  { kind: 'housing_construction', name: '规划建设局' },
  { kind: 'other', name: '经济发展局' },
];

function departmentName(unitName: string, unitShort: string, kind: DepartmentKind): string {
  if (kind === 'power_supply') return `国网${unitShort}供电公司`;
  if (kind === 'investment_promotion') return `${unitName}投资促进中心`;
  return `${unitName}${DEPARTMENT_KIND_LABELS[kind].zh}`;
}

export interface DemoAccount {
  username: string;
  role: RoleKey;
  unitName: string;
}

/**
 * Loads the demo dataset once (parks, towns, departments, users of every role at every level), in one transaction.
 * Deterministic: the same seed gives the same names and numbers. `province` size will add benchmark-scale
 * projects once the ledger exists; the organisation part is the same for both sizes.
 */
export async function loadDemo(
  db: Db,
  options: { size?: DemoSize } = {},
): Promise<{ loaded: boolean; accounts: DemoAccount[]; projects: number }> {
  if (await demoLoaded(db)) {
    // `--size province` on a database with the small demo adds the benchmark-scale projects, once.
    if (options.size === 'province') {
      const added = await loadProvinceProjects(db);
      if (added > 0) await loadDemoTargets(db);
      return { loaded: false, accounts: [], projects: added };
    }
    return { loaded: false, accounts: [], projects: 0 };
  }
  const random = seededRandom(20_260_101);
  const passwordHash = await hashPassword(DEMO_PASSWORD); // one hash for the shared demo password keeps the cold start fast
  const accounts: DemoAccount[] = [];
  await db.transaction(async (tx) => {
    // A concurrent starter may have loaded it meanwhile: the marker row is the claim.
    const claimed = await tx
      .insert(appMeta)
      .values({ key: DEMO_MARKER, value: sql`to_jsonb(now()::text)` })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return;
    // The demo's accounts share a published password; their administrators are not asked for an authenticator either
    // (a deployment without the demo requires it: security.totpAdmins defaults to 'required').
    await tx
      .insert(settings)
      .values({ key: 'security.totpAdmins', value: sql`'"optional"'::jsonb`, updatedBy: 'system:demo' })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`'"optional"'::jsonb`, updatedBy: 'system:demo' } });
    const all = await tx.select().from(units);
    const byCode = new Map(all.map((u) => [u.code, u]));
    const parkCodes = new Map<string, string>();

    const addChild = async (parentCode: string, level: 'park' | 'town', name: string, shortName: string, kind: string) => {
      const parent = byCode.get(parentCode);
      if (!parent) throw new Error(`demo: no unit ${parentCode}`);
      const siblings = [...byCode.values()].filter((u) => u.parentCode === parentCode).map((u) => u.code);
      const code = nextChildCode(parentCode, level, siblings);
      const [row] = await tx
        .insert(units)
        .values({
          code,
          name,
          shortName,
          level,
          kind,
          parentCode,
          path: childPath(parent.path, code),
          depth: parent.depth + 1,
          sortOrder: 900,
        })
        .returning();
      if (!row) throw new Error('insert failed');
      byCode.set(code, row);
      return row;
    };
    for (const park of DEMO_PARKS)
      parkCodes.set(park.name, (await addChild(park.parent, 'park', park.name, park.shortName, park.kind)).code);
    for (const town of DEMO_TOWNS) await addChild(town.parent, 'town', town.name, town.name, town.kind);

    const departmentRows: (typeof departments.$inferInsert)[] = [];
    for (const unit of byCode.values()) {
      const kinds = unit.level === 'city' ? CITY_DEPARTMENTS : unit.level === 'district' ? DISTRICT_DEPARTMENTS : [];
      for (const kind of kinds)
        departmentRows.push({
          unitCode: unit.code,
          kind,
          name: departmentName(unit.name, unit.shortName, kind),
          contactName: chineseName(random),
          contactPhone: mobileNumber(random),
        });
      if (unit.level === 'park')
        for (const d of PARK_DEPARTMENTS)
          departmentRows.push({
            unitCode: unit.code,
            kind: d.kind,
            name: d.name,
            contactName: chineseName(random),
            contactPhone: mobileNumber(random),
          });
      if (unit.level === 'province') {
        departmentRows.push({
          unitCode: unit.code,
          kind: 'commerce',
          name: '江苏省商务厅',
          contactName: chineseName(random),
          contactPhone: mobileNumber(random),
        });
        departmentRows.push({
          unitCode: unit.code,
          kind: 'development_reform',
          name: '江苏省发展和改革委员会',
          contactName: chineseName(random),
          contactPhone: mobileNumber(random),
        });
        departmentRows.push({
          unitCode: unit.code,
          kind: 'natural_resources',
          name: '江苏省自然资源厅',
          contactName: chineseName(random),
          contactPhone: mobileNumber(random),
        });
      }
    }
    const insertedDepartments = await tx
      .insert(departments)
      .values(departmentRows)
      .returning({ id: departments.id, unitCode: departments.unitCode, kind: departments.kind });
    const naturalResourcesOf = (unitCode: string) =>
      insertedDepartments.find((d) => d.unitCode === unitCode && d.kind === 'natural_resources')?.id ?? null;

    // Accounts created before the demo (e.g. the first admin from the CLI) keep their names; the demo skips them.
    const taken = new Set((await tx.select({ username: users.username }).from(users)).map((u) => u.username));
    const pending: (typeof users.$inferInsert)[] = [];
    const addUser = async (username: string, role: RoleKey, unitCode: string, departmentId: string | null = null) => {
      const unit = byCode.get(unitCode);
      if (!unit) throw new Error(`demo: no unit ${unitCode}`);
      if (taken.has(username)) return;
      taken.add(username);
      pending.push({
        username,
        displayName: chineseName(random),
        passwordHash,
        unitCode,
        departmentId,
        phone: mobileNumber(random),
        roles: [role],
        isDemo: true,
      });
      accounts.push({ username, role, unitName: unit.name });
    };
    const fullSet = async (prefix: string, unitCode: string) => {
      await addUser(`${prefix}_leader`, 'leader', unitCode);
      await addUser(`${prefix}_officer`, 'officer', unitCode);
      await addUser(`${prefix}_reviewer`, 'reviewer', unitCode);
      await addUser(
        `${prefix}_liaison`,
        'liaison',
        unitCode,
        naturalResourcesOf(unitCode) ?? insertedDepartments.find((d) => d.unitCode === unitCode)?.id ?? null,
      );
      await addUser(`${prefix}_admin`, 'sysadmin', unitCode);
    };
    await addUser('admin', 'sysadmin', '320000');
    await addUser('secadmin', 'secadmin', '320000');
    await addUser('auditor', 'auditor', '320000');
    await fullSet('js', '320000');
    for (const [cityCode, prefix] of Object.entries(CITY_ACCOUNT_PREFIX)) await fullSet(prefix, cityCode);
    await addUser('yz_secadmin', 'secadmin', '321000');
    await addUser('yz_auditor', 'auditor', '321000');
    for (const featured of FEATURED_UNITS) await fullSet(featured.prefix, featured.code);
    for (const park of FEATURED_PARKS) await fullSet(park.prefix, parkCodes.get(park.name)!);
    // Every other district and park gets an officer, so each unit can keep its own ledger.
    const featuredCodes = new Set([...FEATURED_UNITS.map((f) => f.code), ...FEATURED_PARKS.map((p) => parkCodes.get(p.name))]);
    for (const unit of byCode.values()) {
      if ((unit.level === 'district' || unit.level === 'park') && !featuredCodes.has(unit.code))
        await addUser(`u${unit.code}_officer`, 'officer', unit.code);
    }
    // One statement for all accounts, one audit row each (appended as a batch).
    const created = (await bulkInsert(tx, users, pending, ['id', 'username', 'unitCode', 'roles'])) as {
      id: string;
      username: string;
      unitCode: string;
      roles: string[];
    }[];
    await appendAuditBatch(
      tx,
      SYSTEM_SUBJECT,
      META,
      created.map((user) => ({
        action: 'user.create',
        objectType: 'user',
        objectId: user.id,
        changes: {
          username: { before: null, after: user.username },
          unitCode: { before: null, after: user.unitCode },
          roles: { before: null, after: user.roles },
        },
      })),
    );
    await appendAudit(tx, SYSTEM_SUBJECT, META, {
      action: 'demo.load',
      objectType: 'demo',
      detail: `size=${options.size ?? 'small'}; parks ${DEMO_PARKS.length}, towns ${DEMO_TOWNS.length}, departments ${insertedDepartments.length}, users ${accounts.length}`,
    });
  });
  let projectCount = 0;
  if (accounts.length > 0) projectCount = await loadDemoProjects(db, { count: DEMO_PROJECTS.small, withEvents: false });
  if (options.size === 'province') projectCount += await loadProvinceProjects(db);
  if (accounts.length > 0 || options.size === 'province') await loadDemoTargets(db);
  if (accounts.length > 0) {
    await loadDemoReporting(db);
    await loadDemoScheduling(db);
    await loadDemoChains(db);
    await loadDemoTrips(db);
    await loadDemoEvents(db);
    await loadDemoAdvisors(db);
  }
  return { loaded: accounts.length > 0, accounts, projects: projectCount };
}

async function loadProvinceProjects(db: Db): Promise<number> {
  const claimed = await db
    .insert(appMeta)
    .values({ key: PROVINCE_MARKER, value: sql`to_jsonb(now()::text)` })
    .onConflictDoNothing()
    .returning();
  if (claimed.length === 0) return 0;
  return loadDemoProjects(db, { count: DEMO_PROJECTS.province, seed: 7, withEvents: false });
}

/** The accounts printed at start-up: one of each role at each level, not all of them. */
export function headlineAccounts(): { username: string; role: string; unit: string }[] {
  return [
    { username: 'admin', role: '系统管理员 sysadmin', unit: '江苏省' },
    { username: 'secadmin', role: '安全管理员 secadmin', unit: '江苏省' },
    { username: 'auditor', role: '审计管理员 auditor', unit: '江苏省' },
    { username: 'js_leader', role: '领导 leader', unit: '江苏省' },
    { username: 'yz_leader', role: '领导 leader', unit: '扬州市' },
    { username: 'yz_reviewer', role: '审核员 reviewer', unit: '扬州市' },
    { username: 'yz_liaison', role: '部门联络员 liaison', unit: '扬州市自然资源和规划局' },
    { username: 'hanjiang_officer', role: '招商专员 officer', unit: '邗江区' },
    { username: 'gaoyou_officer', role: '招商专员 officer', unit: '高邮市' },
    { username: 'wjkfq_officer', role: '招商专员 officer', unit: '吴江经济技术开发区' },
  ];
}
