import { describe, expect, it } from 'vitest';
import { childLevelsAllowed, isWithin, nextChildCode, relationOf } from './units.ts';

const province = '/320000/';
const yangzhou = '/320000/321000/';
const hanjiang = '/320000/321000/321003/';
const gaoyou = '/320000/321000/321084/';
const park = '/320000/321000/321003/321003901/';

describe('unit relations', () => {
  it('classifies own, child, parent, sibling and unrelated units', () => {
    expect(relationOf(hanjiang, hanjiang)).toBe('own');
    expect(relationOf(park, hanjiang)).toBe('child');
    expect(relationOf(yangzhou, hanjiang)).toBe('parent');
    expect(relationOf(province, hanjiang)).toBe('parent');
    expect(relationOf(gaoyou, hanjiang)).toBe('sibling');
    expect(relationOf('/320000/320500/320509/', hanjiang)).toBe('unrelated');
  });
  it('scopes by path prefix, never by code prefix', () => {
    expect(isWithin(park, hanjiang)).toBe(true);
    expect(isWithin(gaoyou, hanjiang)).toBe(false);
    // 3210031 would share a code prefix with 321003 but is not below it
    expect(isWithin('/320000/321000/3210031/', hanjiang)).toBe(false);
  });
});

describe('codes of parks and towns', () => {
  it('extends the parent code: towns from 001, parks from 901, skipping used codes', () => {
    expect(nextChildCode('321003', 'town', [])).toBe('321003001');
    expect(nextChildCode('321003', 'town', ['321003001', '321003002'])).toBe('321003003');
    expect(nextChildCode('321003', 'park', ['321003001'])).toBe('321003901');
    expect(nextChildCode('321003', 'park', ['321003901'])).toBe('321003902');
  });
  it('allows parks under cities and districts, towns under districts and parks', () => {
    expect(childLevelsAllowed('province')).toEqual([]);
    expect(childLevelsAllowed('city')).toEqual(['park']);
    expect(childLevelsAllowed('district')).toEqual(['park', 'town']);
    expect(childLevelsAllowed('park')).toEqual(['town']);
  });
});

describe('ancestorPaths', () => {
  it('lists the units above, top first', async () => {
    const { ancestorPaths } = await import('./units.ts');
    expect(ancestorPaths('/320000/321000/321002/')).toEqual(['/320000/', '/320000/321000/']);
    expect(ancestorPaths('/320000/')).toEqual([]);
  });
});
