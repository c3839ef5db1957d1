/** Seeded PRNG (mulberry32): the demo dataset is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉宇鑫晨婷雪琳斌浩凯健俊帆翔志国海波峰亮宁新春晓红梅兰凤云飞鹏';

export function chineseName(random: () => number): string {
  const given = pick(random, [...GIVEN]) + (random() < 0.6 ? pick(random, [...GIVEN]) : '');
  return pick(random, [...SURNAMES]) + given;
}

export function mobileNumber(random: () => number): string {
  const prefix = pick(random, ['138', '139', '150', '151', '152', '158', '159', '177', '180', '181', '187', '189']);
  return prefix + String(Math.floor(random() * 100_000_000)).padStart(8, '0');
}
