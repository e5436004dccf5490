import { ConfigError, parseConfig } from '@app/core';
import { DemoSeeder, DEMO_PASSWORD } from '@app/identity';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const app = await createApp(config);
  if (config.SEED_DEMO) await app.get(DemoSeeder).seed();
  await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const base = `http://${host}:${config.PORT}`;
  const lines = [`TechFin Bridge is running: ${base}/api/v1`, `API docs: ${base}/docs`];
  if (config.SEED_DEMO) {
    lines.push(`Demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const login of app.get(DemoSeeder).logins()) {
      lines.push(`  ${login.role.padEnd(12)} ${login.email.padEnd(36)} ${login.organization}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
