import { describe, expect, it } from 'vitest';
import { fieldIssueMessage } from './validation.ts';

describe('field messages say what is wrong and how to fix it', () => {
  it('words the common mistakes in both languages and leaves the rest to Zod', () => {
    expect(fieldIssueMessage({ code: 'invalid_format', format: 'date' }, 'zh')).toContain('如 2026-12-04');
    expect(fieldIssueMessage({ code: 'invalid_format', format: 'date' }, 'en')).toContain('like 2026-12-04');
    expect(fieldIssueMessage({ code: 'invalid_type', expected: 'number' }, 'zh')).toBe('应填数字，如 1200 或 35.5');
    expect(fieldIssueMessage({ code: 'too_small', origin: 'string', minimum: 1 }, 'zh')).toBe('不能为空');
    expect(fieldIssueMessage({ code: 'too_small', origin: 'array', minimum: 1 }, 'zh')).toBe('至少选择 1 项');
    expect(fieldIssueMessage({ code: 'too_big', origin: 'string', maximum: 200 }, 'en')).toBe('at most 200 characters');
    expect(fieldIssueMessage({ code: 'invalid_value', values: ['land', 'power'] }, 'zh')).toBe('应为以下之一：land、power');
    expect(fieldIssueMessage({ code: 'custom' }, 'zh')).toBeNull();
  });
});
