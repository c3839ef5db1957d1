// Classification lists of the ledger, with Chinese labels (and lookups by label for imports).

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const PROJECT_TYPES = ['new', 'expansion', 'tech_upgrade'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const PROJECT_TYPE_LABELS: Labels<ProjectType> = {
  new: { zh: '新引进', en: 'New' },
  expansion: { zh: '增资扩产', en: 'Expansion' }, // counts only the added amount
  tech_upgrade: { zh: '技改', en: 'Technical upgrade' },
};

export const PROJECT_LEVELS = ['provincial_major', 'city_key', 'district_key'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
export const PROJECT_LEVEL_LABELS: Labels<ProjectLevel> = {
  provincial_major: { zh: '省重大', en: 'Provincial major' },
  city_key: { zh: '市重点', en: 'City key' },
  district_key: { zh: '区重点', en: 'District key' },
};

export const LEAD_SOURCES = [
  'advisor',
  'chamber',
  'agency',
  'fund',
  'resident_team',
  'event',
  'business_referral',
  'online',
  'alumni',
  'direct',
  'other',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Labels<LeadSource> = {
  advisor: { zh: '招商顾问', en: 'Investment advisor' },
  chamber: { zh: '商会', en: 'Chamber of commerce' },
  agency: { zh: '中介机构', en: 'Agency' },
  fund: { zh: '基金', en: 'Fund' },
  resident_team: { zh: '驻点招商', en: 'Resident team' },
  event: { zh: '招商活动', en: 'Promotion event' },
  business_referral: { zh: '以商招商', en: 'Business referral' },
  online: { zh: '网络/平台', en: 'Online / platform' },
  alumni: { zh: '校友招商', en: 'Alumni' },
  direct: { zh: '自主对接', en: 'Direct contact' },
  other: { zh: '其他', en: 'Other' },
};

/** The steps of the lead-source conversion table (线索 → 在谈 → 签约 → 开工). */
export const SOURCE_STEPS = ['leads', 'negotiating', 'signed', 'started'] as const;
export type SourceStep = (typeof SOURCE_STEPS)[number];
export const SOURCE_STEP_LABELS: Labels<SourceStep> = {
  leads: { zh: '线索', en: 'Leads' },
  negotiating: { zh: '进入在谈', en: 'Reached negotiation' },
  signed: { zh: '签约', en: 'Signed' },
  started: { zh: '开工', en: 'Started' },
};
/** The lead source of projects that name none (a column of the conversion table, a value of the list's filter). */
export const NO_SOURCE = 'none';

export const INVESTOR_TAGS = [
  'fortune_global_500',
  'china_500',
  'listed',
  'specialized',
  'central_soe',
  'soe',
  'private',
  'foreign',
] as const;
export type InvestorTag = (typeof INVESTOR_TAGS)[number];
export const INVESTOR_TAG_LABELS: Labels<InvestorTag> = {
  fortune_global_500: { zh: '世界500强', en: 'Fortune Global 500' },
  china_500: { zh: '中国500强', en: 'China Top 500' },
  listed: { zh: '上市公司', en: 'Listed' },
  specialized: { zh: '专精特新', en: '“Little giant”' },
  central_soe: { zh: '央企', en: 'Central SOE' },
  soe: { zh: '国企', en: 'SOE' },
  private: { zh: '民企', en: 'Private' },
  foreign: { zh: '外企', en: 'Foreign-owned' },
};

export function keyByChineseLabel<K extends string>(labels: Labels<K>, text: string): K | undefined {
  const wanted = text.trim();
  return (Object.keys(labels) as K[]).find((key) => labels[key].zh === wanted || key === wanted);
}

/** GB/T 4754-2017 国民经济行业分类: 门类 and their 大类. */
export const INDUSTRY_SECTIONS: { code: string; name: string; divisions: [string, string][] }[] = [
  {
    code: 'A',
    name: '农、林、牧、渔业',
    divisions: [
      ['01', '农业'],
      ['02', '林业'],
      ['03', '畜牧业'],
      ['04', '渔业'],
      ['05', '农、林、牧、渔专业及辅助性活动'],
    ],
  },
  {
    code: 'B',
    name: '采矿业',
    divisions: [
      ['06', '煤炭开采和洗选业'],
      ['07', '石油和天然气开采业'],
      ['08', '黑色金属矿采选业'],
      ['09', '有色金属矿采选业'],
      ['10', '非金属矿采选业'],
      ['11', '开采专业及辅助性活动'],
      ['12', '其他采矿业'],
    ],
  },
  {
    code: 'C',
    name: '制造业',
    divisions: [
      ['13', '农副食品加工业'],
      ['14', '食品制造业'],
      ['15', '酒、饮料和精制茶制造业'],
      ['16', '烟草制品业'],
      ['17', '纺织业'],
      ['18', '纺织服装、服饰业'],
      ['19', '皮革、毛皮、羽毛及其制品和制鞋业'],
      ['20', '木材加工和木、竹、藤、棕、草制品业'],
      ['21', '家具制造业'],
      ['22', '造纸和纸制品业'],
      ['23', '印刷和记录媒介复制业'],
      ['24', '文教、工美、体育和娱乐用品制造业'],
      ['25', '石油、煤炭及其他燃料加工业'],
      ['26', '化学原料和化学制品制造业'],
      ['27', '医药制造业'],
      ['28', '化学纤维制造业'],
      ['29', '橡胶和塑料制品业'],
      ['30', '非金属矿物制品业'],
      ['31', '黑色金属冶炼和压延加工业'],
      ['32', '有色金属冶炼和压延加工业'],
      ['33', '金属制品业'],
      ['34', '通用设备制造业'],
      ['35', '专用设备制造业'],
      ['36', '汽车制造业'],
      ['37', '铁路、船舶、航空航天和其他运输设备制造业'],
      ['38', '电气机械和器材制造业'],
      ['39', '计算机、通信和其他电子设备制造业'],
      ['40', '仪器仪表制造业'],
      ['41', '其他制造业'],
      ['42', '废弃资源综合利用业'],
      ['43', '金属制品、机械和设备修理业'],
    ],
  },
  {
    code: 'D',
    name: '电力、热力、燃气及水生产和供应业',
    divisions: [
      ['44', '电力、热力生产和供应业'],
      ['45', '燃气生产和供应业'],
      ['46', '水的生产和供应业'],
    ],
  },
  {
    code: 'E',
    name: '建筑业',
    divisions: [
      ['47', '房屋建筑业'],
      ['48', '土木工程建筑业'],
      ['49', '建筑安装业'],
      ['50', '建筑装饰、装修和其他建筑业'],
    ],
  },
  {
    code: 'F',
    name: '批发和零售业',
    divisions: [
      ['51', '批发业'],
      ['52', '零售业'],
    ],
  },
  {
    code: 'G',
    name: '交通运输、仓储和邮政业',
    divisions: [
      ['53', '铁路运输业'],
      ['54', '道路运输业'],
      ['55', '水上运输业'],
      ['56', '航空运输业'],
      ['57', '管道运输业'],
      ['58', '多式联运和运输代理业'],
      ['59', '装卸搬运和仓储业'],
      ['60', '邮政业'],
    ],
  },
  {
    code: 'H',
    name: '住宿和餐饮业',
    divisions: [
      ['61', '住宿业'],
      ['62', '餐饮业'],
    ],
  },
  {
    code: 'I',
    name: '信息传输、软件和信息技术服务业',
    divisions: [
      ['63', '电信、广播电视和卫星传输服务'],
      ['64', '互联网和相关服务'],
      ['65', '软件和信息技术服务业'],
    ],
  },
  {
    code: 'J',
    name: '金融业',
    divisions: [
      ['66', '货币金融服务'],
      ['67', '资本市场服务'],
      ['68', '保险业'],
      ['69', '其他金融业'],
    ],
  },
  { code: 'K', name: '房地产业', divisions: [['70', '房地产业']] },
  {
    code: 'L',
    name: '租赁和商务服务业',
    divisions: [
      ['71', '租赁业'],
      ['72', '商务服务业'],
    ],
  },
  {
    code: 'M',
    name: '科学研究和技术服务业',
    divisions: [
      ['73', '研究和试验发展'],
      ['74', '专业技术服务业'],
      ['75', '科技推广和应用服务业'],
    ],
  },
  {
    code: 'N',
    name: '水利、环境和公共设施管理业',
    divisions: [
      ['76', '水利管理业'],
      ['77', '生态保护和环境治理业'],
      ['78', '公共设施管理业'],
      ['79', '土地管理业'],
    ],
  },
  {
    code: 'O',
    name: '居民服务、修理和其他服务业',
    divisions: [
      ['80', '居民服务业'],
      ['81', '机动车、电子产品和日用产品修理业'],
      ['82', '其他服务业'],
    ],
  },
  { code: 'P', name: '教育', divisions: [['83', '教育']] },
  {
    code: 'Q',
    name: '卫生和社会工作',
    divisions: [
      ['84', '卫生'],
      ['85', '社会工作'],
    ],
  },
  {
    code: 'R',
    name: '文化、体育和娱乐业',
    divisions: [
      ['86', '新闻和出版业'],
      ['87', '广播、电视、电影和录音制作业'],
      ['88', '文化艺术业'],
      ['89', '体育'],
      ['90', '娱乐业'],
    ],
  },
  {
    code: 'S',
    name: '公共管理、社会保障和社会组织',
    divisions: [
      ['91', '中国共产党机关'],
      ['92', '国家机构'],
      ['93', '人民政协、民主党派'],
      ['94', '社会保障'],
      ['95', '群众团体、社会团体和其他成员组织'],
      ['96', '基层群众自治组织及其他组织'],
    ],
  },
  { code: 'T', name: '国际组织', divisions: [['97', '国际组织']] },
];

export function industrySectionOfDivision(division: string): string | undefined {
  return INDUSTRY_SECTIONS.find((section) => section.divisions.some(([code]) => code === division))?.code;
}

export function industryName(section: string | null | undefined, division: string | null | undefined): string {
  const s = INDUSTRY_SECTIONS.find((item) => item.code === section);
  if (!s) return '';
  const d = s.divisions.find(([code]) => code === division);
  return d ? d[1] : s.name;
}

/** Reads an industry cell of an import: `39`, `C39`, `计算机、通信和其他电子设备制造业`, `制造业`. */
export function industryFromText(text: string): { section: string; division: string | null } | undefined {
  const t = text.trim().toUpperCase();
  const code = /^([A-T])?\s*(\d{2})$/.exec(t);
  if (code) {
    const section = industrySectionOfDivision(code[2]!);
    return section && (!code[1] || code[1] === section) ? { section, division: code[2]! } : undefined;
  }
  for (const section of INDUSTRY_SECTIONS) {
    if (section.code === t || section.name === text.trim()) return { section: section.code, division: null };
    const division = section.divisions.find(([, name]) => name === text.trim());
    if (division) return { section: section.code, division: division[0] };
  }
  return undefined;
}
