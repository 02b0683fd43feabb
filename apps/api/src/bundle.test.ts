import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "@city137/db";
import { afterAll, describe, expect, it } from "vitest";
import { RUNTIME_FLAGS, bundleApi } from "../bundle.mjs";

const dir = mkdtempSync(join(tmpdir(), "city137-bundle-"));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe("the production bundle (docs/decisions/023)", () => {
  it("starts on plain node, migrates and seeds the embedded database, and signs an operator in", async () => {
    const outfile = await bundleApi({ outfile: join(dir, "main.mjs") });
    const port = await freePort();
    child = spawn(process.execPath, [...RUNTIME_FLAGS, outfile], {
      env: { ...process.env, NODE_OPTIONS: "", PORT: String(port), PGLITE_DIR: join(dir, "pglite"), JOBS: "off", LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    let ready = false;
    for (let i = 0; i < 240 && !ready && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    }
    expect(stderr).toBe("");
    expect(ready).toBe(true);
    const signIn = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ city: "tehran", login: "tehran.operator", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { result: { data: { token: string } } }).result.data.token).toMatch(/^c\./);
    // control: a wrong password is refused by the same bundle
    const wrong = await fetch(`${base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ city: "tehran", login: "tehran.operator", password: "not-the-password" }),
    });
    expect(wrong.status).toBe(401);
  }, 90_000);

  it("is started in production with the same flags (the heap ceiling of docs/decisions/035)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node bundle.mjs && node ${RUNTIME_FLAGS.join(" ")} dist/main.mjs`);
    expect(RUNTIME_FLAGS.some((f) => /^--max-old-space-size=\d+$/.test(f))).toBe(true);
  });
});
