import { AppError, ConfigError, TypedConfigService } from '@app/core';
import { TransactionRunner, uniqueViolation } from '@app/database';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { SERVICE_CENTER_ID, SERVICE_CENTER_NAME } from './service-center';

/**
 * What must exist before anyone signs in: the service center, and the first admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD. Both are created once; later boots leave them as they are.
 */
@Injectable()
export class IdentityBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('IdentityBootstrap');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    @Inject(ConfigService) private readonly config: TypedConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureServiceCenter();
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    if (email && password) {
      const created = await this.ensureAdmin({ name: '平台管理员', email, password }).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'WEAK_PASSWORD') {
            throw new ConfigError(
              'Invalid configuration: ADMIN_PASSWORD does not meet the password policy ' +
                '(at least PASSWORD_MIN_LENGTH characters, not mostly blank, and hard to guess)',
            );
          }
          throw error;
        },
      );
      if (created) this.logger.log(`created the first admin ${email}`);
    }
  }

  async ensureServiceCenter(): Promise<void> {
    await this.idempotent(async (manager) => {
      if (await manager.existsBy(Organization, { id: SERVICE_CENTER_ID })) return;
      await this.organizations.insert(
        manager,
        manager.create(Organization, {
          id: SERVICE_CENTER_ID,
          kind: 'service_center',
          name: SERVICE_CENTER_NAME,
          creditCode: null,
          district: 'shinan',
          industry: null,
          qualifications: [],
          foundedOn: null,
          employees: null,
          annualRevenue: null,
          rdExpense: null,
          ipCount: null,
          description: '科技金融特派员所在的服务机构，负责白名单、对接与活动组织。',
          contactName: null,
          contactPhone: null,
          status: 'verified',
          commissionerId: null,
          verifiedAt: new Date(),
        }),
      );
    });
  }

  /** Creates an admin in the service center unless that email exists; answers whether it did. */
  async ensureAdmin(input: {
    name: string;
    email: string;
    password: string;
    phone?: string;
  }): Promise<boolean> {
    await this.ensureServiceCenter();
    const email = input.email.trim().toLowerCase();
    return this.idempotent(async (manager) => {
      if (await manager.existsBy(User, { email })) return false;
      this.users.assertPasswordAcceptable(input.password, { email, name: input.name });
      await this.users.insert(manager, SERVICE_CENTER_ID, 'admin', {
        name: input.name,
        email,
        phone: input.phone ?? '',
        password: input.password,
      });
      return true;
    });
  }

  /** Another instance booting at the same moment may win the insert: that is fine. */
  private async idempotent<T>(work: (manager: EntityManager) => Promise<T>): Promise<T | false> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      if (uniqueViolation(error)) return false;
      throw error;
    }
  }
}
