import { Public } from '@app/core';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { User } from '../users/user.entity';
import { AuthRateLimited } from './auth-rate-limit';
import { LoginDto, RefreshTokenDto, RegisterDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LocalAuthGuard } from './local-auth.guard';
import { Session } from './session.view';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address.' })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @AuthRateLimited()
  @ApiCreatedResponse({
    type: Session,
    description: 'The organization (pending verification), its first user and a session.',
  })
  @ApiConflictResponse({ description: 'CREDIT_CODE_TAKEN or EMAIL_TAKEN.' })
  register(@Body() dto: RegisterDto): Promise<Session> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @AuthRateLimited()
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: Session, description: 'Access and refresh tokens with the user.' })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS.' })
  @ApiResponse({
    status: 423,
    description: 'ACCOUNT_LOCKED with details.lockedUntil and Retry-After: too many failures.',
  })
  login(@Req() request: Request & { user: User }): Promise<Session> {
    return this.auth.login(request.user);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @AuthRateLimited()
  @ApiOkResponse({
    type: Session,
    description: 'A new token pair; the old refresh token is spent.',
  })
  @ApiUnauthorizedResponse({
    description:
      'REFRESH_TOKEN_INVALID, or REFRESH_TOKEN_REUSED: a spent token came back, so the sign-in ' +
      'behind it is ended.',
  })
  refresh(@Body() dto: RefreshTokenDto): Promise<Session> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse({ description: 'The sign-in behind the refresh token is ended.' })
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }
}
