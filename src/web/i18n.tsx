import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../shared/errors.ts';

// UI strings: [简体中文, English]. Simplified Chinese is the default.
const MESSAGES = {
  appName: ['招引', 'Zhaoyin'],
  appTitle: ['招商引资与重大项目调度平台', 'Investment Promotion & Major Projects'],
  login: ['登录', 'Sign in'],
  logout: ['退出登录', 'Sign out'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  usernameRequired: ['请输入用户名', 'Enter your username'],
  passwordRequired: ['请输入密码', 'Enter your password'],
  loginSubtitle: ['项目台账 · 目标考核 · 填报调度 · 问题销号', 'Ledger · Targets · Reporting · Scheduling'],
  demoHint: ['演示账号密码均为 Zhaoyin@2026，例如 yz_officer、hanjiang_officer、admin、auditor', 'Demo password for every account: Zhaoyin@2026 — e.g. yz_officer, hanjiang_officer, admin, auditor'],
  changePassword: ['修改密码', 'Change password'],
  currentPassword: ['原密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  confirmPassword: ['确认新密码', 'Confirm new password'],
  passwordsDiffer: ['两次输入的密码不一致', 'The passwords differ'],
  passwordChanged: ['密码已修改', 'Password changed'],
  mustChangePassword: ['首次登录或密码被重置，请先修改密码', 'Please set a new password before continuing'],
  language: ['语言', 'Language'],
  home: ['工作台', 'Home'],
  organization: ['组织机构', 'Organisation'],
  units: ['单位与园区', 'Units & parks'],
  departments: ['部门', 'Departments'],
  system: ['系统管理', 'Administration'],
  users: ['用户', 'Users'],
  settings: ['系统设置', 'Settings'],
  audit: ['审计日志', 'Audit log'],
  currentUnit: ['当前单位', 'Current unit'],
  sessionExpired: ['会话已过期，请重新登录', 'Your session has expired; please sign in again'],
  forbiddenTitle: ['无权访问', 'Access denied'],
  notFoundTitle: ['页面不存在', 'Page not found'],
  backHome: ['返回工作台', 'Back to home'],
  loading: ['加载中…', 'Loading…'],
  retry: ['重试', 'Retry'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  create: ['新增', 'Add'],
  edit: ['编辑', 'Edit'],
  delete: ['删除', 'Delete'],
  actions: ['操作', 'Actions'],
  exportExcel: ['导出 Excel', 'Export to Excel'],
  search: ['搜索', 'Search'],
  reset: ['重置', 'Reset'],
  saved: ['已保存', 'Saved'],
  deleted: ['已删除', 'Deleted'],
  confirmDelete: ['确定删除？', 'Delete this?'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  all: ['全部', 'All'],
  active: ['启用', 'Active'],
  inactive: ['停用', 'Inactive'],
  status: ['状态', 'Status'],
  code: ['编码', 'Code'],
  name: ['名称', 'Name'],
  shortName: ['简称', 'Short name'],
  level: ['层级', 'Level'],
  kind: ['类型', 'Kind'],
  parentUnit: ['上级单位', 'Parent unit'],
  unit: ['所属单位', 'Unit'],
  includeSubunits: ['含下级单位', 'Include sub-units'],
  welcome: ['您好，{name}', 'Hello, {name}'],
  scopeHint: ['您可查看和管理 {unit} 及其下级单位的数据', 'You work with the data of {unit} and the units below it'],
  subUnits: ['下级单位', 'Sub-units'],
  cities: ['设区市', 'Cities'],
  districts: ['县(市、区)', 'Counties / districts'],
  parks: ['园区', 'Parks'],
  towns: ['镇(街道)', 'Towns / streets'],
  departmentCount: ['部门', 'Departments'],
  userCount: ['用户', 'Users'],
  emptyUnits: ['没有下级单位', 'No sub-units'],
  addPark: ['新增园区', 'Add park'],
  addTown: ['新增镇(街道)', 'Add town / street'],
  addChild: ['新增下级', 'Add sub-unit'],
  codeAuto: ['留空则自动生成（上级编码 + 三位序号）', 'Leave empty to generate (parent code + 3 digits)'],
  referenceUnit: ['国标行政区划', 'GB/T 2260'],
  customUnit: ['自建', 'Added'],
  selectUnit: ['请在左侧选择单位', 'Select a unit on the left'],
  unitDetail: ['单位信息', 'Unit'],
  departmentName: ['部门名称', 'Department'],
  contactName: ['联系人', 'Contact'],
  contactPhone: ['联系电话', 'Phone'],
  addDepartment: ['新增部门', 'Add department'],
  editDepartment: ['编辑部门', 'Edit department'],
  displayName: ['姓名', 'Name'],
  roles: ['角色', 'Roles'],
  department: ['部门', 'Department'],
  phone: ['电话', 'Phone'],
  lastLogin: ['最近登录', 'Last sign-in'],
  addUser: ['新增用户', 'Add user'],
  editUser: ['编辑用户', 'Edit user'],
  initialPassword: ['初始密码', 'Initial password'],
  initialPasswordHint: ['用户首次登录时须修改密码；角色由安全管理员授予', 'The user must change it at first sign-in; roles are granted by the security administrator'],
  disable: ['停用', 'Disable'],
  enable: ['启用', 'Enable'],
  unlock: ['解锁', 'Unlock'],
  locked: ['已锁定', 'Locked'],
  resetPassword: ['重置密码', 'Reset password'],
  setRoles: ['设置角色', 'Set roles'],
  noRoles: ['未授权', 'No roles'],
  rolesHint: ['三员分立：系统管理员、安全管理员、审计管理员互斥，且不得兼任业务角色', 'Separation of duties: the three administrator roles exclude each other and every business role'],
  confirmDisable: ['停用后该用户的会话立即失效，确定停用？', 'Disabling ends the user’s sessions at once. Disable?'],
  searchUsers: ['用户名或姓名', 'Username or name'],
  securitySettings: ['安全设置', 'Security settings'],
  systemSettings: ['系统设置', 'System settings'],
  settingValue: ['当前值', 'Value'],
  defaultValue: ['默认值', 'Default'],
  settingReadonly: ['仅{role}可修改', 'Only the {role} can change this'],
  time: ['时间', 'Time'],
  user: ['用户', 'User'],
  action: ['操作', 'Action'],
  object: ['对象', 'Object'],
  field: ['字段', 'Field'],
  outcome: ['结果', 'Outcome'],
  changes: ['变更内容', 'Changes'],
  detail: ['说明', 'Detail'],
  success: ['成功', 'Success'],
  failure: ['失败', 'Failure'],
  denied: ['拒绝', 'Denied'],
  dateRange: ['日期', 'Dates'],
  verifyChain: ['校验哈希链', 'Verify hash chain'],
  chainOk: ['审计日志完整：已校验 {n} 条', 'Audit log intact: {n} rows checked'],
  chainBroken: ['审计日志被篡改：第 {seq} 条（{kind}）', 'Audit log tampered with at row {seq} ({kind})'],
  before: ['原值', 'Before'],
  after: ['新值', 'After'],
  total: ['共 {n} 条', '{n} in all'],
  auditorHome: ['您是审计管理员：可查阅、筛选、导出审计日志并校验其完整性。', 'You are the audit administrator: read, filter and export the audit log and verify its integrity.'],
  openAudit: ['打开审计日志', 'Open the audit log'],
  apiDocs: ['接口文档', 'API docs'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;

const STORAGE_KEY = 'zhaoyin.lang';
let activeLang: Lang = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh') as Lang;

/** The language used by API calls outside React. */
export const currentLang = (): Lang => activeLang;

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Picks the right half of a `{ zh, en }` label. */
  l: (label: { zh: string; en: string } | undefined | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(activeLang);
  const setLang = useCallback((next: Lang) => {
    activeLang = next;
    localStorage.setItem(STORAGE_KEY, next);
    document.cookie = `zhaoyin_lang=${next}; path=/; SameSite=Strict; max-age=31536000`;
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params), l: (label) => (label ? label[lang] : '') }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('I18nProvider missing');
  return context;
}
