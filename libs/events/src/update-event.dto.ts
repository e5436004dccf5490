import { PartialType } from '@nestjs/swagger';
import { CreateEventDto } from './create-event.dto';

/**
 * Changes to a draft or published event. venue, onlineUrl, district and registrationDeadline
 * may be cleared with null (the deadline then falls back to the start); other fields may not.
 * Once published, kind and audience stay as they are.
 */
export class UpdateEventDto extends PartialType(CreateEventDto) {}
