// Departments (部门) that projects and blockers are assigned to.

export const DEPARTMENT_KINDS = [
  'investment_promotion', // 招商局 / 投资促进中心
  'commerce', // 商务局
  'development_reform', // 发改委
  'housing_construction', // 住建局
  'natural_resources', // 自然资源和规划局
  'administrative_approval', // 行政审批局
  'ecology_environment', // 生态环境局
  'finance', // 财政局
  'science_technology', // 科技局
  'industry_it', // 工信局
  'statistics', // 统计局
  'power_supply', // 供电公司
  'management_committee', // 管委会 (parks)
  'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, { zh: string; en: string }> = {
  investment_promotion: { zh: '招商局', en: 'Investment Promotion Bureau' },
  commerce: { zh: '商务局', en: 'Commerce Bureau' },
  development_reform: { zh: '发改委', en: 'Development and Reform Commission' },
  housing_construction: { zh: '住建局', en: 'Housing and Construction Bureau' },
  natural_resources: { zh: '自然资源和规划局', en: 'Natural Resources and Planning Bureau' },
  administrative_approval: { zh: '行政审批局', en: 'Administrative Approval Bureau' },
  ecology_environment: { zh: '生态环境局', en: 'Ecology and Environment Bureau' },
  finance: { zh: '财政局', en: 'Finance Bureau' },
  science_technology: { zh: '科技局', en: 'Science and Technology Bureau' },
  industry_it: { zh: '工信局', en: 'Industry and IT Bureau' },
  statistics: { zh: '统计局', en: 'Statistics Bureau' },
  power_supply: { zh: '供电公司', en: 'Power Supply Company' },
  management_committee: { zh: '管委会', en: 'Management Committee' },
  other: { zh: '其他', en: 'Other' },
};
