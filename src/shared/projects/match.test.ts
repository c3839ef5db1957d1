import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignRows, ProjectMatcher, type MatchableProject } from './match.ts';
import { matchName } from './search.ts';

const project = (id: string, name: string, unitCode = '321084', extra: Partial<MatchableProject> = {}): MatchableProject => ({
  id,
  code: `${unitCode}-2025-${id.padStart(4, '0')}`,
  name,
  unitCode,
  investorName: `${name}投资有限公司`,
  investorCreditCode: null,
  ...extra,
});
const row = (name: string, unitCode = '321084', extra: Partial<{ code: string; creditCode: string; investorName: string }> = {}) => ({
  code: extra.code ?? null,
  creditCode: extra.creditCode ?? null,
  name,
  unitCode,
  investorName: extra.investorName ?? null,
});

describe('matchName', () => {
  it('folds whitespace, full width, brackets and a trailing 项目, and nothing else', () => {
    expect(matchName(' 年产5000万片 功率芯片项目（一期） ')).toBe(matchName('年产5000万片功率芯片项目(一期)'));
    expect(matchName('ＡＢＣ新材料项目')).toBe(matchName('abc新材料'));
    expect(matchName('光伏组件【二期】')).toBe(matchName('光伏组件(二期)'));
    expect(matchName('光伏组件（一期）')).not.toBe(matchName('光伏组件（二期）'));
    expect(matchName('功率芯片项目')).toBe(matchName('功率芯片'));
    expect(matchName('项目')).toBe('项目'); // a name that is only the word keeps it
  });

  it('is idempotent and ignores inserted whitespace, width and bracket kind (property)', () => {
    const piece = fc.constantFrom(
      '年产',
      '5000',
      '万片',
      '功率',
      '芯片',
      'AB',
      '（',
      '）',
      '(',
      ')',
      '【',
      '】',
      '新材料',
      '一期',
      ' ',
      '\u3000',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const name = pieces.join('');
        const once = matchName(name);
        expect(matchName(once)).toBe(once);
        const widened = name.replace(/[A-Za-z0-9()]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        expect(matchName(widened)).toBe(once);
        const spaced = pieces.join(' ');
        expect(matchName(spaced)).toBe(once);
        if (once.length > 0) expect(matchName(`${name}项目`)).toBe(once);
      }),
    );
  });
});

describe('ProjectMatcher', () => {
  const ledger = [
    project('1', '功率半导体模块项目'),
    project('2', '精密轴承项目', '321084', { investorCreditCode: '91321084MA1MXXXX0X' }),
    project('3', '精密轴承项目', '321003'),
    project('4', '新能源汽车零部件项目'),
    project('5', '新能源汽车零部件项目'), // an existing duplicate within the unit
  ];
  const matcher = new ProjectMatcher(ledger);

  it('takes the keys in order: code, credit code + name, unit + name', () => {
    // a code wins even when the name says otherwise
    expect(matcher.match(row('完全不同的名字', '321084', { code: ledger[0]!.code }))).toMatchObject({
      kind: 'matched',
      by: 'code',
      project: { id: '1' },
    });
    expect(matcher.match(row('whatever', '321084', { code: '321084-2099-9999' }))).toEqual({ kind: 'unknown_code' });
    // the credit code with the name finds the project even when the row names another unit
    expect(matcher.match(row('精密轴承', '321003', { creditCode: '91321084ma1mxxxx0x' }))).toMatchObject({
      kind: 'matched',
      by: 'credit_name',
      project: { id: '2' },
    });
    expect(matcher.match(row(' 功率半导体模块（ ）'.replace('（ ）', ''), '321084'))).toMatchObject({
      kind: 'matched',
      by: 'unit_name',
      project: { id: '1' },
    });
    expect(matcher.match(row('精密轴承', '321003'))).toMatchObject({ kind: 'matched', by: 'unit_name', project: { id: '3' } });
  });

  it('asks a person when the ledger itself holds the name twice', () => {
    const outcome = matcher.match(row('新能源汽车零部件', '321084'));
    expect(outcome.kind).toBe('review');
    if (outcome.kind === 'review') expect(outcome.candidates.map((c) => c.project.id).sort()).toEqual(['4', '5']);
  });

  it('offers a near duplicate (（一期） added) as a candidate, never as a match', () => {
    const outcome = matcher.match(row('功率半导体模块项目（一期）'));
    expect(outcome.kind).toBe('review');
    if (outcome.kind === 'review') {
      expect(outcome.candidates[0]!.project.id).toBe('1');
      expect(outcome.candidates[0]!.reasons).toContain('name_key');
    }
  });

  it('offers the same name in another unit of the scope, and a similar name with the same investor', () => {
    const other = matcher.match(row('功率半导体模块项目', '321003'));
    expect(other).toMatchObject({
      kind: 'review',
      candidates: [{ project: { id: '1' }, reasons: expect.arrayContaining(['same_name', 'name_key']) }],
    });
    const byInvestor = new ProjectMatcher([
      project('9', '宏微科技功率器件封装测试基地', '321084', { investorName: '江苏宏微科技股份有限公司' }),
    ]).match(row('宏微科技功率模块封装基地', '321084', { investorName: '江苏宏微科技股份有限公司' }));
    expect(byInvestor.kind).toBe('review');
    if (byInvestor.kind === 'review') expect(byInvestor.candidates[0]!.reasons).toContain('same_investor');
  });

  it('finds nothing for a genuinely new project', () => {
    expect(matcher.match(row('高邮湖碳化硅衬底项目'))).toEqual({ kind: 'new' });
  });

  it('matches every project of a ledger with unique names to itself, by unit and name, however the name is written (property)', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[光伏芯片轴承材料装备电池模块基地年产万吨]{4,10}$/), {
      minLength: 1,
      maxLength: 30,
      selector: (n) => matchName(n),
    });
    fc.assert(
      fc.property(names, fc.nat(), (list, pick) => {
        const projects = list.map((name, i) => project(String(i + 1), `${name}项目`));
        const target = projects[pick % projects.length]!;
        const written = ` ${target.name.replace(/项目$/, '')} `;
        const outcome = new ProjectMatcher(projects).match(row(written));
        expect(outcome).toMatchObject({ kind: 'matched', project: { id: target.id } });
      }),
    );
  });
});

describe('assignRows', () => {
  const names = ['光伏组件', '光伏组件（一期）', '精密轴承', '功率芯片', '功率芯片封装', '碳化硅衬底', '储能电池', '储能电池系统'];
  const ledgerArb = fc.array(
    fc.record({
      name: fc.constantFrom(...names),
      unit: fc.constantFrom('321084', '321003'),
      credit: fc.option(fc.constantFrom('91321084MA1MXXXX0X', '91321003MA1MYYYY0Y'), { nil: null }),
    }),
    { maxLength: 10 },
  );
  const rowArb = fc.record({
    name: fc.constantFrom(...names.flatMap((n) => [n, `${n}项目`, ` ${n} `])),
    unit: fc.constantFrom('321084', '321003'),
    credit: fc.option(fc.constantFrom('91321084MA1MXXXX0X', '91321003MA1MYYYY0Y'), { nil: null }),
    codeOf: fc.option(fc.nat(12), { nil: null }),
    decide: fc.option(fc.oneof(fc.constant('create'), fc.nat(12)), { nil: null }),
  });

  it('gives every row one outcome, never two rows one project, never two new rows one name (property)', () => {
    fc.assert(
      fc.property(ledgerArb, fc.array(rowArb, { maxLength: 15 }), fc.boolean(), (ledger, sheet, required) => {
        const projects = ledger.map((p, i) => project(String(i + 1), `${p.name}项目`, p.unit, { investorCreditCode: p.credit }));
        const matcher = new ProjectMatcher(projects);
        const codeAt = (n: number) => projects[n % Math.max(projects.length, 1)]?.code ?? `999999-2025-${n}`;
        const rows = sheet.map((r, i) => ({
          row: i + 2,
          code: r.codeOf === null ? null : codeAt(r.codeOf),
          creditCode: r.credit,
          name: r.name,
          unitCode: r.unit,
          investorName: null,
        }));
        const decisions: Record<string, string> = {};
        sheet.forEach((r, i) => {
          if (r.decide !== null) decisions[String(i + 2)] = r.decide === 'create' ? 'create' : codeAt(r.decide);
        });
        const result = assignRows(rows, matcher, decisions, required);
        expect(result.map((a) => a.row)).toEqual(rows.map((r) => r.row));
        const updated = result.flatMap((a) => (a.kind === 'update' ? [a.project.id] : []));
        expect(new Set(updated).size).toBe(updated.length);
        const created = result.flatMap((a) =>
          a.kind === 'create'
            ? [`${rows.find((r) => r.row === a.row)!.unitCode}|${matchName(rows.find((r) => r.row === a.row)!.name)}`]
            : [],
        );
        expect(new Set(created).size).toBe(created.length);
        // a row that found a project someone else took says whose
        for (const a of result)
          if (a.kind === 'same_project')
            expect(result.find((b) => b.row === a.earlier)).toMatchObject({ kind: 'update', project: { id: a.project.id } });
        if (required) expect(result.some((a) => a.kind === 'review')).toBe(false);
        // a code always decides, whatever the name says
        rows.forEach((r, i) => {
          if (r.code && projects.some((p) => p.code === r.code)) expect(['update', 'same_project']).toContain(result[i]!.kind);
        });
      }),
    );
  });
});
