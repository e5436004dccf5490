import { makeCreditCode } from '@app/core';
import { newId, OutboxService, TransactionRunner } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { IdentityBootstrap } from '../bootstrap/identity-bootstrap.service';
import { SERVICE_CENTER_ID } from '../bootstrap/service-center';
import { CommissionersService } from '../commissioners/commissioners.service';
import { Organization } from '../organizations/organization.entity';
import { ORGANIZATIONS_INDEX } from '../organizations/organizations.search-index';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  DEMO_ADMIN,
  DEMO_COMMISSIONER,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
} from './demo-identities';

export interface DemoLogin {
  role: string;
  organization: string;
  email: string;
}

/** A demo organization with the id of its first user, for seeds that add rows they own. */
export interface DemoMember {
  organization: Organization;
  userId: string;
}

/**
 * The identity part of the demo: the admin, the commissioner and a few organizations whose
 * sign-ins are printed at start. Running it twice changes nothing. The commissioner's districts
 * are assigned separately (coverDemoDistricts), after every demo enterprise exists.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly bootstrap: IdentityBootstrap,
    private readonly users: UsersService,
    private readonly commissioners: CommissionersService,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxService,
    @InjectRepository(User) private readonly userRows: Repository<User>,
    @InjectRepository(Organization) private readonly orgRows: Repository<Organization>,
  ) {}

  /** The demo password's hash: argon2 is slow on purpose, so seeds hash it once and share it. */
  hashDemoPassword(): Promise<string> {
    this.users.assertPasswordAcceptable(DEMO_PASSWORD, {});
    return this.hasher.hash(DEMO_PASSWORD);
  }

  /** `passwordHash` is asked for only when there is something to create. */
  async seed(
    passwordHash: () => Promise<string> = () => this.hashDemoPassword(),
  ): Promise<{ created: boolean; password: string }> {
    await this.bootstrap.ensureServiceCenter();
    if (await this.users.findByEmail(DEMO_ADMIN.email)) {
      return { created: false, password: DEMO_PASSWORD };
    }
    const hash = await passwordHash();
    const created = await this.transactions.run(async (manager) => {
      if (await manager.existsBy(User, { email: DEMO_ADMIN.email })) return false;
      await insertUser(manager, SERVICE_CENTER_ID, 'admin', DEMO_ADMIN, hash);
      await insertUser(manager, SERVICE_CENTER_ID, 'commissioner', DEMO_COMMISSIONER, hash);
      const orgIds: string[] = [];
      for (const demo of DEMO_ORGANIZATIONS) {
        const { user, creditCodeBody, ...profile } = demo;
        const org = manager.create(Organization, {
          ...profile,
          id: newId(),
          creditCode: makeCreditCode(creditCodeBody),
          contactName: user.name,
          contactPhone: user.phone,
          status: 'verified',
          commissionerId: null,
          verifiedAt: new Date(),
        });
        await manager.insert(Organization, org);
        orgIds.push(org.id);
        const role = demo.kind === 'enterprise' ? 'enterprise' : 'institution';
        await insertUser(manager, org.id, role, user, hash);
      }
      await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, orgIds);
      return true;
    });
    if (created) this.logger.log('demo organizations and accounts created');
    return { created, password: DEMO_PASSWORD };
  }

  /** The demo commissioner covers its districts: their enterprises join its portfolio. */
  async coverDemoDistricts(): Promise<void> {
    const commissioner = await this.users.findByEmail(DEMO_COMMISSIONER.email);
    if (!commissioner) return;
    for (const district of DEMO_COMMISSIONER.districts) {
      await this.commissioners.assign(commissioner.id, { district });
    }
  }

  /** The demo organizations seeded above, each with its user. */
  async members(): Promise<DemoMember[]> {
    const users = await this.userRows.findBy({
      email: In(DEMO_ORGANIZATIONS.map((o) => o.user.email)),
    });
    if (users.length === 0) return [];
    const orgs = await this.orgRows.findBy({ id: In(users.map((u) => u.orgId)) });
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return DEMO_ORGANIZATIONS.flatMap((demo) => {
      const user = users.find((u) => u.email === demo.user.email);
      const organization = user && byId.get(user.orgId);
      return user && organization ? [{ organization, userId: user.id }] : [];
    });
  }

  logins(): DemoLogin[] {
    return [
      { role: 'admin', organization: '青岛市科技金融服务中心', email: DEMO_ADMIN.email },
      {
        role: 'commissioner',
        organization: '青岛市科技金融服务中心',
        email: DEMO_COMMISSIONER.email,
      },
      ...DEMO_ORGANIZATIONS.map((o) => ({
        role: o.kind === 'enterprise' ? 'enterprise' : 'institution',
        organization: o.name,
        email: o.user.email,
      })),
    ];
  }
}

async function insertUser(
  manager: EntityManager,
  orgId: string,
  role: User['role'],
  input: { name: string; email: string; phone: string },
  passwordHash: string,
): Promise<void> {
  await manager.insert(User, {
    id: newId(),
    orgId,
    role,
    name: input.name,
    email: input.email,
    phone: input.phone,
    passwordHash,
    status: 'active',
    lastLoginAt: null,
  });
}
