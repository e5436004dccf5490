import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthRateLimited } from './auth-rate-limit';
import type { AuthUser } from './auth-user';
import { ChangePasswordDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { MeView, Session } from './session.view';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOkResponse({ type: MeView, description: 'The signed-in user and their organization.' })
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.auth.me(user);
  }

  @Post('password')
  @HttpCode(200)
  @AuthRateLimited()
  @ApiOkResponse({
    type: Session,
    description:
      'The password is changed and every sign-in of the user ended (other devices, access ' +
      'tokens, open sockets); the answer is a fresh session for this one.',
  })
  @ApiBadRequestResponse({
    description: 'PASSWORD_INCORRECT (the current password), WEAK_PASSWORD (the new one).',
  })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address.' })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<Session> {
    return this.auth.changePassword(user, dto, request.ip);
  }
}
