import { DEMO_PASSWORD } from "@city137/db";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { MemoryStore } from "@city137/files";
import { TRPCError } from "@trpc/server";
import { appRouter } from "./root";
import { RateLimiter } from "./auth/rate-limit";
import { createCallerFactory, createContextFactory } from "./trpc";
import { errorData } from "./errors";

const createCaller = createCallerFactory(appRouter);

/** The real router over a real (test) database, with a clock the test can move. */
export async function createTestApi() {
  const t: TestDb = await createTestDb();
  let now = new Date();
  const files = new MemoryStore();
  const context = createContextFactory({
    db: t.db,
    now: () => now,
    signInLimiter: new RateLimiter(1000, 60_000),
    files,
  });
  const caller = (token: string | null = null, ip = "203.0.113.7") => createCaller(context({ token, ip }));
  const signIn = async (city: string | null, login: string, password = DEMO_PASSWORD) =>
    (await caller().auth.signIn({ city, login, password })).token;
  return {
    ...t,
    caller,
    signIn,
    context,
    files,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    setNow: (at: Date) => (now = at),
    close: () => t.close(),
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** The public error a caller would see: tRPC code plus the formatter's data. */
export async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, ...errorData(err) };
    throw err;
  }
  throw new Error("expected the call to fail, it succeeded");
}
