import { FindOptionsWhere, MoreThan, Repository } from 'typeorm';

/**
 * Every row matching `where`, in batches ordered by id, each read after the last id of the one
 * before (keyset paging: no OFFSET, so the last batch costs what the first does). For the
 * loadAll of an index definition.
 */
export async function* batchesById<E extends { id: string }>(
  repo: Repository<E>,
  where: FindOptionsWhere<E>,
  batchSize: number,
): AsyncGenerator<E[]> {
  let after = '';
  for (;;) {
    const rows = await repo.find({
      where: { ...where, id: MoreThan(after) } as FindOptionsWhere<E>,
      order: { id: 'ASC' } as never,
      take: batchSize,
    });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}
