import { AppError, Clock, TypedConfigService } from '@app/core';
import { newId, TransactionRunner, uniqueViolation } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Organization } from '../organizations/organization.entity';
import { toOrganizationView } from '../organizations/organization.view';
import {
  assertFoundedOnNotFuture,
  OrganizationsService,
} from '../organizations/organizations.service';
import { CommissionerDistrict } from '../commissioners/commissioner-district.entity';
import { User } from '../users/user.entity';
import { toUserView } from '../users/user.view';
import { UsersService } from '../users/users.service';
import { AccessTokensService } from './access-tokens.service';
import type { AccessTokenClaims } from './access-token-claims';
import type { Admission, AuthUser, Principal } from './auth-user';
import { ChangePasswordDto, RegisterDto } from './auth.dto';
import { LoginLockouts } from './login-lockouts';
import { PasswordHasher } from './password-hasher';
import { PrincipalCache } from './principal-cache';
import { RefreshTokensService } from './refresh-tokens.service';
import { MeView, Session } from './session.view';
import { SignInEnder } from './sign-in-ender';

@Injectable()
export class AuthService {
  private readonly accessTtl: number;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly lockouts: LoginLockouts,
    private readonly accessTokens: AccessTokensService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly principals: PrincipalCache,
    private readonly signIns: SignInEnder,
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.accessTtl = config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true });
  }

  /**
   * An enterprise or institution with its first user, both created or neither. The organization
   * starts pending; an enterprise lands in the portfolio of its district's commissioner.
   */
  async register(dto: RegisterDto): Promise<Session> {
    const { organization: input, user: person } = dto;
    if (input.kind === 'enterprise' && !input.industry) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          {
            field: 'organization.industry',
            code: 'isDefined',
            message: 'an enterprise must give its industry',
          },
        ],
      });
    }
    try {
      assertFoundedOnNotFuture(input.foundedOn, this.clock.now());
    } catch (error) {
      throw inOrganizationPart(error);
    }
    this.users.assertPasswordAcceptable(person.password, { ...person, orgName: input.name });
    const { org, user } = await this.transactions
      .run(async (manager) => {
        if (await manager.existsBy(Organization, { creditCode: input.creditCode })) {
          throw new AppError('CREDIT_CODE_TAKEN');
        }
        const commissioner =
          input.kind === 'enterprise'
            ? await manager.findOneBy(CommissionerDistrict, { district: input.district })
            : null;
        const org = manager.create(Organization, {
          id: newId(),
          kind: input.kind,
          name: input.name,
          creditCode: input.creditCode,
          district: input.district,
          industry: input.industry ?? null,
          qualifications: input.qualifications ?? [],
          foundedOn: input.foundedOn ?? null,
          employees: input.employees ?? null,
          annualRevenue: input.annualRevenue ?? null,
          rdExpense: input.rdExpense ?? null,
          ipCount: input.ipCount ?? null,
          description: input.description ?? null,
          contactName: input.contactName ?? person.name,
          contactPhone: input.contactPhone ?? person.phone,
          status: 'pending',
          commissionerId: commissioner?.commissionerId ?? null,
          verifiedAt: null,
        });
        await this.organizations.insert(manager, org);
        const role = input.kind === 'enterprise' ? 'enterprise' : 'institution';
        const user = await this.users.insert(manager, org.id, role, person);
        return { org: await manager.findOneByOrFail(Organization, { id: org.id }), user };
      })
      .catch((error: unknown) => {
        const violation = uniqueViolation(error);
        if (violation?.includes('credit_code')) throw new AppError('CREDIT_CODE_TAKEN');
        if (violation?.includes('email')) throw new AppError('EMAIL_TAKEN');
        throw error;
      });
    return this.startSession(user, org);
  }

  /**
   * Checks an email and password sent from a client address. Failures count per account and
   * address (see LoginLockouts): a locked-out address is refused even with the right password
   * until the lock ends, while sign-ins from elsewhere go on. An unknown email is answered, and
   * takes about as long, as a wrong password (the hasher checks a decoy).
   */
  async validateCredentials(
    email: string,
    password: string,
    address: string | undefined,
  ): Promise<User> {
    const user = await this.users.findByEmail(email);
    const source = this.lockouts.sourceOf(user, email, address);
    const counted = await this.lockouts.check(source);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.lockouts.recordFailure(source);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (counted) await this.lockouts.clear(source);
    const org = await this.organizations.findById(user.orgId);
    if (user.status !== 'active' || !org || org.status === 'suspended') {
      throw new AppError('ACCOUNT_SUSPENDED');
    }
    return user;
  }

  async login(user: User): Promise<Session> {
    const org = await this.organizations.findById(user.orgId);
    if (!org) throw new AppError('ACCOUNT_SUSPENDED');
    await this.transactions.run((manager) =>
      manager.update(User, { id: user.id }, { lastLoginAt: this.clock.now() }),
    );
    return this.startSession(user, org);
  }

  async refresh(token: string): Promise<Session> {
    const { userId, refreshToken } = await this.refreshTokens.rotate(token);
    const user = await this.users.findById(userId);
    const org = user ? await this.organizations.findById(user.orgId) : null;
    if (!user || !org || user.status !== 'active' || org.status === 'suspended') {
      await this.refreshTokens.revoke(refreshToken);
      throw new AppError('ACCOUNT_SUSPENDED');
    }
    return this.session(user, org, refreshToken);
  }

  logout(token: string): Promise<void> {
    return this.refreshTokens.revoke(token);
  }

  /**
   * The caller an access token names, refused when the user is gone or suspended, its
   * organization suspended, or the token older than the user's last ended sign-in
   * (TOKEN_REVOKED); kept a moment by PrincipalCache.
   */
  async principal(claims: AccessTokenClaims): Promise<AuthUser> {
    const kept = this.principals.get(claims.sub);
    // The organization is checked too: a token naming another one never rides on a kept caller.
    if (kept && kept.user.orgId === claims.org) return admitted(kept, claims);
    const before = this.principals.version;
    const principal = await this.readPrincipal(claims);
    const user = admitted(principal, claims);
    this.principals.remember(principal, before);
    return user;
  }

  private async readPrincipal(claims: AccessTokenClaims): Promise<Principal> {
    const caller = await this.users.findCaller(claims.sub);
    if (!caller || caller.user.orgId !== claims.org) throw new AppError('TOKEN_INVALID');
    const { user, org } = caller;
    if (!org || user.status !== 'active' || org.status === 'suspended') {
      throw new AppError('ACCOUNT_SUSPENDED');
    }
    return {
      user: {
        id: user.id,
        orgId: org.id,
        orgKind: org.kind,
        orgStatus: org.status,
        role: user.role,
        name: user.name,
        email: user.email,
      },
      tokenGeneration: user.tokenGeneration,
    };
  }

  /** Checks a raw access token, for callers outside passport (the socket handshake). */
  async authenticate(token: string): Promise<AuthUser> {
    return this.principal(await this.accessTokens.verify(token));
  }

  /** The caller an access token admits, and until when (for a connection that stays open). */
  async admit(token: string): Promise<Admission> {
    const claims = await this.accessTokens.verify(token);
    return { user: await this.principal(claims), claims, expiresAt: new Date(claims.exp * 1000) };
  }

  /**
   * Changes the caller's password. The current one is checked as a sign-in is, failures counting
   * towards the lockout of this account from this address, so a stolen access token cannot be
   * used to guess it. Every sign-in of the user ends (other devices' refresh tokens, every access
   * token, open sockets); the caller gets a fresh session to go on with.
   */
  async changePassword(
    caller: AuthUser,
    dto: ChangePasswordDto,
    address: string | undefined,
  ): Promise<Session> {
    const user = await this.users.findById(caller.id);
    const org = await this.organizations.findById(caller.orgId);
    if (!user || !org) throw new AppError('UNAUTHENTICATED');
    const source = this.lockouts.sourceOf(user, user.email, address);
    const counted = await this.lockouts.check(source);
    if (!(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
      await this.lockouts.recordFailure(source);
      throw new AppError('PASSWORD_INCORRECT', {
        details: [{ field: 'currentPassword', code: 'incorrect', message: '当前密码不正确' }],
      });
    }
    if (counted) await this.lockouts.clear(source);
    if (dto.newPassword === dto.currentPassword) {
      throw new AppError('WEAK_PASSWORD', {
        details: [{ field: 'newPassword', code: 'unchanged', message: '新密码不能与当前密码相同' }],
      });
    }
    this.users.assertPasswordAcceptable(
      dto.newPassword,
      { email: user.email, name: user.name, orgName: org.name },
      'newPassword',
    );
    const passwordHash = await this.hasher.hash(dto.newPassword);
    const { changed, refreshToken } = await this.transactions.run(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.refreshTokens.revokeAllForUser(manager, user.id);
      return {
        refreshToken: await this.refreshTokens.issue(manager, user.id),
        changed: await manager.findOneByOrFail(User, { id: user.id }),
      };
    });
    this.signIns.announce([user.id], 'TOKEN_REVOKED');
    return this.session(changed, org, refreshToken);
  }

  async me(caller: AuthUser): Promise<MeView> {
    const user = await this.users.findById(caller.id);
    const org = await this.organizations.findById(caller.orgId);
    if (!user || !org) throw new AppError('UNAUTHENTICATED');
    return { user: toUserView(user), organization: toOrganizationView(org) };
  }

  private async startSession(user: User, org: Organization): Promise<Session> {
    const refreshToken = await this.transactions.run((manager) =>
      this.refreshTokens.issue(manager, user.id),
    );
    return this.session(user, org, refreshToken);
  }

  private async session(user: User, org: Organization, refreshToken: string): Promise<Session> {
    const accessToken = await this.accessTokens.sign({
      sub: user.id,
      org: org.id,
      role: user.role,
      gen: user.tokenGeneration,
    });
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.accessTtl,
      user: toUserView(user),
      organization: toOrganizationView(org),
    };
  }
}

/**
 * The caller of a token that is still current. A generation above the user's own cannot come
 * from this platform's signing: it is as invalid as a bad signature.
 */
function admitted(principal: Principal, claims: AccessTokenClaims): AuthUser {
  if (claims.gen < principal.tokenGeneration) throw new AppError('TOKEN_REVOKED');
  if (claims.gen > principal.tokenGeneration) throw new AppError('TOKEN_INVALID');
  return principal.user;
}

/** Points the details of a profile check at the `organization` part of the register body. */
function inOrganizationPart(error: unknown): unknown {
  if (!(error instanceof AppError) || !Array.isArray(error.details)) return error;
  return new AppError(error.code, {
    message: error.message,
    details: error.details.map((detail) => ({
      ...detail,
      field: detail.field && `organization.${detail.field}`,
    })),
  });
}
