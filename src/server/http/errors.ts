import type { ErrorCode } from '../../shared/errors.ts';

/** A failure the user can understand; its message is rendered in the user's language when it reaches HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** The one place where error codes become HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 429,
  FORBIDDEN: 403,
  FOREIGN_ORIGIN: 403,
  INDICATOR_OWNED_ELSEWHERE: 403,
  TARGET_SET_ABOVE: 403,
  TARGET_REVISION_NEEDS_REASON: 409,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  DUPLICATE: 409,
  ROLE_SET_INVALID: 400,
  SELF_CHANGE: 400,
  PASSWORD_WEAK: 400,
  PASSWORD_WRONG: 400,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_REQUIRED: 401,
  TOTP_ENROLLMENT_REQUIRED: 403,
  TOTP_INVALID: 401,
  ADMIN_ACCOUNT_PROTECTED: 403,
  UNIT_LEVEL_NOT_ALLOWED: 400,
  UNIT_IN_USE: 409,
  REFERENCE_UNIT: 400,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_INFLATES_TOO_MUCH: 413,
  UPLOAD_TOO_MANY_ROWS: 413,
  UPLOAD_NOT_XLSX: 422,
  UPLOAD_MISSING: 422,
  UPLOAD_MALFORMED: 400,
  CHAIN_LINK_IN_USE: 409,
  BULLETIN_EXISTS: 409,
  PROJECT_ATTRIBUTED: 409,
  ALERT_ASSIGNEE: 422,
  ALERT_RESOLVED: 409,
  SNOOZE_UNTIL: 422,
  SNOOZE_REASON: 422,
  UPLOAD_NOT_IMAGE: 422,
  TOO_MANY_PHOTOS: 409,
  ADVISOR_HAS_REWARDS: 409,
  REWARD_STATE: 409,
  REWARDS_RESTRICTED: 403,
  RATE_LIMITED: 429,
  LOGIN_THROTTLED: 429,
  INTERNAL: 500,
};

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const outOfScope = () => new AppError('OUT_OF_SCOPE');
/**
 * An object (a project, a report, a blocker, a meeting) outside the caller's units answers exactly as one that does
 * not exist — 404 — so its code or id tells nothing about other districts; it is audited as the denial it is.
 */
export const hiddenObject = () => new AppError('NOT_FOUND', {}, { denied: 'OUT_OF_SCOPE' });
export const isHiddenDenial = (error: AppError) => (error.details as { denied?: string } | undefined)?.denied === 'OUT_OF_SCOPE';
export const conflict = (current: unknown) => new AppError('CONFLICT', {}, { current });
