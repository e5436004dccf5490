import { ConfigError, parseConfig } from '@app/core';
import { DemoDataSeeder } from '@app/demo';
import { createApp } from './create-app';
import { hasPortal } from './portal/portal';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const app = await createApp(config);
  const demo = config.SEED_DEMO ? await app.get(DemoDataSeeder).seed() : null;
  await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const base = `http://${host}:${config.PORT}`;
  const lines = [
    ...(hasPortal(config.WEB_DIR) ? [`Portal: ${base}/`] : []),
    `TechFin Bridge is running: ${base}/api/v1`,
    `API docs: ${base}/docs`,
  ];
  if (demo) {
    lines.push(`Demo sign-ins (password ${demo.password}):`);
    for (const login of demo.logins) {
      lines.push(`  ${login.role.padEnd(12)} ${login.email.padEnd(36)} ${login.organization}`);
    }
    lines.push(`  and more: ${demo.moreAccounts}`);
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
