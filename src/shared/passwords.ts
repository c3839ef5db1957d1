// The password rule (⚙ the 等保 profile: length, character classes, no common password, not the username). Pure: the
// list of common passwords is handed in (the server holds it; it is too large for the browser bundle).

export type PasswordProblem = 'length' | 'classes' | 'common' | 'username';

export interface PasswordRule {
  minLength: number;
  classes: number;
  blockCommon: boolean;
  isCommon: (candidate: string) => boolean;
}

/** Lower case, upper case, digits, symbols: how many of the four a password uses. */
export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
}

export function passwordProblems(password: string, username: string, rule: PasswordRule): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < rule.minLength || password.length > 128) problems.push('length');
  if (characterClasses(password) < rule.classes) problems.push('classes');
  if (rule.blockCommon) {
    const lower = password.toLowerCase();
    // a common word dressed up: qwerty123, Password1!, 123456Aa
    const bare = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
    if (
      rule.isCommon(lower) ||
      (bare.length >= 4 && rule.isCommon(bare)) ||
      /^(.)\1+$/.test(lower) ||
      /^(0123456789|1234567890|abcdefgh|qwertyui)/.test(lower)
    )
      problems.push('common');
    const name = username.trim().toLowerCase();
    if (name.length >= 3 && lower.includes(name)) problems.push('username');
  }
  return problems;
}

export function passwordProblemText(
  problems: PasswordProblem[],
  rule: Pick<PasswordRule, 'minLength' | 'classes'>,
  lang: 'zh' | 'en',
): string {
  const zh: Record<PasswordProblem, string> = {
    length: `至少 ${rule.minLength} 位`,
    classes: `须包含大写字母、小写字母、数字、符号中的至少 ${rule.classes} 类`,
    common: '不能使用常见密码（如 password1、qwerty123）',
    username: '不能包含用户名',
  };
  const en: Record<PasswordProblem, string> = {
    length: `at least ${rule.minLength} characters`,
    classes: `at least ${rule.classes} of: upper case, lower case, digits, symbols`,
    common: 'not a common password (such as password1 or qwerty123)',
    username: 'not holding the username',
  };
  return problems.map((p) => (lang === 'zh' ? zh : en)[p]).join(lang === 'zh' ? '；' : '; ');
}
