import { AppError, Clock, Page, pageOf, skipOf, TypedConfigService } from '@app/core';
import type { Role, UserStatus } from '@app/core';
import { newId, TransactionRunner, uniqueViolation } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { LoginFailure } from '../auth/login-failure.entity';
import { PasswordContext, passwordProblems } from '../auth/password-policy';
import { SignInEnder } from '../auth/sign-in-ender';
import { PrincipalCache } from '../auth/principal-cache';
import { RefreshTokensService } from '../auth/refresh-tokens.service';
import { SERVICE_CENTER_ID } from '../bootstrap/service-center';
import type { Organization } from '../organizations/organization.entity';
import { CreateStaffUserDto } from './create-staff-user.dto';
import { ListUsersQuery } from './list-users.query';
import { NewUserDto } from './new-user.dto';
import { User } from './user.entity';
import { toUserView, UserView } from './user.view';

/** A user as a request sees its caller, with its organization's standing. */
export interface Caller {
  user: Pick<User, 'id' | 'orgId' | 'role' | 'name' | 'email' | 'status' | 'tokenGeneration'>;
  org: Pick<Organization, 'id' | 'kind' | 'status'> | null;
}

const CALLER_SQL =
  'SELECT u.id AS id, u.org_id AS orgId, u.role AS role, u.name AS name, u.email AS email, ' +
  'u.status AS status, u.token_generation AS tokenGeneration, ' +
  'o.id AS orgRowId, o.kind AS orgKind, o.status AS orgStatus ' +
  'FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE u.id = ?';

interface CallerRow extends Pick<
  User,
  'id' | 'orgId' | 'role' | 'name' | 'email' | 'status' | 'tokenGeneration'
> {
  orgRowId: string | null;
  orgKind: Organization['kind'] | null;
  orgStatus: Organization['status'] | null;
}

@Injectable()
export class UsersService {
  private readonly passwordMinLength: number;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: TransactionRunner,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokensService,
    private readonly principals: PrincipalCache,
    private readonly signIns: SignInEnder,
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.passwordMinLength = config.get('PASSWORD_MIN_LENGTH', { infer: true });
  }

  /**
   * Refuses a password the policy rejects, naming every reason (a code and a message for the
   * person). Estimating a password's strength takes tens of milliseconds of CPU: callers check
   * once, before insert().
   */
  assertPasswordAcceptable(password: string, context: PasswordContext, field = 'password'): void {
    const problems = passwordProblems(password, this.passwordMinLength, context);
    if (problems.length > 0) {
      throw new AppError('WEAK_PASSWORD', {
        details: problems.map(({ code, message }) => ({ field, code, message })),
      });
    }
  }

  /**
   * Creates a user inside the caller's transaction; the email must be free and the password
   * already accepted (assertPasswordAcceptable).
   */
  async insert(
    manager: EntityManager,
    orgId: string,
    role: Role,
    input: NewUserDto,
  ): Promise<User> {
    if (await manager.existsBy(User, { email: input.email })) throw new AppError('EMAIL_TAKEN');
    const user = manager.create(User, {
      id: newId(),
      orgId,
      role,
      name: input.name,
      email: input.email,
      phone: input.phone || null,
      passwordHash: await this.hasher.hash(input.password),
      status: 'active',
      lastLoginAt: null,
    });
    try {
      await manager.insert(User, user);
    } catch (error) {
      if (uniqueViolation(error)?.includes('email')) throw new AppError('EMAIL_TAKEN');
      throw error;
    }
    return manager.findOneByOrFail(User, { id: user.id });
  }

  /** A commissioner or admin account in the service center. */
  async createStaff(dto: CreateStaffUserDto): Promise<UserView> {
    const { role, ...input } = dto;
    this.assertPasswordAcceptable(input.password, input);
    const user = await this.transactions.run((manager) =>
      this.insert(manager, SERVICE_CENTER_ID, role, input),
    );
    return toUserView(user);
  }

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const where: FindOptionsWhere<User> = {};
    if (query.role) where.role = query.role;
    if (query.orgId) where.orgId = query.orgId;
    const [rows, total] = await this.users.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    return pageOf(rows.map(toUserView), total, query);
  }

  async setStatus(actor: { id: string }, id: string, status: UserStatus): Promise<UserView> {
    if (actor.id === id && status === 'suspended') {
      throw new AppError('FORBIDDEN', { message: 'An admin cannot suspend their own account.' });
    }
    const user = await this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(User, { id });
      if (!found) throw new AppError('USER_NOT_FOUND');
      await manager.update(User, { id }, { status });
      // A change of standing by an admin also lifts the user's sign-in lockouts.
      await manager.delete(LoginFailure, { accountKey: id });
      if (status === 'suspended') await this.refreshTokens.revokeAllForUser(manager, id);
      return manager.findOneByOrFail(User, { id });
    });
    if (status === 'suspended') this.signIns.announce([id], 'ACCOUNT_SUSPENDED');
    else this.principals.forgetUser(id);
    return toUserView(user);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * What every request checks of its caller, in one query: the user and its organization's kind
   * and standing (`org` null when the organization is gone). Plain SQL over plain columns: the
   * query builder cost about three times the CPU of the query itself on this hottest path.
   */
  async findCaller(id: string): Promise<Caller | null> {
    const rows: CallerRow[] = await this.users.query(CALLER_SQL, [id]);
    if (rows.length === 0) return null;
    const [{ orgRowId, orgKind, orgStatus, ...user }] = rows;
    return {
      user,
      org: orgRowId === null ? null : { id: orgRowId, kind: orgKind!, status: orgStatus! },
    };
  }
}
