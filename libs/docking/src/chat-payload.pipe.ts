import { AppError, createValidationPipe, jsonDepthExceeds } from '@app/core';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';

/**
 * Socket payloads pass the same checks as HTTP bodies (Nest applies no global pipe to
 * sockets): no deeper than an HTTP body may nest (BODY_TOO_DEEP, before anything recursive
 * reads it), then the validation of the event's DTO.
 */
export class ChatPayloadPipe implements PipeTransform {
  private readonly validation = createValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (jsonDepthExceeds(value)) throw new AppError('BODY_TOO_DEEP');
    return this.validation.transform(value, metadata);
  }
}
