import { createDatabase, runMigrations, seedDemo } from "@city137/db";
import type { PrivatePostgres } from "./cluster";

/**
 * Migrates the private cluster as its owner (the project's own migrations,
 * roles, hardening and job queue), lets the runtime role log in (trust
 * authentication, as on a developer's machine) and seeds the demo cities.
 */
export async function preparePlatform(pg: PrivatePostgres): Promise<void> {
  const owner = await createDatabase({ url: pg.ownerUrl, max: 1 });
  try {
    await runMigrations(owner);
    await owner.exec("alter role app_user login");
  } finally {
    await owner.close();
  }
  const app = await createDatabase({ url: pg.appUrl, max: 2 });
  try {
    await seedDemo(app);
  } finally {
    await app.close();
  }
}

/** Rows below RLS, as the owner (the test's view of the truth). */
export async function ownerQuery<T = Record<string, unknown>>(pg: PrivatePostgres, text: string, params: unknown[] = []): Promise<T[]> {
  const owner = await createDatabase({ url: pg.ownerUrl, max: 1 });
  try {
    return await owner.query<T>(text, params);
  } finally {
    await owner.close();
  }
}
