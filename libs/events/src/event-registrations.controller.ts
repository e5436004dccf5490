import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CheckInDto } from './check-in.dto';
import { ListRegistrationsQuery } from './list-registrations.query';
import { RegistrationView } from './registration.view';
import { CheckInCode, RegistrationsService } from './registrations.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'EVENT_NOT_FOUND.' })
@Controller('events/:id')
export class EventRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('registrations')
  @Roles('enterprise', 'institution')
  @ApiCreatedResponse({
    description: 'Registered while seats last, then waitlisted (with waitlistPosition).',
  })
  @ApiForbiddenResponse({
    description: 'EVENT_AUDIENCE_MISMATCH: not for your kind of organization.',
  })
  @ApiConflictResponse({
    description:
      'EVENT_REGISTRATION_CLOSED (details.reason: deadline or status), EVENT_ALREADY_REGISTERED.',
  })
  register(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<RegistrationView> {
    return this.registrations.register(user, id);
  }

  @Delete('registrations')
  @HttpCode(204)
  @Roles('enterprise', 'institution')
  @ApiNoContentResponse({ description: 'Cancelled; a freed seat goes to the next in line.' })
  cancel(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.registrations.cancel(user, id);
  }

  @Get('registrations')
  @ApiOkResponse({
    description: 'Organizer and admins: every registration in sign-up order. Others: their own.',
  })
  list(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ListRegistrationsQuery,
  ): Promise<Page<RegistrationView>> {
    return this.registrations.list(user, id, query);
  }

  @Get('check-in-code')
  @Roles('enterprise', 'institution')
  @ApiOkResponse({ description: 'Your signed, single-use check-in code (registered seats only).' })
  checkInCode(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<CheckInCode> {
    return this.registrations.checkInCode(user, id);
  }

  @Get('check-in-code/qr')
  @Roles('enterprise', 'institution')
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'The check-in code as a QR code (PNG) to show at the door.',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  async checkInQr(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.registrations.checkInQr(user, id), {
      type: 'image/png',
      disposition: 'inline; filename="check-in.png"',
    });
  }

  @Post('check-ins')
  @HttpCode(200)
  @Roles('commissioner', 'admin')
  @ApiOkResponse({ description: 'Checked in: the registration with who it is.' })
  @ApiBadRequestResponse({
    description: 'CHECK_IN_TOKEN_INVALID: forged, damaged or of another event.',
  })
  @ApiConflictResponse({
    description:
      'CHECK_IN_ALREADY_USED; CHECK_IN_NOT_ALLOWED (waitlisted, cancelled, or outside the check-in hours).',
  })
  checkIn(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CheckInDto,
  ): Promise<RegistrationView> {
    return this.registrations.checkIn(user, id, dto);
  }
}
