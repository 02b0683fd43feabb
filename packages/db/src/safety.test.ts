import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "./client";
import { runMigrations } from "./migrate";
import { assertRuntimeRoleSafe } from "./safety";
import { createTestDb, type TestDb } from "./testing";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: false });
});
afterAll(() => t?.close());

describe("refusing to run when RLS could be bypassed", () => {
  it("accepts the runtime connection as set up by the migrations (control)", async () => {
    await expect(assertRuntimeRoleSafe(t.db)).resolves.toBeUndefined();
  });

  it("refuses when the runtime role can bypass RLS", async () => {
    if (t.db.kind === "postgres") {
      // Roles are cluster-wide on Postgres: test the connecting-user rule
      // with the owner (a superuser) instead of altering app_user.
      await expect(assertRuntimeRoleSafe(t.owner)).rejects.toThrow(/connects as "postgres".*superuser/);
    } else {
      const scratch = await createDatabase();
      try {
        await runMigrations(scratch);
        await scratch.exec("alter role app_user bypassrls");
        await expect(assertRuntimeRoleSafe(scratch)).rejects.toThrow(/bypass row-level security/);
        await scratch.exec("alter role app_user nobypassrls; alter table areas owner to app_platform");
        await expect(assertRuntimeRoleSafe(scratch)).rejects.toThrow(/owns tables/);
      } finally {
        await scratch.close();
      }
    }
  });
});
