import { AppConfig, CoreModule, LoggingModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { SearchModule } from '@app/search';
import { DynamicModule, Module } from '@nestjs/common';

/** What the one-off commands need; no HTTP, no in-process worker. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule,
        SearchModule,
        IdentityModule,
      ],
    };
  }
}
