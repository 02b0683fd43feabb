import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@city137/core";
import { createDatabase } from "../client";

const dir = mkdtempSync(join(tmpdir(), "c137-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = new URL("../../../../node_modules/.bin/tsx", import.meta.url).pathname;
const run = (script: string, args: string[], env: Record<string, string>, input?: string) =>
  spawnSync(tsx, [new URL(`./${script}`, import.meta.url).pathname, ...args], {
    env: { ...process.env, DATABASE_URL: "", MIGRATION_DATABASE_URL: "", PGLITE_DIR: dir, ...env },
    input,
    encoding: "utf8",
  });

describe("create-platform-admin CLI", () => {
  it("migrates, creates the first platform admin from stdin, and refuses a duplicate or a short password", async () => {
    expect(run("migrate.ts", [], {}).status).toBe(0);
    const ok = run("create-platform-admin.ts", ["--username", "ops", "--email", "ops@example.org"], {}, "a long enough secret\n");
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/Platform admin "ops" created/);
    expect(run("create-platform-admin.ts", ["--username", "ops", "--email", "x@example.org"], { PLATFORM_ADMIN_PASSWORD: "another long one" }).stderr).toMatch(/exists already/);
    const short = run("create-platform-admin.ts", ["--username", "ops2", "--email", "y@example.org"], { PLATFORM_ADMIN_PASSWORD: "short" });
    expect(short.status).toBe(2);
    expect(run("create-platform-admin.ts", [], {}).stderr).toMatch(/Usage/);

    const db = await createDatabase({ dataDir: dir });
    try {
      const [user] = await db.query<{ username: string; roles: string[]; password_hash: string }>(
        "select username, roles, password_hash from platform_users",
      );
      expect(user).toMatchObject({ username: "ops", roles: ["platform_admin"] });
      expect(await verifyPassword("a long enough secret", user!.password_hash)).toBe(true);
      const audit = await db.query<{ action: string }>("select action from platform_audit_log");
      expect(audit.map((a) => a.action)).toEqual(["platform_user.created_by_cli"]);
    } finally {
      await db.close();
    }
  }, 240_000); // five separate processes, each opening PGlite (migrate also installs the job queue)
});
