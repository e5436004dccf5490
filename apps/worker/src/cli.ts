import { parseArgs } from 'node:util';
import { AppError, ConfigError, parseConfig } from '@app/core';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';
import { createAdmin, generate, migrate, reindex, seed } from './commands';

const USAGE = `Usage: node dist/apps/worker/src/cli.js <command>
  migrate                         apply the committed migrations (DB_URL)
  seed                            create the demo marketplace (idempotent)
  gen --enterprises N --needs N --products N [--seed S]
                                  bulk benchmark data, then rebuild the search indexes
  reindex [index]                 rebuild search indexes from the database, then swap them in
  create-admin --email E --name N create an admin (password from ADMIN_PASSWORD or --password)`;

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      phone: { type: 'string' },
      enterprises: { type: 'string' },
      needs: { type: 'string' },
      products: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const [command, argument] = positionals;
  // Commands run beside a live api: they never start the outbox consumer themselves.
  const config = parseConfig({
    LOG_LEVEL: 'warn',
    ...process.env,
    WORKER_IN_PROCESS: 'false',
    SEED_DEMO: 'false',
  });
  if (command === 'migrate') return migrate(config, print);
  if (!['seed', 'gen', 'reindex', 'create-admin'].includes(command ?? '')) {
    print(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    if (command === 'seed') await seed(app, print);
    if (command === 'reindex') await reindex(app, print, argument);
    if (command === 'gen') {
      await generate(app, print, {
        enterprises: count(values.enterprises, 'enterprises'),
        needs: count(values.needs, 'needs'),
        products: count(values.products, 'products'),
        seed: values.seed ?? '1',
      });
    }
    if (command === 'create-admin') {
      const password = values.password ?? process.env.ADMIN_PASSWORD;
      if (!values.email || !password)
        throw new ConfigError(
          'create-admin needs --email and a password (ADMIN_PASSWORD or --password)',
        );
      await createAdmin(app, print, {
        email: values.email,
        name: values.name ?? '管理员',
        password,
        phone: values.phone,
      });
    }
  } finally {
    await app.close();
  }
}

/** A whole number of rows from a flag; absent means none. */
function count(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > 10_000_000) {
    throw new ConfigError(`--${flag} takes a whole number from 0 to 10000000, got "${value}"`);
  }
  return n;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof AppError)
    process.stderr.write(
      `${error.code}: ${error.message} ${JSON.stringify(error.details ?? '')}\n`,
    );
  else
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
});
