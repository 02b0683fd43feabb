import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Database } from "./client";
import { installJobQueues } from "./job-queues";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const migrationsFolder = here("../migrations");
const sqlFile = (name: string) => readFileSync(here(`../sql/${name}`), "utf8");

/**
 * Runs as the owner role: creates the runtime roles if missing, applies the
 * drizzle migrations, then re-applies RLS, policies and grants so that no
 * tenant table can exist without them. Last, installs (or upgrades) the job
 * queue's schema and queues, and gives the runtime role DML on it only.
 */
export async function runMigrations(db: Database): Promise<void> {
  await db.exec(sqlFile("roles.sql"));
  if (db.kind === "pglite") {
    await migratePglite(db.orm as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(db.orm as unknown as PostgresJsDatabase, { migrationsFolder });
  }
  await db.exec(sqlFile("hardening.sql"));
  await installJobQueues(db);
  await db.exec(sqlFile("pgboss-grants.sql"));
}
