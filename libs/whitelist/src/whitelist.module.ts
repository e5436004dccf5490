import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WhitelistBatch } from './batches/whitelist-batch.entity';
import { WhitelistBatchesController } from './batches/whitelist-batches.controller';
import { WhitelistBatchesService } from './batches/whitelist-batches.service';
import { WhitelistEntriesController } from './entries/whitelist-entries.controller';
import { WhitelistEntry } from './entries/whitelist-entry.entity';
import { WhitelistImporter } from './import/whitelist-importer.service';
import { WhitelistService } from './whitelist.service';
import { WhitelistEntriesService } from './entries/whitelist-entries.service';
import { WhitelistExportService } from './entries/whitelist-export.service';
import { WhitelistValidityJob } from './whitelist-validity.job';
import { InProcessWhitelistValidity } from './whitelist-validity.runner';

/**
 * The bureau's whitelist of vetted tech enterprises: batches, their entries, and the CSV/XLSX
 * import. Whitelist status reaches other documents through the organizations topic: every
 * change of what statusFor answers queues the organizations it touches.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WhitelistBatch, WhitelistEntry])],
  controllers: [WhitelistBatchesController, WhitelistEntriesController],
  providers: [
    WhitelistBatchesService,
    WhitelistImporter,
    WhitelistService,
    WhitelistEntriesService,
    WhitelistExportService,
    WhitelistValidityJob,
    InProcessWhitelistValidity,
  ],
  exports: [WhitelistService, WhitelistValidityJob],
})
export class WhitelistModule {}
