import { CommissionerWorkModule } from '@app/commissioners';
import { AppConfig, CoreModule, LoggingModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { DemoModule } from '@app/demo';
import { DockingModule } from '@app/docking';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { InsightsModule } from '@app/insights';
import { MatchingModule } from '@app/matching';
import { NeedsModule } from '@app/needs';
import { NotificationsModule } from '@app/notifications';
import { ProductsModule } from '@app/products';
import { SearchModule } from '@app/search';
import { WhitelistModule } from '@app/whitelist';
import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from './health/health.module';

/** The api composes the libs; it holds no business code of its own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule,
        SearchModule,
        IdentityModule,
        WhitelistModule,
        NeedsModule,
        ProductsModule,
        NotificationsModule,
        MatchingModule,
        DockingModule,
        EventsModule,
        CommissionerWorkModule,
        InsightsModule,
        DemoModule,
        HealthModule,
      ],
    };
  }
}
