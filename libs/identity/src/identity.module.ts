import type { TypedConfigService } from '@app/core';
import { SearchIndexRegistry } from '@app/search';
import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessGuard } from './auth/access.guard';
import { AccessTokensService } from './auth/access-tokens.service';
import { AUTH_RATE_LIMITED_KEY } from './auth/auth-rate-limit';
import { RateLimitStore } from './auth/rate-limit-store';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { jwtModuleOptions } from './auth/jwt-options';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginFailure } from './auth/login-failure.entity';
import { LoginLockouts } from './auth/login-lockouts';
import { MeController } from './auth/me.controller';
import { PasswordHasher } from './auth/password-hasher';
import { PrincipalCache } from './auth/principal-cache';
import { RefreshToken } from './auth/refresh-token.entity';
import { RefreshTokensService } from './auth/refresh-tokens.service';
import { SignInEnder } from './auth/sign-in-ender';
import { IdentityBootstrap } from './bootstrap/identity-bootstrap.service';
import { CommissionerDistrict } from './commissioners/commissioner-district.entity';
import { CommissionersController } from './commissioners/commissioners.controller';
import { CommissionersService } from './commissioners/commissioners.service';
import { DemoSeeder } from './demo/demo-seeder';
import { Organization } from './organizations/organization.entity';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { organizationsSearchIndex } from './organizations/organizations.search-index';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Organizations, users, sign-in and the route guards. Two rate limits apply per client
 * address, each one budget across its routes: API_RATE_LIMIT for every route together, and the
 * stricter AUTH_RATE_LIMIT for the sign-in routes marked @AuthRateLimited() together.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Organization,
      User,
      RefreshToken,
      CommissionerDistrict,
      LoginFailure,
    ]),
    PassportModule,
    JwtModule.registerAsync({ inject: [ConfigService], useFactory: jwtModuleOptions }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, Reflector],
      useFactory: (config: TypedConfigService, reflector: Reflector) => ({
        storage: new RateLimitStore(),
        // A budget per limit and client (the tracker: the address, an IPv6 one by its /64), not
        // per route as the library's default key has it: spreading requests over several routes
        // must not multiply the budget.
        generateKey: (_context, tracker, limit) => `${limit}:${tracker}`,
        throttlers: [
          {
            name: 'api',
            limit: config.get('API_RATE_LIMIT', { infer: true }),
            ttl: config.get('API_RATE_WINDOW_SECONDS', { infer: true }) * 1000,
          },
          {
            name: 'auth',
            limit: config.get('AUTH_RATE_LIMIT', { infer: true }),
            ttl: config.get('AUTH_RATE_WINDOW_SECONDS', { infer: true }) * 1000,
            skipIf: (context) =>
              !reflector.get<boolean>(AUTH_RATE_LIMITED_KEY, context.getHandler()),
          },
        ],
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    OrganizationsController,
    UsersController,
    CommissionersController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    AuthService,
    AccessTokensService,
    RefreshTokensService,
    PasswordHasher,
    LoginLockouts,
    PrincipalCache,
    SignInEnder,
    LocalStrategy,
    JwtStrategy,
    OrganizationsService,
    UsersService,
    CommissionersService,
    IdentityBootstrap,
    DemoSeeder,
  ],
  exports: [
    AuthService,
    OrganizationsService,
    UsersService,
    CommissionersService,
    IdentityBootstrap,
    DemoSeeder,
  ],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly registry: SearchIndexRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(organizationsSearchIndex(this.dataSource));
  }
}
