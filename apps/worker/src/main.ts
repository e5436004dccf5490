import { ConfigError, parseConfig } from '@app/core';
import { DockingSlaJob } from '@app/docking';
import { EventRemindersJob } from '@app/events';
import { NeedExpiryJob } from '@app/needs';
import { WhitelistValidityJob } from '@app/whitelist';
import { OutboxConsumer } from '@app/search';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (config.EMBEDDED) {
    throw new ConfigError(
      'The worker needs DB_URL (MySQL/MariaDB): in the embedded default the api runs the worker itself.',
    );
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(OutboxConsumer).start();
  app.get(NeedExpiryJob).start();
  app.get(WhitelistValidityJob).start();
  app.get(DockingSlaJob).start();
  app.get(EventRemindersJob).start();
  app
    .get(Logger)
    .log(
      'worker started: outbox (search, matches), need expiry, whitelist validity, docking SLA, event reminders',
    );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : `Worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
