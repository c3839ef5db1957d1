// Settings (⚙) with their defaults. Values live in the `settings` table; these are the definitions.
import { DEFAULT_TIER_LADDER, validLadder, type TierStep } from './projects/tiers.ts';

export type SettingScope = 'security' | 'system' | 'ledger' | 'targets' | 'reporting';
export type SettingValue = number | string | string[] | TierStep[];

export interface SettingDefinition {
  key: string;
  scope: SettingScope;
  kind: 'integer' | 'string' | 'stringList' | 'tierLadder';
  min?: number;
  max?: number;
  defaultValue: SettingValue;
  label: { zh: string; en: string };
  unit?: { zh: string; en: string };
  /** allowed values of a string setting, with their labels */
  options?: readonly { value: string; label: { zh: string; en: string } }[];
}

export const SETTING_DEFINITIONS = [
  {
    key: 'session.idleMinutes',
    scope: 'security',
    kind: 'integer',
    min: 5,
    max: 480,
    defaultValue: 30,
    label: { zh: '会话空闲超时', en: 'Session idle timeout' },
    unit: { zh: '分钟', en: 'min' },
  },
  {
    key: 'session.absoluteHours',
    scope: 'security',
    kind: 'integer',
    min: 1,
    max: 72,
    defaultValue: 12,
    label: { zh: '会话最长有效期', en: 'Session absolute lifetime' },
    unit: { zh: '小时', en: 'h' },
  },
  {
    key: 'login.maxFailures',
    scope: 'security',
    kind: 'integer',
    min: 3,
    max: 20,
    defaultValue: 5,
    label: { zh: '登录失败锁定次数', en: 'Failed logins before lock' },
    unit: { zh: '次', en: 'times' },
  },
  {
    key: 'login.lockMinutes',
    scope: 'security',
    kind: 'integer',
    min: 1,
    max: 1440,
    defaultValue: 15,
    label: { zh: '账户锁定时长', en: 'Lock duration' },
    unit: { zh: '分钟', en: 'min' },
  },
  {
    key: 'password.minLength',
    scope: 'security',
    kind: 'integer',
    min: 8,
    max: 64,
    defaultValue: 8,
    label: { zh: '密码最小长度', en: 'Minimum password length' },
    unit: { zh: '位', en: 'chars' },
  },
  {
    key: 'password.classes',
    scope: 'security',
    kind: 'integer',
    min: 2,
    max: 4,
    defaultValue: 3,
    label: { zh: '密码须含字符类别（大写、小写、数字、符号）', en: 'Character classes a password needs (upper, lower, digit, symbol)' },
    unit: { zh: '类', en: 'classes' },
  },
  {
    key: 'password.history',
    scope: 'security',
    kind: 'integer',
    min: 0,
    max: 24,
    defaultValue: 5,
    label: { zh: '不得重复使用最近的密码', en: 'Recent passwords that cannot be reused' },
    unit: { zh: '个', en: 'passwords' },
  },
  {
    key: 'password.maxAgeDays',
    scope: 'security',
    kind: 'integer',
    min: 0,
    max: 365,
    defaultValue: 90,
    label: { zh: '密码有效期（0 为不过期）', en: 'Password expiry (0: never)' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'password.blockCommon',
    scope: 'security',
    kind: 'string',
    defaultValue: 'on',
    label: { zh: '禁止常见弱密码和含用户名的密码', en: 'Refuse common passwords and ones holding the username' },
    options: [
      { value: 'on', label: { zh: '禁止', en: 'Refuse' } },
      { value: 'off', label: { zh: '不检查', en: 'Do not check' } },
    ],
  },
  {
    key: 'upload.maxFileMb',
    scope: 'system',
    kind: 'integer',
    min: 1,
    max: 200,
    defaultValue: 10,
    label: { zh: '上传文件大小上限（附件、填报表、目标表、汇率表）', en: 'Largest upload (attachments, report, target and rate sheets)' },
    unit: { zh: 'MB', en: 'MB' },
  },
  {
    key: 'upload.maxInflatedMb',
    scope: 'system',
    kind: 'integer',
    min: 1,
    max: 1000,
    defaultValue: 50,
    label: { zh: 'Excel 解压后大小上限（填报表、目标表、汇率表）', en: 'Largest inflated workbook (report, target and rate sheets)' },
    unit: { zh: 'MB', en: 'MB' },
  },
  {
    key: 'upload.maxRows',
    scope: 'system',
    kind: 'integer',
    min: 100,
    max: 1_000_000,
    defaultValue: 20_000,
    label: { zh: 'Excel 行数上限（填报表、目标表、汇率表）', en: 'Most rows in a sheet (report, target and rate sheets)' },
    unit: { zh: '行', en: 'rows' },
  },
  {
    key: 'import.maxFileMb',
    scope: 'system',
    kind: 'integer',
    min: 1,
    max: 500,
    defaultValue: 50,
    label: { zh: '项目台账导入文件大小上限', en: 'Largest ledger import file' },
    unit: { zh: 'MB', en: 'MB' },
  },
  {
    key: 'import.maxInflatedMb',
    scope: 'system',
    kind: 'integer',
    min: 10,
    max: 4000,
    defaultValue: 400,
    label: { zh: '项目台账导入解压后大小上限', en: 'Largest inflated ledger import' },
    unit: { zh: 'MB', en: 'MB' },
  },
  {
    key: 'import.maxRows',
    scope: 'system',
    kind: 'integer',
    min: 100,
    max: 1_000_000,
    defaultValue: 200_000,
    label: { zh: '项目台账导入行数上限', en: 'Most rows in a ledger import' },
    unit: { zh: '行', en: 'rows' },
  },
  {
    key: 'login.ipFailuresPerMinute',
    scope: 'security',
    kind: 'integer',
    min: 5,
    max: 1000,
    defaultValue: 20,
    label: { zh: '同一地址每分钟登录失败上限', en: 'Failed sign-ins per address per minute' },
    unit: { zh: '次', en: 'times' },
  },
  {
    key: 'security.totpAdmins',
    scope: 'security',
    kind: 'string',
    defaultValue: 'required',
    label: { zh: '三员（系统、安全、审计管理员）动态口令', en: 'Authenticator codes for the three administrators' },
    options: [
      { value: 'required', label: { zh: '必须启用', en: 'Required' } },
      { value: 'optional', label: { zh: '可选（仅演示环境）', en: 'Optional (demo only)' } },
    ],
  },
  {
    key: 'security.totpOthers',
    scope: 'security',
    kind: 'string',
    defaultValue: 'optional',
    label: { zh: '其他用户动态口令', en: 'Authenticator codes for other users' },
    options: [
      { value: 'required', label: { zh: '必须启用', en: 'Required' } },
      { value: 'optional', label: { zh: '可选', en: 'Optional' } },
      { value: 'off', label: { zh: '不使用', en: 'Off' } },
    ],
  },
  {
    key: 'system.title',
    scope: 'system',
    kind: 'string',
    defaultValue: '招引 · 招商引资与重大项目调度平台',
    label: { zh: '系统名称', en: 'System title' },
  },
  {
    key: 'backup.everyHours',
    scope: 'system',
    kind: 'integer',
    min: 0,
    max: 168,
    defaultValue: 24,
    label: {
      zh: '自动备份间隔（0 为不自动备份；备份目录由 BACKUP_DIR 指定）',
      en: 'Automatic backup interval (0: off; folder BACKUP_DIR)',
    },
    unit: { zh: '小时', en: 'h' },
  },
  {
    key: 'backup.keep',
    scope: 'system',
    kind: 'integer',
    min: 1,
    max: 365,
    defaultValue: 14,
    label: { zh: '保留自动备份份数', en: 'Automatic backups kept' },
    unit: { zh: '份', en: 'backups' },
  },
  {
    key: 'maintenance.vacuumHours',
    scope: 'system',
    kind: 'integer',
    min: 1,
    max: 168,
    defaultValue: 24,
    label: { zh: '数据库整理间隔', en: 'VACUUM ANALYZE interval' },
    unit: { zh: '小时', en: 'h' },
  },
  {
    key: 'ledger.tierLadder',
    scope: 'ledger',
    kind: 'tierLadder',
    defaultValue: DEFAULT_TIER_LADDER,
    label: { zh: '投资规模档次（人民币亿元 / 外资万美元）', en: 'Investment tiers (CNY 100M / USD 10k)' },
  },
  {
    key: 'ledger.aftercareDays',
    scope: 'ledger',
    kind: 'integer',
    min: 7,
    max: 1000,
    defaultValue: 180,
    label: { zh: '在地企业走访周期（超过即列入待走访）', en: 'Aftercare: visit local firms at least every' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'ledger.majorThresholdYi',
    scope: 'ledger',
    kind: 'integer',
    min: 1,
    max: 1000,
    defaultValue: 20,
    label: { zh: '重特大项目标准', en: 'Major-project threshold' },
    unit: { zh: '亿元', en: 'CNY 100M' },
  },
  {
    key: 'ledger.chains',
    scope: 'ledger',
    kind: 'stringList',
    defaultValue: [
      '集成电路',
      '新型电力装备',
      '新能源',
      '生物医药',
      '高端装备',
      '新能源汽车及零部件',
      '新材料',
      '软件和信息服务',
      '节能环保',
      '纺织服装',
      '绿色食品',
      '航空航天',
      '海工装备和高技术船舶',
      '人工智能',
      '物联网',
    ],
    label: { zh: '产业链清单', en: 'Industrial chains' },
  },
  {
    key: 'targets.scheduleMode',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'month',
    label: { zh: '序时进度口径', en: 'Schedule progress basis' },
    options: [
      { value: 'month', label: { zh: '按月（第n月末为n/12）', en: 'By month (n/12 at the end of month n)' } },
      { value: 'half_month', label: { zh: '按半月', en: 'By half month' } },
      { value: 'day', label: { zh: '按日', en: 'By day' } },
    ],
  },
  {
    key: 'targets.setBy',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'above',
    label: { zh: '考核目标由谁设定', en: 'Who sets a unit’s targets' },
    options: [
      { value: 'above', label: { zh: '上级单位下达（本单位不能设定自己的目标）', en: 'The unit above (a unit cannot set its own)' } },
      { value: 'self', label: { zh: '本单位也可设定', en: 'The unit itself too' } },
    ],
  },
  {
    key: 'targets.yellowPoints',
    scope: 'targets',
    kind: 'integer',
    min: 1,
    max: 50,
    defaultValue: 5,
    label: { zh: '黄灯：低于序时不超过', en: 'Yellow: below schedule by at most' },
    unit: { zh: '个百分点', en: 'points' },
  },
  {
    key: 'targets.landedMilestone',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'registered',
    label: { zh: '落地标准', en: 'What counts as landed' },
    options: [
      { value: 'registered', label: { zh: '注册（或已到后续阶段）', en: 'Registered (or any later stage)' } },
      { value: 'started', label: { zh: '开工（合同+注册+开工）', en: 'Started (contract, registration and start)' } },
    ],
  },
  {
    key: 'targets.cockpitIndicators',
    scope: 'targets',
    kind: 'stringList',
    defaultValue: [
      'signed_projects',
      'signed_projects_1yi',
      'signed_projects_10yi',
      'signed_investment',
      'registered_projects',
      'started_projects',
      'producing_projects',
      'listed_projects',
      'contract_foreign_capital',
      'arrived_funds',
    ],
    label: { zh: '驾驶舱指标', en: 'Cockpit indicators' },
  },
  {
    key: 'alerts.stalledMonths',
    scope: 'reporting',
    kind: 'integer',
    min: 1,
    max: 24,
    defaultValue: 3,
    label: { zh: '停滞预警：开工后连续无新增投资', en: 'Stalled: no new investment for' },
    unit: { zh: '个月', en: 'months' },
  },
  {
    key: 'alerts.signedNotLandedDays',
    scope: 'reporting',
    kind: 'integer',
    min: 7,
    max: 1095,
    defaultValue: 180,
    label: { zh: '签约未落地预警：签约后', en: 'Signed, not landed after' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'alerts.behindSchedulePoints',
    scope: 'reporting',
    kind: 'integer',
    min: 1,
    max: 100,
    defaultValue: 10,
    label: { zh: '低于序时预警：低于序时超过', en: 'Behind schedule by more than' },
    unit: { zh: '个百分点', en: 'points' },
  },
  {
    key: 'alerts.milestoneGraceDays',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 365,
    defaultValue: 0,
    label: { zh: '节点逾期预警：计划日期后宽限', en: 'Milestone overdue: grace after the planned date' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'staff.quota.investment_leader',
    scope: 'targets',
    kind: 'integer',
    min: 0,
    max: 100,
    defaultValue: 40,
    label: { zh: '市外招商时间：招商分管领导每月不少于', en: 'Out-of-city time: investment-promotion leaders at least' },
    unit: { zh: '%', en: '%' },
  },
  {
    key: 'staff.quota.park_head',
    scope: 'targets',
    kind: 'integer',
    min: 0,
    max: 100,
    defaultValue: 60,
    label: { zh: '市外招商时间：园区主要负责人每月不少于', en: 'Out-of-city time: heads of parks at least' },
    unit: { zh: '%', en: '%' },
  },
  {
    key: 'staff.quota.party_leader',
    scope: 'targets',
    kind: 'integer',
    min: 0,
    max: 100,
    defaultValue: 33,
    label: { zh: '市外招商时间：党政主要领导每月不少于', en: 'Out-of-city time: principal Party and government leaders at least' },
    unit: { zh: '%', en: '%' },
  },
  {
    key: 'staff.tripApproval',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'off',
    label: { zh: '外出招商须经审核员审核（开启后只统计已审核的出行）', en: 'Trips are approved by a reviewer (only approved ones count)' },
    options: [
      { value: 'off', label: { zh: '不需审核', en: 'No approval' } },
      { value: 'on', label: { zh: '须审核', en: 'Approval required' } },
    ],
  },
  {
    key: 'advisors.reward.basis',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'invested',
    label: { zh: '招商顾问奖励：计奖基数', en: 'Advisors’ rewards: basis' },
    options: [
      {
        value: 'invested',
        label: { zh: '实际到位固定资产投资（月报完成投资）', en: 'Fixed-asset investment completed (monthly progress)' },
      },
      { value: 'arrived', label: { zh: '实际到资', en: 'Capital actually paid in' } },
    ],
  },
  {
    key: 'advisors.reward.perMille',
    scope: 'targets',
    kind: 'integer',
    min: 0,
    max: 50,
    defaultValue: 3,
    label: { zh: '招商顾问奖励：按计奖基数的千分之', en: 'Advisors’ rewards: per mille of the basis' },
    unit: { zh: '‰', en: '‰' },
  },
  {
    key: 'advisors.reward.capWan',
    scope: 'targets',
    kind: 'integer',
    min: 0,
    max: 100_000,
    defaultValue: 100,
    label: { zh: '招商顾问奖励：单个项目累计最高（0 为不封顶）', en: 'Advisors’ rewards: most per project over all years (0: no cap)' },
    unit: { zh: '万元', en: '10k CNY' },
  },
  {
    key: 'advisors.reward.excludeExpansion',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'on',
    label: { zh: '招商顾问奖励：增资扩产项目不予奖励', en: 'Advisors’ rewards: none for expansions of existing firms' },
    options: [
      { value: 'on', label: { zh: '不予奖励', en: 'Excluded' } },
      { value: 'off', label: { zh: '同样奖励', en: 'Rewarded too' } },
    ],
  },
  {
    key: 'advisors.reward.excludePublicServants',
    scope: 'targets',
    kind: 'string',
    defaultValue: 'on',
    label: { zh: '招商顾问奖励：公职人员不予奖励', en: 'Advisors’ rewards: none for public servants' },
    options: [
      { value: 'on', label: { zh: '不予奖励', en: 'Excluded' } },
      { value: 'off', label: { zh: '同样奖励', en: 'Rewarded too' } },
    ],
  },
  {
    key: 'alerts.nextStepGraceDays',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 90,
    defaultValue: 3,
    label: { zh: '跟进逾期预警：约定的下一步日期后宽限', en: 'Follow-up overdue: grace after the agreed next-step date' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'alerts.evaluateMinutes',
    scope: 'reporting',
    kind: 'integer',
    min: 5,
    max: 1440,
    defaultValue: 30,
    label: { zh: '预警定时计算间隔', en: 'Alert evaluation interval' },
    unit: { zh: '分钟', en: 'min' },
  },
  {
    key: 'alerts.snoozeMaxDays',
    scope: 'reporting',
    kind: 'integer',
    min: 1,
    max: 365,
    defaultValue: 90,
    label: { zh: '预警暂缓最长', en: 'Longest an alert may be snoozed' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'blockers.escalateInvestmentYi',
    scope: 'reporting',
    kind: 'integer',
    min: 1,
    max: 10000,
    defaultValue: 30,
    label: { zh: '要素保障：项目总投资达到', en: 'Escalate blockers of projects from' },
    unit: { zh: '亿元', en: 'CNY 100M' },
  },
  {
    key: 'blockers.escalateOverdueDays',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 365,
    defaultValue: 15,
    label: { zh: '要素保障：问题逾期超过', en: 'Escalate blockers overdue by more than' },
    unit: { zh: '天', en: 'days' },
  },
  {
    key: 'schedule.monthsToRegistered',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 60,
    defaultValue: 2,
    label: { zh: '倒排工期：签约→注册', en: 'Backward schedule: signing → registration' },
    unit: { zh: '个月', en: 'months' },
  },
  {
    key: 'schedule.monthsToStarted',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 60,
    defaultValue: 4,
    label: { zh: '倒排工期：注册→开工', en: 'Backward schedule: registration → start' },
    unit: { zh: '个月', en: 'months' },
  },
  {
    key: 'schedule.monthsToCompleted',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 120,
    defaultValue: 18,
    label: { zh: '倒排工期：开工→竣工', en: 'Backward schedule: start → completion' },
    unit: { zh: '个月', en: 'months' },
  },
  {
    key: 'schedule.monthsToProducing',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 60,
    defaultValue: 3,
    label: { zh: '倒排工期：竣工→投产', en: 'Backward schedule: completion → production' },
    unit: { zh: '个月', en: 'months' },
  },
  {
    key: 'schedule.monthsToAtCapacity',
    scope: 'reporting',
    kind: 'integer',
    min: 0,
    max: 120,
    defaultValue: 12,
    label: { zh: '倒排工期：投产→达产', en: 'Backward schedule: production → capacity' },
    unit: { zh: '个月', en: 'months' },
  },
] as const satisfies readonly SettingDefinition[];

export type SettingKey = (typeof SETTING_DEFINITIONS)[number]['key'];

type Label = { zh: string; en: string };
const definitions: readonly SettingDefinition[] = SETTING_DEFINITIONS;
/** The settings' names by key (the web's dictionary reads them as `setting.<key>`; the API sends keys only). */
export const SETTING_LABELS = Object.fromEntries(definitions.map((d) => [d.key, d.label])) as Record<SettingKey, Label>;
/** The unit a setting is counted in, by key, where it has one (`settingUnit.<key>`). */
export const SETTING_UNIT_LABELS: Record<string, Label> = Object.fromEntries(definitions.flatMap((d) => (d.unit ? [[d.key, d.unit]] : [])));
/** The allowed values' names of a string setting, by `<key>:<value>` (`settingOption.<key>:<value>`). */
export const SETTING_OPTION_LABELS: Record<string, Label> = Object.fromEntries(
  definitions.flatMap((d) => (d.options ?? []).map((o) => [`${d.key}:${o.value}`, o.label])),
);

export function settingDefinition(key: string): SettingDefinition | undefined {
  return SETTING_DEFINITIONS.find((definition) => definition.key === key);
}

/** Validates a proposed value; returns the normalized value or an error key. */
export function checkSettingValue(
  definition: SettingDefinition,
  value: unknown,
): { ok: true; value: SettingValue } | { ok: false; reason: 'type' | 'range' } {
  if (definition.kind === 'tierLadder')
    return validLadder(value)
      ? { ok: true, value: value.map((step) => ({ yi: step.yi, usdWan: step.usdWan })) }
      : { ok: false, reason: 'type' };
  if (definition.kind === 'stringList') {
    if (
      !Array.isArray(value) ||
      value.length > 200 ||
      !value.every((item) => typeof item === 'string' && item.trim() !== '' && item.length <= 40)
    )
      return { ok: false, reason: 'type' };
    return { ok: true, value: [...new Set(value.map((item: string) => item.trim()))] };
  }
  if (definition.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, reason: 'type' };
    if ((definition.min !== undefined && value < definition.min) || (definition.max !== undefined && value > definition.max))
      return { ok: false, reason: 'range' };
    return { ok: true, value };
  }
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) return { ok: false, reason: 'type' };
  if (definition.options && !definition.options.some((option) => option.value === value.trim())) return { ok: false, reason: 'range' };
  return { ok: true, value: value.trim() };
}
