import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { DataGenerator } from './data-generator.service';
import { DemoDataSeeder } from './demo-data.seeder';

/**
 * Demo and benchmark data across every domain lib. Only apps import it: no domain lib may
 * depend on data that exists for show.
 */
@Module({
  imports: [IdentityModule],
  providers: [DemoDataSeeder, DataGenerator],
  exports: [DemoDataSeeder, DataGenerator],
})
export class DemoModule {}
