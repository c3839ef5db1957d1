// 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function normalizeCreditCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '');
}

export function isValidCreditCode(code: string): boolean {
  const normalized = normalizeCreditCode(code);
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(normalized)) return false;
  return creditCodeCheckChar(normalized.slice(0, 17)) === normalized[17];
}
