import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

/**
 * The baseline: a bare socket.io server with the chat's namespace and events (join a room,
 * send acked then broadcast to the room's other sockets), with no auth, validation or
 * database. With REDIS_URL it uses the Redis streams adapter as the api does. Run as a child
 * process of the bench: PORT, HOST, REDIS_URL, REDIS_KEY_PREFIX.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 0);
  const host = process.env.HOST ?? '127.0.0.1';
  const http = createServer((request, response) => {
    response.writeHead(request.url === '/health' ? 200 : 404).end();
  });
  let adapter: ReturnType<typeof createAdapter> | undefined;
  const redisUrl = process.env.REDIS_URL;
  const redis = redisUrl ? createClient({ url: redisUrl }) : undefined;
  if (redis) {
    await redis.connect();
    const stream = `${process.env.REDIS_KEY_PREFIX ?? 'bench-bare:'}socket.io`;
    adapter = createAdapter(redis, {
      streamName: stream,
      channelPrefix: stream,
      sessionKeyPrefix: `${stream}:session:`,
    });
  }
  const io = new Server(http, adapter ? { adapter } : {});
  let seq = 0;
  io.of('/chat').on('connection', (socket) => {
    socket.on('session:join', (payload: { sessionId: string }, ack?: (a: unknown) => void) => {
      void socket.join(`session:${payload.sessionId}`);
      ack?.({ ok: true, lastSeq: 0, messages: [], reads: [] });
    });
    socket.on(
      'message:send',
      (
        payload: { sessionId: string; clientId: string; body: string },
        ack?: (a: unknown) => void,
      ) => {
        const message = {
          id: randomUUID(),
          sessionId: payload.sessionId,
          seq: ++seq,
          clientId: payload.clientId,
          senderId: socket.id,
          body: payload.body,
          createdAt: new Date().toISOString(),
        };
        ack?.({ ok: true, message });
        socket.to(`session:${payload.sessionId}`).emit('message:new', message);
      },
    );
  });
  http.listen(port, host);
  const stop = () => {
    void io.close(() => {
      if (redis?.isOpen) redis.destroy();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare server failed: ${String(error)}\n`);
  process.exit(1);
});
