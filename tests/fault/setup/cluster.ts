import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports";

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** initdb refuses root: the cluster then belongs to the `postgres` system user and its tools run as that user. */
const asRoot = process.getuid?.() === 0;
function run(cmd: string, args: string[], opts: { allowFail?: boolean } = {}) {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", `${BIN}/${cmd}`, ...args]] : [`${BIN}/${cmd}`, args];
  const r = spawnSync(file, argv, { encoding: "utf8" });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r;
}

/**
 * A throwaway Postgres cluster of its own for one fault test: a temporary
 * data directory, a free port on 127.0.0.1, trust authentication, the
 * machine's Debian binaries. It never touches the machine's cluster on 5432.
 */
export class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), "city137-fault-"));
  readonly data = join(this.dir, "data");
  readonly log = join(this.dir, "postgres.log");
  port = 0;

  static async create(): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres();
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(pg.dir, uid, gid);
    }
    run("initdb", ["-D", pg.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
    pg.port = await freePort();
    await pg.start();
    return pg;
  }

  /** The owner (superuser) and the API's runtime role. */
  get ownerUrl() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  get appUrl() {
    return `postgres://app_user@127.0.0.1:${this.port}/postgres`;
  }

  /** The postmaster's process id, from its pid file. */
  pid(): number | null {
    const file = join(this.data, "postmaster.pid");
    if (!existsSync(file)) return null;
    return Number(readFileSync(file, "utf8").split("\n")[0]);
  }

  /**
   * Starts the cluster and waits until it accepts connections. After a
   * kill -9 the orphaned backends may still hold the old shared memory for a
   * moment: the start is retried until they are gone (crash recovery runs then).
   */
  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c fsync=on -c synchronous_commit=on`;
    for (let attempt = 0; ; attempt++) {
      const r = run("pg_ctl", ["-D", this.data, "-l", this.log, "-o", opts, "-w", "-t", "60", "start"], { allowFail: true });
      if (r.status === 0) return;
      if (attempt >= 20) throw new Error(`Postgres did not start: ${r.stderr || r.stdout}\n${readFileSync(this.log, "utf8").slice(-2000)}`);
      await new Promise((res) => setTimeout(res, 500));
    }
  }

  /** kill -9 of the postmaster: no shutdown, no checkpoint; its backends notice and exit. */
  kill9(): number {
    const pid = this.pid();
    if (!pid) throw new Error("Postgres is not running.");
    process.kill(pid, "SIGKILL");
    return pid;
  }

  /** A clean, fast stop (connections are cut). */
  stop() {
    run("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "stop"], { allowFail: true });
  }

  /** Stops the cluster (immediately) and removes its directory. */
  destroy() {
    run("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"], { allowFail: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
