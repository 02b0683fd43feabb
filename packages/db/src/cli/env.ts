/** The database a CLI command works on, from the environment. */
export function cliDatabaseOptions() {
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  const dataDir = process.env.PGLITE_DIR ?? new URL("../../../../.data/pglite", import.meta.url).pathname;
  return url ? { url, max: 1 } : { dataDir };
}
