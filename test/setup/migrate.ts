// Placeholder: will apply the schema migrations to the fresh e2e database at dbUrl.
export async function runMigrations(_dbUrl: string): Promise<void> {}
