import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from './error-codes';

/** One problem with a request: the field it concerns (a dotted path), a stable rule code, words. */
export class ErrorDetail {
  @ApiPropertyOptional({ example: 'organization.creditCode', description: 'Dotted field path.' })
  field?: string;

  @ApiPropertyOptional({ example: 'isCreditCode', description: 'The rule that failed.' })
  code?: string;

  @ApiProperty()
  message!: string;

  [key: string]: unknown;
}

export class ErrorBody {
  @ApiProperty({ enum: Object.keys(ERROR_CODES), enumName: 'ErrorCode' })
  code!: ErrorCode;

  @ApiProperty({ description: 'For people; clients branch on the code.' })
  message!: string;

  @ApiProperty({
    description:
      'A list of problems (validation), or an object of facts about the refusal ' +
      '(ACCOUNT_LOCKED: lockedUntil; RATE_LIMITED on sockets: retryAfter).',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(ErrorDetail) } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details!: ErrorDetail[] | Record<string, unknown>;
}

/** The JSON shape of every error response. */
export class ErrorEnvelope {
  @ApiProperty({ type: ErrorBody })
  error!: ErrorBody;
}
