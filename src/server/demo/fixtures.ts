// Real parks, towns and account names of the demo dataset.

/** About 40 parks (开发区 / 高新区 / 综保区) with their real names, under the district or city they belong to. */
export const DEMO_PARKS: {
  parent: string;
  name: string;
  shortName: string;
  kind: 'development_zone' | 'high_tech_zone' | 'bonded_zone' | 'industrial_park';
}[] = [
  { parent: '320509', name: '吴江经济技术开发区', shortName: '吴江经开区', kind: 'development_zone' },
  { parent: '320509', name: '吴江高新技术产业开发区', shortName: '吴江高新区', kind: 'high_tech_zone' },
  { parent: '320505', name: '苏州高新技术产业开发区', shortName: '苏州高新区', kind: 'high_tech_zone' },
  { parent: '320576', name: '苏州工业园综合保税区', shortName: '园区综保区', kind: 'bonded_zone' },
  { parent: '320583', name: '昆山经济技术开发区', shortName: '昆山开发区', kind: 'development_zone' },
  { parent: '320583', name: '昆山高新技术产业开发区', shortName: '昆山高新区', kind: 'high_tech_zone' },
  { parent: '320583', name: '昆山综合保税区', shortName: '昆山综保区', kind: 'bonded_zone' },
  { parent: '320581', name: '常熟经济技术开发区', shortName: '常熟经开区', kind: 'development_zone' },
  { parent: '320582', name: '张家港经济技术开发区', shortName: '张家港经开区', kind: 'development_zone' },
  { parent: '320582', name: '张家港保税区', shortName: '张家港保税区', kind: 'bonded_zone' },
  { parent: '320585', name: '太仓港经济技术开发区', shortName: '太仓港区', kind: 'development_zone' },
  { parent: '320506', name: '吴中经济技术开发区', shortName: '吴中经开区', kind: 'development_zone' },
  { parent: '320507', name: '相城经济技术开发区', shortName: '相城经开区', kind: 'development_zone' },
  { parent: '320115', name: '江宁经济技术开发区', shortName: '江宁开发区', kind: 'development_zone' },
  { parent: '320113', name: '南京经济技术开发区', shortName: '南京经开区', kind: 'development_zone' },
  { parent: '320111', name: '南京浦口经济开发区', shortName: '浦口开发区', kind: 'development_zone' },
  { parent: '320214', name: '无锡高新技术产业开发区', shortName: '无锡高新区', kind: 'high_tech_zone' },
  { parent: '320281', name: '江阴高新技术产业开发区', shortName: '江阴高新区', kind: 'high_tech_zone' },
  { parent: '320282', name: '宜兴经济技术开发区', shortName: '宜兴经开区', kind: 'development_zone' },
  { parent: '320311', name: '徐州泉山经济开发区', shortName: '泉山开发区', kind: 'development_zone' },
  { parent: '320312', name: '徐州高新技术产业开发区', shortName: '徐州高新区', kind: 'high_tech_zone' },
  { parent: '320382', name: '邳州经济开发区', shortName: '邳州开发区', kind: 'development_zone' },
  { parent: '320411', name: '常州国家高新技术产业开发区', shortName: '常州高新区', kind: 'high_tech_zone' },
  { parent: '320412', name: '武进国家高新技术产业开发区', shortName: '武进高新区', kind: 'high_tech_zone' },
  { parent: '320481', name: '溧阳经济开发区', shortName: '溧阳开发区', kind: 'development_zone' },
  { parent: '320681', name: '启东经济开发区', shortName: '启东开发区', kind: 'development_zone' },
  { parent: '320682', name: '如皋经济技术开发区', shortName: '如皋开发区', kind: 'development_zone' },
  { parent: '320685', name: '海安经济技术开发区', shortName: '海安开发区', kind: 'development_zone' },
  { parent: '320722', name: '东海经济开发区', shortName: '东海开发区', kind: 'development_zone' },
  { parent: '320804', name: '淮安高新技术产业开发区', shortName: '淮安高新区', kind: 'high_tech_zone' },
  { parent: '320830', name: '盱眙经济开发区', shortName: '盱眙开发区', kind: 'development_zone' },
  { parent: '320903', name: '盐城高新技术产业开发区', shortName: '盐城高新区', kind: 'high_tech_zone' },
  { parent: '320981', name: '东台经济开发区', shortName: '东台开发区', kind: 'development_zone' },
  { parent: '321003', name: '扬州高新技术产业开发区', shortName: '扬州高新区', kind: 'high_tech_zone' },
  { parent: '321012', name: '江都经济开发区', shortName: '江都开发区', kind: 'development_zone' },
  { parent: '321081', name: '仪征经济开发区', shortName: '仪征开发区', kind: 'development_zone' },
  { parent: '321084', name: '高邮经济开发区', shortName: '高邮开发区', kind: 'development_zone' },
  { parent: '321181', name: '丹阳经济开发区', shortName: '丹阳开发区', kind: 'development_zone' },
  { parent: '321182', name: '扬中经济开发区', shortName: '扬中开发区', kind: 'development_zone' },
  { parent: '321283', name: '泰兴经济开发区', shortName: '泰兴开发区', kind: 'development_zone' },
  { parent: '321282', name: '靖江经济技术开发区', shortName: '靖江开发区', kind: 'development_zone' },
  { parent: '321202', name: '泰州医药高新技术产业开发区', shortName: '泰州医药高新区', kind: 'high_tech_zone' },
  { parent: '321322', name: '沭阳经济技术开发区', shortName: '沭阳开发区', kind: 'development_zone' },
];

export const DEMO_TOWNS: { parent: string; name: string; kind: 'town' | 'street' }[] = [
  { parent: '320509', name: '盛泽镇', kind: 'town' },
  { parent: '320509', name: '汾湖高新区(黎里镇)', kind: 'town' },
  { parent: '320509', name: '松陵街道', kind: 'street' },
  { parent: '321003', name: '杨庙镇', kind: 'town' },
  { parent: '321003', name: '方巷镇', kind: 'town' },
  { parent: '321084', name: '界首镇', kind: 'town' },
  { parent: '321084', name: '高邮街道', kind: 'street' },
  { parent: '320311', name: '王陵街道', kind: 'street' },
  { parent: '321012', name: '仙女镇', kind: 'town' },
  { parent: '321112', name: '辛丰镇', kind: 'town' },
];

/** Pinyin prefixes of the 13 cities, for demo account names. */
export const CITY_ACCOUNT_PREFIX: Record<string, string> = {
  '320100': 'nj',
  '320200': 'wx',
  '320300': 'xz',
  '320400': 'cz',
  '320500': 'sz',
  '320600': 'nt',
  '320700': 'lyg',
  '320800': 'ha',
  '320900': 'yc',
  '321000': 'yz',
  '321100': 'zj',
  '321200': 'tz',
  '321300': 'sq',
};

/** Districts and parks that get the full set of roles with readable account names. */
export const FEATURED_UNITS: { code: string; prefix: string }[] = [
  { code: '321003', prefix: 'hanjiang' }, // 邗江区
  { code: '321084', prefix: 'gaoyou' }, // 高邮市
  { code: '320509', prefix: 'wujiang' }, // 吴江区
  { code: '320311', prefix: 'quanshan' }, // 泉山区
  { code: '321071', prefix: 'yzkfq' }, // 扬州经济技术开发区
  { code: '321171', prefix: 'zjxq' }, // 镇江新区
];
/** Parks added by the demo (codes assigned at load time), looked up by name. */
export const FEATURED_PARKS: { name: string; prefix: string }[] = [
  { name: '吴江经济技术开发区', prefix: 'wjkfq' },
  { name: '徐州泉山经济开发区', prefix: 'qskfq' },
];

export const DEMO_PASSWORD = 'Zhaoyin@2026';
