import { AppConfig } from '@app/core';
import { dataSourceOptions } from '@app/database';
import { DataGenerator, DemoDataSeeder } from '@app/demo';
import type { GenerateOptions } from '@app/demo';
import { IdentityBootstrap } from '@app/identity';
import { ReindexService } from '@app/search';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type Print = (line: string) => void;

/** Applies the committed migrations (MySQL/MariaDB; the embedded SQLite follows the entities). */
export async function migrate(config: AppConfig, print: Print): Promise<void> {
  if (!config.DB_URL) {
    print('No DB_URL: the embedded SQLite database needs no migrations.');
    return;
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    print(
      applied.length
        ? applied.map((m) => `applied ${m.name}`).join('\n')
        : 'The schema is up to date.',
    );
  } finally {
    await dataSource.destroy();
  }
}

export async function seed(app: INestApplicationContext, print: Print): Promise<void> {
  const { created, logins, password, moreAccounts } = await app.get(DemoDataSeeder).seed();
  print(created ? 'Demo data created.' : 'Demo data was already there; nothing changed.');
  print(`Demo sign-ins (password ${password}):`);
  for (const login of logins) print(`  ${login.role.padEnd(12)} ${login.email}`);
  print(`  and more: ${moreAccounts}`);
}

export async function generate(
  app: INestApplicationContext,
  print: Print,
  options: GenerateOptions,
): Promise<void> {
  const report = await app.get(DataGenerator).generate(options);
  if (!report.created) {
    print(`Data of seed "${options.seed}" is already there; nothing changed.`);
    return;
  }
  const total = Object.values(report.timings).reduce((sum, ms) => sum + ms, 0);
  print(
    `Generated ${Object.entries(report.counts)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ')} in ${(total / 1000).toFixed(1)} s:`,
  );
  for (const [step, ms] of Object.entries(report.timings)) print(`  ${step.padEnd(24)} ${ms} ms`);
  for (const r of report.indexes) print(`  index ${r.index}: ${r.documents} documents`);
}

export async function reindex(
  app: INestApplicationContext,
  print: Print,
  name?: string,
): Promise<void> {
  const service = app.get(ReindexService);
  const results = name ? [await service.reindex(name)] : await service.reindexAll();
  for (const r of results) print(`${r.index}: ${r.documents} documents in ${r.ms} ms`);
}

export async function createAdmin(
  app: INestApplicationContext,
  print: Print,
  input: { email: string; name: string; password: string; phone?: string },
): Promise<void> {
  const created = await app.get(IdentityBootstrap).ensureAdmin(input);
  print(
    created
      ? `Admin ${input.email} created.`
      : `A user with ${input.email} already exists; nothing changed.`,
  );
}
