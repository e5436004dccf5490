import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api-error';
import { errorMessage } from './error-messages';
import { placeError } from './form-errors';
import type { ErrorBody } from './types';

const apiError = (status: number, body: ErrorBody, retryAfter: number | null = null) =>
  new ApiError(status, body, retryAfter);

describe(errorMessage.name, () => {
  it("should tell until when an account is locked, in Shanghai's time", () => {
    const locked = apiError(423, {
      code: 'ACCOUNT_LOCKED',
      message: 'Too many failed sign-ins',
      details: { lockedUntil: '2026-05-20T06:15:00.000Z' },
    });

    expect(errorMessage(locked)).toMatch(/账号已暂时锁定，请于 (5月20日 )?14:15 后再试$/);
  });

  it('should say how long to wait when the api is rate limiting', () => {
    const limited = apiError(429, { code: 'RATE_LIMITED', message: 'Too many', details: [] }, 42);

    expect(errorMessage(limited)).toBe('操作过于频繁，请 42 秒后再试');
  });

  it('should speak of the network when the api cannot be reached', () => {
    expect(errorMessage(new NetworkError('Failed to fetch'))).toBe(
      '无法连接服务器，请检查网络后重试',
    );
  });

  it('should fall back on the HTTP status for a code it has no words for', () => {
    const conflict = apiError(409, { code: 'PITCH_SLOT_TAKEN', message: 'taken', details: [] });

    expect(errorMessage(conflict)).toBe('当前状态不允许此操作，请刷新后重试');
  });
});

describe(placeError.name, () => {
  it('should put each validation detail beside its field, in Chinese', () => {
    const invalid = apiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid.',
      details: [
        { field: 'email', code: 'isEmail', message: 'email must be an email' },
        { field: 'password', code: 'too_short', message: '密码至少需要 10 个字符' },
      ],
    });

    expect(placeError(invalid, ['email', 'password'])).toEqual({
      fields: [
        { name: 'email', errors: ['请输入有效的邮箱地址'] },
        { name: 'password', errors: ['密码至少需要 10 个字符'] },
      ],
      alert: null,
    });
  });

  it('should put a code that belongs to one field beside it', () => {
    const wrong = apiError(401, { code: 'INVALID_CREDENTIALS', message: 'wrong', details: [] });

    expect(placeError(wrong, ['email', 'password'], { INVALID_CREDENTIALS: 'password' })).toEqual({
      fields: [{ name: 'password', errors: ['邮箱或密码不正确'] }],
      alert: null,
    });
  });

  it('should keep what concerns no field above the form', () => {
    const unknownField = apiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid.',
      details: [
        { field: 'captcha', code: 'unknown_field', message: 'property captcha should not exist' },
      ],
    });

    expect(placeError(unknownField, ['email']).alert).toBe(
      '填写的内容有误，请按提示修改：不支持此字段',
    );
    expect(placeError(new NetworkError('offline'), ['email'])).toEqual({
      fields: [],
      alert: '无法连接服务器，请检查网络后重试',
    });
  });
});
