import { Public } from '@app/core';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { User } from '../users/user.entity';
import { AuthRateLimited } from './auth-rate-limit';
import { LoginDto, RefreshTokenDto, RegisterDto } from './auth.dto';
import { AuthService, Session } from './auth.service';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts from this address.' })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @AuthRateLimited()
  @ApiCreatedResponse({
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
  @ApiOkResponse({ description: 'Access and refresh tokens with the user.' })
  login(@Req() request: Request & { user: User }): Promise<Session> {
    return this.auth.login(request.user);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @AuthRateLimited()
  @ApiOkResponse({ description: 'A new token pair; the old refresh token is spent.' })
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
