import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** A UUID route parameter; anything else is a 400 naming the parameter. */
export function IdParam(name = 'id'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new AppError('VALIDATION_FAILED', {
          details: [{ field: name, code: 'isUuid', message: `${name} must be a UUID` }],
        }),
    }),
  );
}
