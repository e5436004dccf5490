import { MAX_JSON_DEPTH } from '../json-depth';

/**
 * Every error code the API answers with, its HTTP status and default message. Clients branch
 * on these codes, so they are public API: add freely, never rename or reuse one.
 */
export const ERROR_CODES = {
  // 400
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  BODY_TOO_DEEP: {
    status: 400,
    message: `The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (嵌套层级过深).`,
  },
  BODY_ENCODING_INVALID: {
    status: 400,
    message:
      'The request body cannot be decompressed as its Content-Encoding says (压缩数据已损坏).',
  },
  INVALID_CREDIT_CODE: {
    status: 400,
    message: 'The unified social credit code (统一社会信用代码) is not valid.',
  },
  WEAK_PASSWORD: { status: 400, message: 'The password does not meet the password policy.' },
  PASSWORD_INCORRECT: { status: 400, message: 'The current password is wrong.' },
  // 401
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is wrong.' },
  TOKEN_EXPIRED: { status: 401, message: 'The access token has expired.' },
  TOKEN_INVALID: { status: 401, message: 'The access token is not valid.' },
  TOKEN_REVOKED: {
    status: 401,
    message: 'This sign-in was ended (signed out, password changed or account suspended).',
  },
  REFRESH_TOKEN_INVALID: { status: 401, message: 'The refresh token is not valid.' },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    message: 'The refresh token was already used; every session of this sign-in was ended.',
  },
  // 403
  FORBIDDEN: { status: 403, message: 'Your role may not do this.' },
  ACCOUNT_SUSPENDED: { status: 403, message: 'This account or its organization is suspended.' },
  ORGANIZATION_NOT_VERIFIED: {
    status: 403,
    message: 'The organization must be verified by an administrator first.',
  },
  // 404
  ROUTE_NOT_FOUND: { status: 404, message: 'There is no such endpoint.' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'The organization was not found.' },
  USER_NOT_FOUND: { status: 404, message: 'The user was not found.' },
  // 409
  CREDIT_CODE_TAKEN: {
    status: 409,
    message: 'An organization with this credit code is already registered.',
  },
  EMAIL_TAKEN: { status: 409, message: 'A user with this email already exists.' },
  ORGANIZATION_STATUS_CONFLICT: {
    status: 409,
    message: 'The organization cannot move to that status from its current one.',
  },
  // 413, 415, 423, 429
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body type is not supported.' },
  ACCOUNT_LOCKED: {
    status: 423,
    message: 'Too many failed sign-ins: the account is locked for a while.',
  },
  RATE_LIMITED: { status: 429, message: 'Too many requests: slow down and retry later.' },
  // 5xx
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on our side.' },
  SEARCH_UNAVAILABLE: {
    status: 503,
    message: 'Search is temporarily unavailable; retry shortly.',
  },
  // needs
  NEED_NOT_FOUND: { status: 404, message: 'The financing need was not found.' },
  NEED_STATUS_CONFLICT: {
    status: 409,
    message: 'The financing need cannot move to that status from its current one.',
  },
  // products
  PRODUCT_NOT_FOUND: { status: 404, message: 'The product was not found.' },
  PRODUCT_STATUS_CONFLICT: {
    status: 409,
    message: 'The product cannot move to that status from its current one.',
  },
  // whitelist
  WHITELIST_BATCH_NOT_FOUND: { status: 404, message: 'The whitelist batch was not found.' },
  WHITELIST_ENTRY_NOT_FOUND: { status: 404, message: 'The whitelist entry was not found.' },
  WHITELIST_BATCH_STATUS_CONFLICT: {
    status: 409,
    message: 'The whitelist batch cannot do this in its current status.',
  },
  WHITELIST_FILE_REQUIRED: {
    status: 400,
    message: 'Upload the whitelist as a CSV or XLSX file in the form field "file".',
  },
  WHITELIST_FILE_TOO_LARGE: { status: 413, message: 'The whitelist file is larger than 20 MB.' },
  WHITELIST_FILE_TOO_MANY_ROWS: {
    status: 413,
    message:
      'The whitelist file has more than 50,000 rows (行数过多): split it into several files.',
  },
  WHITELIST_WORKBOOK_TOO_LARGE: {
    status: 413,
    message:
      'The workbook unpacks to more than 64 MB or to over 100 times its size (解压后过大): it holds far more than a whitelist.',
  },
  WHITELIST_FILE_TYPE: {
    status: 415,
    message: 'The whitelist file must be a CSV (.csv) or Excel workbook (.xlsx).',
  },
  WHITELIST_FILE_UNREADABLE: {
    status: 400,
    message: 'The whitelist file is damaged or cannot be read.',
  },
  WHITELIST_FILE_EMPTY: { status: 400, message: 'The whitelist file has no header row.' },
  WHITELIST_COLUMNS_MISSING: {
    status: 400,
    message: 'The whitelist file lacks required columns.',
  },
  WHITELIST_COLUMNS_DUPLICATE: {
    status: 400,
    message: 'The whitelist file has the same column more than once.',
  },
  // docking
  DOCKING_SESSION_NOT_FOUND: { status: 404, message: 'The docking session was not found.' },
  DOCKING_SESSION_EXISTS: {
    status: 409,
    message: 'A docking session for this need and product is already open.',
  },
  DOCKING_NEED_NOT_OPEN: {
    status: 409,
    message: 'Only a published need (or one already docking) can open a docking session.',
  },
  DOCKING_NOT_ELIGIBLE: {
    status: 409,
    message: 'The need does not meet the product’s terms or eligibility.',
  },
  DOCKING_ACTION_FORBIDDEN: {
    status: 403,
    message: 'Your side of the docking session may not take this action.',
  },
  DOCKING_STATUS_CONFLICT: {
    status: 409,
    message: 'The docking session cannot take this action in its current status.',
  },
  DOCKING_SESSION_CHANGED: {
    status: 409,
    message: 'The docking session changed meanwhile; reload it and try again.',
  },
  DOCKING_SESSION_CLOSED: {
    status: 409,
    message: 'The docking session has ended: its chat can be read but takes no new messages.',
  },
  // matches
  MATCH_NOT_FOUND: { status: 404, message: 'The match was not found.' },
  MATCH_STATUS_CONFLICT: {
    status: 409,
    message: 'The match cannot move to that status from its current one.',
  },
  // notifications
  NOTIFICATION_NOT_FOUND: { status: 404, message: 'The notification was not found.' },
  // events
  EVENT_NOT_FOUND: { status: 404, message: 'The event was not found.' },
  EVENT_STATUS_CONFLICT: {
    status: 409,
    message: 'The event cannot do this in its current status.',
  },
  EVENT_TIMES_INVALID: { status: 400, message: 'The event times are not valid.' },
  EVENT_SCHEDULE_CONFLICT: {
    status: 409,
    message: 'The organizer or the venue already holds a published event at that time.',
  },
  EVENT_AUDIENCE_MISMATCH: {
    status: 403,
    message: 'This event is not open to your kind of organization.',
  },
  EVENT_REGISTRATION_CLOSED: { status: 409, message: 'Registration for this event is closed.' },
  EVENT_ALREADY_REGISTERED: { status: 409, message: 'You are already registered for this event.' },
  EVENT_REGISTRATION_NOT_FOUND: { status: 404, message: 'The registration was not found.' },
  EVENT_REGISTRATION_STATUS_CONFLICT: {
    status: 409,
    message: 'The registration cannot do this in its current status.',
  },
  EVENT_CAPACITY_CONFLICT: {
    status: 409,
    message: 'The capacity cannot drop below the seats already taken.',
  },
  EVENT_NOT_ROADSHOW: { status: 409, message: 'Only a roadshow has pitch slots and investors.' },
  PITCH_SLOT_TAKEN: { status: 409, message: 'That pitch slot is already booked.' },
  PITCH_SLOT_NOT_ALLOWED: {
    status: 409,
    message:
      'Only an enterprise with a confirmed seat books a pitch slot, one per enterprise, before the roadshow starts.',
  },
  CHECK_IN_TOKEN_INVALID: { status: 400, message: 'The check-in code is not valid.' },
  CHECK_IN_ALREADY_USED: { status: 409, message: 'This check-in code was already used.' },
  CHECK_IN_NOT_ALLOWED: { status: 409, message: 'This registration cannot check in now.' },
  ROADSHOW_NOT_PITCHING: {
    status: 409,
    message: 'The enterprise does not pitch at this roadshow.',
  },
  ROADSHOW_LEAD_EXISTS: {
    status: 409,
    message: 'Your institution already wants to talk to this enterprise at this roadshow.',
  },
  // calendars
  CALENDAR_FEED_NOT_FOUND: { status: 404, message: 'There is no such calendar feed.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
