import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseDayOrTime, parseEventTime } from './event-times';

/** An ISO 8601 date and time; without an offset, a time in Asia/Shanghai (see event-times.ts). */
export function IsEventTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEventTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseEventTime(value) !== null,
        defaultMessage: () =>
          '$property 必须是 ISO 8601 时间，如 2026-05-20T14:00 (北京时间) 或 2026-05-20T06:00:00Z',
      },
    },
    options,
  );
}

/** A day (YYYY-MM-DD, in Asia/Shanghai) or an event time. */
export function IsDayOrTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDayOrTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseDayOrTime(value) !== null,
        defaultMessage: () => '$property 必须是日期 (YYYY-MM-DD) 或 ISO 8601 时间',
      },
    },
    options,
  );
}
