import { randomBytes } from "node:crypto";
import { createDatabase, type Database } from "../client";
import { readFileSync } from "node:fs";
import { runMigrations } from "../migrate";
import { seedDemo } from "../seed";

export interface TestDb {
  /** The runtime handle: app_user on Postgres, PGlite with role switching. */
  db: Database;
  /** The owner handle, for catalogue checks and fixtures below RLS. */
  owner: Database;
  close(): Promise<void>;
}

/**
 * A fresh, migrated (and by default seeded) database for one test file.
 * TEST_DATABASE_URL set: a new database on that server, dropped afterwards,
 * with the runtime connecting as app_user. Otherwise an in-memory PGlite.
 */
export async function createTestDb(opts: { seed?: boolean; poolSize?: number } = {}): Promise<TestDb> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const result = serverUrl
    ? await createPostgresTestDb(serverUrl, opts.poolSize ?? 4)
    : await createPgliteTestDb();
  if (opts.seed !== false) await seedDemo(result.db);
  return result;
}

async function createPgliteTestDb(): Promise<TestDb> {
  const db = await createDatabase();
  await runMigrations(db);
  return { db, owner: db, close: () => db.close() };
}

async function createPostgresTestDb(serverUrl: string, poolSize: number): Promise<TestDb> {
  const name = `c137_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = await createDatabase({ url: serverUrl, max: 1 });
  // Roles are cluster-wide and parallel workers would update them at once
  // ("tuple concurrently updated"): set them up one worker at a time, holding
  // an advisory lock in the shared admin database.
  await admin.exec("select pg_advisory_lock(137137)");
  try {
    await admin.exec(readFileSync(new URL("../../sql/roles.sql", import.meta.url), "utf8"));
    await admin.exec(
      "do $$ begin if not (select rolcanlogin from pg_roles where rolname = 'app_user') then alter role app_user login; end if; end $$",
    );
  } finally {
    await admin.exec("select pg_advisory_unlock(137137)");
  }
  await admin.exec(`create database ${name}`);
  const ownerUrl = withDatabase(serverUrl, name);
  const owner = await createDatabase({ url: ownerUrl, max: 2 });
  await runMigrations(owner);
  const runtimeUrl = new URL(ownerUrl);
  runtimeUrl.username = "app_user";
  runtimeUrl.password = "";
  const db = await createDatabase({ url: runtimeUrl.toString(), max: poolSize });
  return {
    db,
    owner,
    close: async () => {
      await db.close();
      await owner.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
export { rng, insertRandomMessages, bumpDistrictOnTime, bumpHeatCell, bumpRollupTotal, bumpScoreOnTime, bumpSpanVolume, resolveOneRegistered, scoreRowsLacking } from "./insight-fixture";
