import { RealtimePush } from '@app/core';
import { Global, Module } from '@nestjs/common';
import { RealtimeRedis } from './realtime-redis';
import { SocketRealtimePush } from './socket-realtime-push';

/**
 * The process's Redis connection and RealtimePush, for every module: any lib can push to a
 * user without importing docking.
 */
@Global()
@Module({
  providers: [
    RealtimeRedis,
    SocketRealtimePush,
    { provide: RealtimePush, useExisting: SocketRealtimePush },
  ],
  exports: [RealtimeRedis, SocketRealtimePush, RealtimePush],
})
export class RealtimeModule {}
