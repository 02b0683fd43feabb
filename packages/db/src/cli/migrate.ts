import { createDatabase } from "../client";
import { runMigrations } from "../migrate";
import { cliDatabaseOptions } from "./env";

// Run as the owner role: MIGRATION_DATABASE_URL (or DATABASE_URL), else the embedded PGlite.
const db = await createDatabase(cliDatabaseOptions());
try {
  await runMigrations(db);
  console.log(`Migrations applied (${db.kind}).`);
} finally {
  await db.close();
}
