import { makeCreditCode } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { IdentityBootstrap } from '../bootstrap/identity-bootstrap.service';
import { SERVICE_CENTER_ID } from '../bootstrap/service-center';
import { CommissionersService } from '../commissioners/commissioners.service';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
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

/** Demo organizations and accounts for the embedded default; running it twice changes nothing. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly bootstrap: IdentityBootstrap,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly commissioners: CommissionersService,
  ) {}

  async seed(): Promise<{ created: boolean; logins: DemoLogin[]; password: string }> {
    await this.bootstrap.ensureServiceCenter();
    const created = await this.transactions.run(async (manager) => {
      if (await manager.existsBy(User, { email: DEMO_ADMIN.email })) return false;
      await this.users.insert(manager, SERVICE_CENTER_ID, 'admin', {
        ...DEMO_ADMIN,
        password: DEMO_PASSWORD,
      });
      await this.users.insert(manager, SERVICE_CENTER_ID, 'commissioner', {
        name: DEMO_COMMISSIONER.name,
        email: DEMO_COMMISSIONER.email,
        phone: DEMO_COMMISSIONER.phone,
        password: DEMO_PASSWORD,
      });
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
        await this.organizations.insert(manager, org);
        const role = demo.kind === 'enterprise' ? 'enterprise' : 'institution';
        await this.users.insert(manager, org.id, role, { ...user, password: DEMO_PASSWORD });
      }
      return true;
    });
    if (created) {
      const commissioner = await this.users.findByEmail(DEMO_COMMISSIONER.email);
      for (const district of DEMO_COMMISSIONER.districts) {
        await this.commissioners.assign(commissioner!.id, { district });
      }
      this.logger.log('demo organizations and accounts created');
    }
    return { created, logins: this.logins(), password: DEMO_PASSWORD };
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
