// What is wrong with a field and how to put it right, in the user's language: the API's validation messages for the
// common mistakes (a date not written as a date, a required field left out, too long a text), Zod's own wording else.
import type { Lang } from './errors.ts';

export interface FieldIssue {
  code: string;
  expected?: unknown;
  format?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  values?: unknown;
  keys?: unknown;
}

const KINDS: Record<string, { zh: string; en: string }> = {
  number: { zh: '应填数字，如 1200 或 35.5', en: 'should be a number, like 1200 or 35.5' },
  int: { zh: '应填整数', en: 'should be a whole number' },
  string: { zh: '应填文字', en: 'should be text' },
  boolean: { zh: '应为“是”或“否”', en: 'should be yes or no' },
  array: { zh: '应为一组值（列表）', en: 'should be a list' },
  object: { zh: '格式不对', en: 'is not in the right form' },
};

const FORMATS: Record<string, { zh: string; en: string }> = {
  date: {
    zh: '日期应写作 年-月-日，如 2026-12-04（月份 1–12，日期为当月实有的日子）',
    en: 'a date is written year-month-day, like 2026-12-04 (a real day of a month 1–12)',
  },
  datetime: { zh: '时间应写作如 2026-12-04T09:30:00+08:00', en: 'a time is written like 2026-12-04T09:30:00+08:00' },
  email: { zh: '邮箱格式不对，如 name@example.com', en: 'an e-mail address looks like name@example.com' },
  uuid: { zh: '编号格式不对（应从列表中选择）', en: 'not a valid id (choose it from the list)' },
  url: { zh: '网址格式不对，如 https://example.com', en: 'a web address looks like https://example.com' },
};

/** The message of one issue, or null where Zod's own wording is as good. */
export function fieldIssueMessage(issue: FieldIssue, lang: Lang): string | null {
  const zh = lang === 'zh';
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  switch (issue.code) {
    case 'invalid_type': {
      const kind = KINDS[String(issue.expected)];
      return kind ? kind[lang] : null;
    }
    case 'invalid_format': {
      const format = FORMATS[String(issue.format)];
      return format ? format[lang] : zh ? '格式不对' : 'is not in the right form';
    }
    case 'too_small':
      if (issue.origin === 'string')
        return min <= 1 ? (zh ? '不能为空' : 'must not be empty') : zh ? `至少 ${min} 个字` : `at least ${min} characters`;
      if (issue.origin === 'array') return zh ? `至少选择 ${min} 项` : `choose at least ${min}`;
      if (issue.origin === 'number') return zh ? `不能小于 ${min}` : `must be at least ${min}`;
      return null;
    case 'too_big':
      if (issue.origin === 'string') return zh ? `最多 ${max} 个字` : `at most ${max} characters`;
      if (issue.origin === 'array') return zh ? `最多 ${max} 项` : `at most ${max} items`;
      if (issue.origin === 'number') return zh ? `不能大于 ${max}` : `must be at most ${max}`;
      return null;
    case 'invalid_value':
      return Array.isArray(issue.values) && issue.values.length <= 12
        ? zh
          ? `应为以下之一：${issue.values.join('、')}`
          : `should be one of: ${issue.values.join(', ')}`
        : null;
    case 'unrecognized_keys':
      return Array.isArray(issue.keys)
        ? zh
          ? `不认识的字段：${issue.keys.join('、')}`
          : `unknown fields: ${issue.keys.join(', ')}`
        : null;
    default:
      return null;
  }
}
