// The promotion team's measures a league table (擂台赛) can rank units by, beside the ledger's indicators.
import type { ReportedIndicator } from '../targets/indicators.ts';

export const OUT_OF_CITY_INDICATOR = 'out_of_city_met';

/** Indicators read from the team's records, not from the ledger; their target is 100% unless one is set. */
export const STAFF_LEAGUE_INDICATORS: (ReportedIndicator & { builtIn: true; archived: false; ownerUnit: null })[] = [
  {
    key: OUT_OF_CITY_INDICATOR,
    kind: 'reported',
    label: { zh: '市外招商时间达标率', en: 'Out-of-city quota met' },
    unit: { zh: '%', en: '%' },
    additive: false,
    builtIn: true,
    archived: false,
    ownerUnit: null,
  },
];
export const isStaffIndicator = (key: string) => STAFF_LEAGUE_INDICATORS.some((i) => i.key === key);
/** The target a staff indicator is held to when none is set: everyone meets their quota. */
export const STAFF_INDICATOR_TARGET = 100;
