import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../../shared/errors.ts';
import { commonMessages } from './common.ts';
import { authMessages } from './auth.ts';
import { projectsMessages } from './projects.ts';
import { progressMessages } from './progress.ts';
import { targetsMessages } from './targets.ts';
import { leagueMessages } from './league.ts';
import { reportingMessages } from './reporting.ts';
import { alertsMessages, deskMessages } from './alerts.ts';
import { blockersMessages } from './blockers.ts';
import { meetingsMessages } from './meetings.ts';
import { bulletinsMessages } from './bulletins.ts';
import { sponsorsMessages } from './sponsors.ts';
import { chainsMessages } from './chains.ts';
import { staffMessages } from './staff.ts';
import { adminMessages } from './admin.ts';
import { labelMessages, type OpenLabelPrefix } from './labels.ts';
import type { Label } from './messages.ts';

// The one dictionary of the UI, one file per feature (i18n.test.ts refuses a key defined twice). Simplified Chinese
// is the default. The server sends codes; everything a page shows is translated here, except data that arrives in
// both languages (a custom indicator's name, a report form's fields, an error's message), which `l` picks from.
export const FEATURE_MESSAGES = {
  common: commonMessages,
  auth: authMessages,
  projects: projectsMessages,
  progress: progressMessages,
  targets: targetsMessages,
  league: leagueMessages,
  reporting: reportingMessages,
  alerts: alertsMessages,
  desk: deskMessages,
  blockers: blockersMessages,
  meetings: meetingsMessages,
  bulletins: bulletinsMessages,
  sponsors: sponsorsMessages,
  chains: chainsMessages,
  staff: staffMessages,
  admin: adminMessages,
  labels: labelMessages,
};
const MESSAGES = {
  ...commonMessages,
  ...authMessages,
  ...projectsMessages,
  ...progressMessages,
  ...targetsMessages,
  ...leagueMessages,
  ...reportingMessages,
  ...alertsMessages,
  ...deskMessages,
  ...blockersMessages,
  ...meetingsMessages,
  ...bulletinsMessages,
  ...sponsorsMessages,
  ...chainsMessages,
  ...staffMessages,
  ...adminMessages,
  ...labelMessages,
};

export type MessageKey = keyof typeof MESSAGES;
/** The label groups (`stage`, `role`, `field`…): a key `prefix.code` for every code of the group. */
export type LabelPrefix = (MessageKey extends infer K ? (K extends `${infer P}.${string}` ? P : never) : never) | OpenLabelPrefix;

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(MESSAGES, key);

const STORAGE_KEY = 'zhaoyin.lang';
let activeLang: Lang = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh') as Lang;

/** The language used by API calls outside React. */
export const currentLang = (): Lang => activeLang;

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = (MESSAGES[key] as readonly [string, string])[lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A code from an open set (an audit action, a changed field): its label, or the code itself if it has none. */
  tCode: (prefix: LabelPrefix, code: string, fallback?: string) => string;
  /** Picks the user's language from data that arrives in both (never UI text: that is in the dictionary). */
  l: (label: Label | undefined | null) => string;
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
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tCode: (prefix, code, fallback = code) => {
        const key = `${prefix}.${code}`;
        return isMessageKey(key) ? translate(lang, key) : fallback;
      },
      l: (label) => (label ? label[lang] : ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('I18nProvider missing');
  return context;
}
