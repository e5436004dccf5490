export { CoreModule } from './core.module';
export { Clock } from './clock';
export { parseConfig, randomSecret, ConfigError, jwtSecretOf } from './config/app-config';
export { loadOrCreateSecretFile } from './config/secret-file';
export type { AppConfig } from './config/app-config';
export type { TypedConfigService } from './config/typed-config';
export { ERROR_CODES } from './errors/error-codes';
export type { ErrorCode } from './errors/error-codes';
export { AppError } from './errors/app-error';
export type { AppErrorOptions } from './errors/app-error';
export { ErrorDetail, ErrorEnvelope } from './errors/error-envelope';
export { AllExceptionsFilter } from './errors/all-exceptions.filter';
export { translateBodyParserErrors, verifyJsonDepth } from './errors/body-parser-errors';
export { MAX_JSON_DEPTH, jsonDepthExceeds, jsonTextDepthExceeds } from './json-depth';
export { createValidationPipe, flattenValidationErrors } from './validation/validation.pipe';
export {
  IsCreditCode,
  IsCode,
  IsYuan,
  IsBasisPoints,
  MaxChars,
  NotBlank,
} from './validation/validators';
export {
  creditCodeProblem,
  isValidCreditCode,
  creditCodeCheckCharacter,
  makeCreditCode,
} from './credit-code';
export type { CreditCodeProblem } from './credit-code';
export * from './vocabulary';
export { PageQueryDto, MAX_PAGE_SIZE, pageOf, skipOf } from './http/pagination';
export type { Page } from './http/pagination';
export { Public, Roles, IS_PUBLIC_KEY, ROLES_KEY } from './http/access.decorators';
export {
  CleanText,
  NormalizeEmail,
  SingleLine,
  StripControlChars,
  cleanText,
  isSingleLine,
  normalizeLineBreaks,
  oneLine,
} from './validation/text';
export { spreadsheetText } from './spreadsheet/spreadsheet-text';
export { csvCell, csvChunks, csvDocument, csvRow } from './spreadsheet/csv';
export type { CsvValue } from './spreadsheet/csv';
export { attachmentDisposition } from './http/attachment';
export { PHONE_PATTERN } from './validation/phone';
export { IdParam } from './http/id-param';
export { QueryBoolean, QueryList } from './http/query-params';
export { assignRequestId, LoggingModule, REDACTED_PATHS } from './logging/logging.module';
export { PeriodicTask } from './periodic-task';
export { RealtimePush } from './realtime-push';
