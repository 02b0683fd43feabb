/**
 * The one tRPC setup file.
 *   1. context   2. initialisation (error shape)   3. procedures by audience
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { AppError, hasAnyRole, type CityRole, type PlatformRole } from "@city137/core";
import { isDatabaseUnavailable, withoutTenant, withPlatform, withTenant, type Database, type TenantOptions, type Tx } from "@city137/db";
import type { FileStore } from "@city137/files";
import { RateLimiter } from "./auth/rate-limit";
import { devKeyring, type ProtectedKeyring } from "./protected/keys";
import { DistrictIndexCache } from "./config/district-index-cache";
import { resolveSession, type CitySession, type PlatformSession, type Session } from "./auth/session";
import { errorData, toTRPCError } from "./errors";
import { assertAdministrationAllowed } from "./platform/billing-guard";

// 1. CONTEXT ---------------------------------------------------------------

export interface ApiDeps {
  db: Database;
  now?: () => Date;
  /** Failed sign-in attempts per client address per window. */
  signInLimiter?: RateLimiter;
  districts?: DistrictIndexCache;
  /** Where attachment bytes live; absent, attachment writes fail (reads of metadata still work). */
  files?: FileStore;
  /** Keys of the protected channel (docs/decisions/017); absent, the development key. */
  protectedKeys?: ProtectedKeyring;
}

export interface RequestInfo {
  /** The raw bearer token, if any. */
  token: string | null;
  /** Client address, for rate limits and the audit log. */
  ip: string | null;
}

export function createContextFactory(deps: ApiDeps) {
  const now = deps.now ?? (() => new Date());
  const signInLimiter = deps.signInLimiter ?? new RateLimiter(30, 15 * 60_000);
  const districts = deps.districts ?? new DistrictIndexCache();
  const protectedKeys = deps.protectedKeys ?? devKeyring();
  return (req: RequestInfo) => {
    let session: Promise<Session | null> | undefined;
    return {
      db: deps.db,
      now,
      signInLimiter,
      districts,
      files: deps.files ?? null,
      protectedKeys,
      token: req.token,
      ip: req.ip,
      /** No city: the registry of cities only (public lookups by slug). */
      registry: <T>(fn: (tx: Tx) => Promise<T>) => withoutTenant(deps.db, fn),
      /** The verified session, looked up once per request. */
      session: () => (session ??= resolveSession(deps.db, req.token, now())),
    };
  };
}

export type Context = Awaited<ReturnType<ReturnType<typeof createContextFactory>>>;

// 2. INITIALISATION --------------------------------------------------------

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const data = errorData(error);
    return {
      code: shape.code,
      message: data.messageKey,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Domain errors become tRPC errors with their own code and message key; a
 * database that is down or restarting becomes 503 "try again in a moment"
 * (the next call reconnects), never a 500.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw toTRPCError(new AppError("SERVICE_UNAVAILABLE", "errors.serviceUnavailable", { cause: result.error.cause }));
  }
  return result;
});

// 3. PROCEDURES ------------------------------------------------------------

const denied = (code: "UNAUTHORIZED" | "FORBIDDEN") =>
  new TRPCError({ code, message: code === "UNAUTHORIZED" ? "errors.unauthorized" : "errors.forbidden" });

/** Anyone: the citizen portal, the sign-in page. */
export const publicProcedure = t.procedure.use(appErrors);

/** Any signed-in member of staff, city or platform. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.session();
  if (!session) throw denied("UNAUTHORIZED");
  return next({ ctx: { session } });
});

/** Staff of one city; data access only through ctx.tenant(), bound to the session's city. */
export const staffProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.session();
  if (!session) throw denied("UNAUTHORIZED");
  if (session.kind !== "city") throw denied("FORBIDDEN");
  const tenantId = session.tenantId;
  return next({
    ctx: {
      session: session as CitySession,
      tenantId,
      tenant: <T>(fn: (tx: Tx) => Promise<T>, options?: TenantOptions) => withTenant(ctx.db, tenantId, fn, options),
    },
  });
});

/** City staff holding at least one of the roles. */
export const cityRoleProcedure = (...roles: CityRole[]) =>
  staffProcedure.use(({ ctx, next }) => {
    if (!hasAnyRole(ctx.session.user.roles, roles)) throw denied("FORBIDDEN");
    return next();
  });

/** The city's IT department; a restricted city's settings cannot change (billing, docs/decisions/011). */
export const cityAdminProcedure = cityRoleProcedure("city_admin").use(async ({ ctx, type, path, next }) => {
  if (type === "mutation") await assertAdministrationAllowed(ctx.db, ctx.tenantId, path);
  return next();
});

/** Platform staff; cross-tenant reads only through ctx.platform(). */
export const platformProcedure = (...roles: PlatformRole[]) =>
  publicProcedure.use(async ({ ctx, next }) => {
    const session = await ctx.session();
    if (!session) throw denied("UNAUTHORIZED");
    if (session.kind !== "platform") throw denied("FORBIDDEN");
    if (roles.length > 0 && !hasAnyRole(session.user.roles, roles)) throw denied("FORBIDDEN");
    return next({
      ctx: {
        session: session as PlatformSession,
        platform: <T>(fn: (tx: Tx) => Promise<T>) => withPlatform(ctx.db, fn),
      },
    });
  });
