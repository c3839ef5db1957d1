// 产业链 rules shared by server and web: a chain's segments, the company register's kinds and tags, how a link of a
// chain is written in the ledger (链名称/环节名称), and when a link is a gap (补链) or weak (强链).
type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const SEGMENTS = ['upstream', 'midstream', 'downstream'] as const; // 上游 / 中游 / 下游
export type Segment = (typeof SEGMENTS)[number];
export const SEGMENT_LABELS: Labels<Segment> = {
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
};

export const COMPANY_KINDS = ['local', 'target'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];
export const COMPANY_KIND_LABELS: Labels<CompanyKind> = {
  local: { zh: '在地企业', en: 'Local firm' },
  target: { zh: '目标企业', en: 'Target company' },
};

export const COMPANY_TAGS = [
  'fortune_global_500', // 世界500强
  'china_500', // 中国500强
  'private_500', // 民营500强
  'central_soe', // 央企
  'listed', // 上市公司
  'little_giant', // 专精特新"小巨人"
  'unicorn', // 独角兽
  'high_tech', // 高新技术企业
  'chain_leader', // 链主
] as const;
export type CompanyTag = (typeof COMPANY_TAGS)[number];
export const COMPANY_TAG_LABELS: Labels<CompanyTag> = {
  fortune_global_500: { zh: '世界500强', en: 'Fortune Global 500' },
  china_500: { zh: '中国500强', en: 'China Top 500' },
  private_500: { zh: '民营500强', en: 'Top 500 private' },
  central_soe: { zh: '央企', en: 'Central SOE' },
  listed: { zh: '上市公司', en: 'Listed' },
  little_giant: { zh: '专精特新“小巨人”', en: '“Little giant”' },
  unicorn: { zh: '独角兽', en: 'Unicorn' },
  high_tech: { zh: '高新技术企业', en: 'High-tech enterprise' },
  chain_leader: { zh: '链主', en: 'Chain leader' },
};

/** A tag as a sheet writes it: its code, its Chinese name, with or without quotes (专精特新小巨人, 专精特新"小巨人"). */
export function tagFromText(text: string): CompanyTag | undefined {
  const plain = (s: string) => s.replace(/["“”'‘’\s]/g, '').toLowerCase();
  const wanted = plain(text);
  if (!wanted) return undefined;
  return (
    COMPANY_TAGS.find((tag) => tag === wanted || plain(COMPANY_TAG_LABELS[tag].zh) === wanted) ??
    (wanted === '小巨人' ? 'little_giant' : undefined)
  );
}

/** Separators of a list in one cell: ；; ， , 、 and line breaks. */
export const splitList = (text: string): string[] =>
  text
    .split(/[；;，,、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** How the ledger names a link: `汽车电子/控制器` (a chain's name alone places a project on the chain, not yet a link). */
export const linkLabel = (chainName: string, linkName: string): string => `${chainName}/${linkName}`;

/** `汽车电子/控制器` → its chain and link; `汽车电子` → the chain alone. Full-width slashes are read as slashes. */
export function parseLinkLabel(text: string): { chain: string; link: string | null } {
  const value = text.trim().replace(/／/g, '/');
  const at = value.indexOf('/');
  if (at < 0) return { chain: value, link: null };
  return { chain: value.slice(0, at).trim(), link: value.slice(at + 1).trim() || null };
}

export type LinkStatus = 'covered' | 'weak' | 'gap';

/**
 * A link is a gap (补链) with no local firm and no project at 在谈 or later in the unit's subtree; weak (强链) with
 * exactly one local firm and no such project; else covered.
 */
export function linkStatus(localCompanies: number, projectsInHand: number): LinkStatus {
  if (projectsInHand > 0) return 'covered';
  if (localCompanies === 0) return 'gap';
  if (localCompanies === 1) return 'weak';
  return 'covered';
}

/** A link's key: letters, digits, `_`, `-` and `.` (stable, referred to by parents and companies). */
export const LINK_KEY = /^[A-Za-z0-9_.-]{1,40}$/;

export interface LinkInput {
  key: string;
  name: string;
  segment: Segment;
  parent?: string | null | undefined;
}

/**
 * What is wrong with a chain's links, in the user's language: keys and names unique, a parent that exists and is no
 * descendant of its own child (the links form a tree).
 */
export function linkProblems(links: readonly LinkInput[], lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh';
  const problems: string[] = [];
  const keys = new Set<string>();
  const names = new Set<string>();
  for (const link of links) {
    if (!LINK_KEY.test(link.key))
      problems.push(zh ? `环节编号“${link.key}”只能由字母、数字和 _ - . 组成` : `link key ${link.key}: letters, digits, _ - . only`);
    if (keys.has(link.key)) problems.push(zh ? `环节编号“${link.key}”重复` : `link key ${link.key} repeats`);
    if (names.has(link.name)) problems.push(zh ? `环节名称“${link.name}”重复` : `link name ${link.name} repeats`);
    if (link.name.includes('/') || link.name.includes('／'))
      problems.push(zh ? `环节名称“${link.name}”不能含“/”（台账以“链名称/环节名称”书写）` : `link name ${link.name} may not hold "/"`);
    keys.add(link.key);
    names.add(link.name);
  }
  const parentOf = new Map(links.map((link) => [link.key, link.parent || null]));
  for (const link of links) {
    if (link.parent && !keys.has(link.parent))
      problems.push(zh ? `环节“${link.name}”的上级环节“${link.parent}”不存在` : `link ${link.name}: parent ${link.parent} does not exist`);
    // walk up: a cycle returns to the start within links.length steps
    let at: string | null | undefined = link.parent;
    for (let steps = 0; at && steps <= links.length; steps++) {
      if (at === link.key) {
        problems.push(zh ? `环节“${link.name}”不能是自己的上级` : `link ${link.name} is its own ancestor`);
        break;
      }
      at = parentOf.get(at);
    }
  }
  return problems;
}

/** 招商推进: a company's way from a target to a signing (放弃 with a reason at any point before it). */
export const PIPELINE_STAGES = ['target', 'contacted', 'visited', 'intent', 'negotiating', 'signed', 'dropped'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export const PIPELINE_STAGE_LABELS: Labels<PipelineStage> = {
  target: { zh: '目标', en: 'Target' },
  contacted: { zh: '已联系', en: 'Contacted' },
  visited: { zh: '已拜访', en: 'Visited' },
  intent: { zh: '有意向', en: 'Interested' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  dropped: { zh: '放弃', en: 'Dropped' },
};
/** The funnel's steps in order (放弃 is no step of it). */
export const FUNNEL_STAGES = PIPELINE_STAGES.filter((stage) => stage !== 'dropped') as Exclude<PipelineStage, 'dropped'>[];

export const CONTACT_KINDS = ['phone', 'visit_in', 'visit_out', 'event'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_KIND_LABELS: Labels<ContactKind> = {
  phone: { zh: '电话', en: 'Phone call' },
  visit_in: { zh: '来访', en: 'Visit to us' },
  visit_out: { zh: '外出拜访', en: 'Visit to them' },
  event: { zh: '活动', en: 'Event' },
};

/** A code or its Chinese name (the API takes either, as a sheet would write it). */
export function codeOf<K extends string>(codes: readonly K[], labels: Labels<K>, text: string): K | undefined {
  const wanted = text.trim();
  return codes.find((code) => code === wanted || labels[code].zh === wanted);
}

/** How far along the funnel a stage is (放弃 -1). */
export const funnelIndex = (stage: PipelineStage): number => FUNNEL_STAGES.indexOf(stage as (typeof FUNNEL_STAGES)[number]);

/** The stage a contact brings a company to: a call makes a target contacted, a visit either way makes it visited. */
export function stageAfterContact(stage: PipelineStage, kind: ContactKind): PipelineStage {
  const reached: PipelineStage = kind === 'phone' ? 'contacted' : 'visited';
  return stage !== 'dropped' && funnelIndex(stage) < funnelIndex(reached) ? reached : stage;
}

/**
 * The funnel of a set of companies by the furthest stage each reached (a skipped step counts as passed, as a
 * project's milestones do): per step how many reached it or went further, and the share of the step before.
 */
export function funnelOf(
  furthest: readonly PipelineStage[],
): { stage: Exclude<PipelineStage, 'dropped'>; reached: number; rate: number | null }[] {
  return FUNNEL_STAGES.map((stage, i) => {
    const reached = furthest.filter((s) => funnelIndex(s) >= i).length;
    const before = i === 0 ? null : furthest.filter((s) => funnelIndex(s) >= i - 1).length;
    return { stage, reached, rate: before === null ? null : before === 0 ? null : reached / before };
  });
}

/**
 * The link a project's name says it belongs on: the link whose name or keyword appears in it, the longest such word
 * winning (芯片设计 before 芯片); none when no word appears.
 */
export function suggestLink(
  projectName: string,
  links: readonly { key: string; name: string; keywords: readonly string[] }[],
): string | null {
  let best: { key: string; length: number } | null = null;
  for (const link of links)
    for (const word of [link.name, ...link.keywords])
      if (word && projectName.includes(word) && (!best || word.length > best.length)) best = { key: link.key, length: word.length };
  return best?.key ?? null;
}
