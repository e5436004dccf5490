import { AppConfig, CoreModule, LoggingModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { DemoModule } from '@app/demo';
import { DockingModule } from '@app/docking';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { NeedsModule } from '@app/needs';
import { ProductsModule } from '@app/products';
import { SearchModule } from '@app/search';
import { WhitelistModule } from '@app/whitelist';
import { DynamicModule, Module } from '@nestjs/common';

/**
 * Work without HTTP: the outbox consumer (main.ts) and the one-off commands (cli.ts). The
 * domain modules come along because they own the documents, rules and outbox topics both use
 * (matching recomputes stored matches, and notifies, from the outbox).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule,
        SearchModule,
        IdentityModule,
        WhitelistModule,
        NeedsModule,
        ProductsModule,
        DockingModule,
        EventsModule,
        MatchingModule,
        DemoModule,
      ],
    };
  }
}
