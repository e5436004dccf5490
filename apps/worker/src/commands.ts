import { AppConfig } from '@app/core';
import { dataSourceOptions } from '@app/database';
import { DemoSeeder, IdentityBootstrap } from '@app/identity';
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
  const { created, logins, password } = await app.get(DemoSeeder).seed();
  print(created ? 'Demo data created.' : 'Demo data was already there; nothing changed.');
  print(`Demo sign-ins (password ${password}):`);
  for (const login of logins) print(`  ${login.role.padEnd(12)} ${login.email}`);
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
