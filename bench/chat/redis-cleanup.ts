import { createClient } from 'redis';

/** Deletes every key of a prefix (the run's own): streams, sessions and rate-limit counters. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = createClient({ url });
  await redis.connect();
  let deleted = 0;
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await redis.del(keys);
    }
  } finally {
    redis.destroy();
  }
  return deleted;
}
