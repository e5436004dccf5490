import { formatTime } from '../format/time';
import { ApiError, NetworkError } from './api-error';
import type { ErrorCode, ErrorDetail } from './types';

/**
 * What the portal says for the api's error codes (libs/core/src/errors/error-codes.ts). Codes
 * left out fall back to a sentence for their HTTP status: a new code still reads as Chinese.
 */
export const ERROR_MESSAGES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改',
  MALFORMED_JSON: '请求格式有误，请刷新页面后重试',
  INVALID_CREDIT_CODE: '统一社会信用代码不正确',
  WEAK_PASSWORD: '密码强度不足',
  PASSWORD_INCORRECT: '当前密码不正确',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '邮箱或密码不正确',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  TOKEN_INVALID: '登录状态无效，请重新登录',
  TOKEN_REVOKED: '登录已结束（已退出、修改了密码或账号被停用），请重新登录',
  REFRESH_TOKEN_INVALID: '登录已失效，请重新登录',
  REFRESH_TOKEN_REUSED: '检测到登录凭证被重复使用，为保护账号安全已退出所有设备，请重新登录',
  FORBIDDEN: '您的账号无权进行此操作',
  ACCOUNT_SUSPENDED: '账号或所在机构已被停用，请联系平台管理员',
  ORGANIZATION_NOT_VERIFIED: '机构尚未通过平台审核',
  ROUTE_NOT_FOUND: '请求的功能不存在',
  CREDIT_CODE_TAKEN: '该统一社会信用代码已注册',
  EMAIL_TAKEN: '该邮箱已注册',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已暂时锁定',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL_ERROR: '服务器开小差了，请稍后再试',
  SEARCH_UNAVAILABLE: '搜索服务暂时不可用，请稍后再试',
  PRODUCT_NOT_FOUND: '未找到该产品，可能已下架',
};

const BY_STATUS: [number, string][] = [
  [500, '服务器开小差了，请稍后再试'],
  [429, '操作过于频繁，请稍后再试'],
  [409, '当前状态不允许此操作，请刷新后重试'],
  [404, '未找到相关内容'],
  [403, '您的账号无权进行此操作'],
  [401, '请先登录'],
  [400, '填写的内容有误，请按提示修改'],
];

export const NETWORK_DOWN = '无法连接服务器，请检查网络后重试';

/** One sentence for any error a call may throw, with the facts the api gave (times, waits). */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return NETWORK_DOWN;
  if (!(error instanceof ApiError)) return '出现未知错误，请刷新页面后重试';
  if (error.code === 'ACCOUNT_LOCKED') {
    const until = error.fact('lockedUntil');
    if (typeof until === 'string') {
      return `登录失败次数过多，账号已暂时锁定，请于 ${formatTime(until)} 后再试`;
    }
  }
  if (error.code === 'RATE_LIMITED' && error.retryAfter !== null) {
    return `操作过于频繁，请 ${waitText(error.retryAfter)}后再试`;
  }
  return (
    ERROR_MESSAGES[error.code] ??
    BY_STATUS.find(([status]) => error.status >= status)?.[1] ??
    '请求未成功，请稍后再试'
  );
}

/** The api's validation rules (class-validator names and our own), as a person would say them. */
const RULE_MESSAGES: Record<string, string> = {
  isNotEmpty: '请填写此项',
  isNotBlank: '请填写此项',
  isDefined: '请填写此项',
  isEmail: '请输入有效的邮箱地址',
  isString: '格式不正确',
  maxLength: '内容过长',
  minLength: '内容过短',
  isSingleLine: '不能换行',
  unknown_field: '不支持此字段',
};

/** The words for one field detail: Chinese from the api when it has them, else by rule. */
export function detailMessage(detail: ErrorDetail): string {
  if (/[\u4e00-\u9fff]/.test(detail.message)) return detail.message;
  return (detail.code && RULE_MESSAGES[detail.code]) ?? '格式不正确';
}

function waitText(seconds: number): string {
  return seconds < 60 ? `${Math.max(1, Math.ceil(seconds))} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
