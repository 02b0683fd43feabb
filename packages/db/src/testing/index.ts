import { randomBytes } from "node:crypto";
import { createDatabase, type Database } from "../client";
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
  await admin.exec(`create database ${name}`);
  const ownerUrl = withDatabase(serverUrl, name);
  const owner = await createDatabase({ url: ownerUrl, max: 2 });
  await runMigrations(owner);
  await owner.exec("alter role app_user login");
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
