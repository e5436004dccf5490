import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IndexShape } from './index-shape.entity';
import { ReindexService } from './reindex.service';
import { SearchIndexRegistry } from './search-index.registry';
import { SearchIndexes } from './search-indexes.service';

/**
 * Rebuilds every index whose documents were written in another shape than the code writes now
 * (`SearchIndexDefinition.shape`; the rebuild records the new one). The outbox consumer runs
 * this before its first batch, so an upgraded deployment needs no manual `reindex`. A rebuild
 * swaps the new index in whole, so searches answer from the old documents until then; two
 * consumers starting together may both rebuild, which costs time, not correctness.
 */
@Injectable()
export class IndexShapes {
  private readonly logger = new Logger('IndexShapes');

  constructor(
    @InjectRepository(IndexShape) private readonly shapes: Repository<IndexShape>,
    private readonly registry: SearchIndexRegistry,
    private readonly indexes: SearchIndexes,
    private readonly reindex: ReindexService,
  ) {}

  /** Rebuilds the outdated indexes; answers their names. */
  async bringUpToDate(): Promise<string[]> {
    const recorded = new Map((await this.shapes.find()).map((row) => [row.uid, row.shape]));
    const rebuilt: string[] = [];
    for (const definition of this.registry.all()) {
      const uid = this.indexes.uid(definition.name);
      const shape = recorded.get(uid);
      if (shape === definition.shape) continue;
      this.logger.log(
        `${uid} holds documents of shape ${shape ?? '(unrecorded)'}, ` +
          `the code writes shape ${definition.shape}: rebuilding it`,
      );
      await this.reindex.reindex(definition.name);
      rebuilt.push(definition.name);
    }
    return rebuilt;
  }
}
