import { getConnInfo } from "@hono/node-server/conninfo";
import { trpcServer } from "@hono/trpc-server";
import { appRouter, createContextFactory, type ProtectedKeyring } from "@city137/api";
import { isDatabaseUnavailable, type Database } from "@city137/db";
import type { FileStore } from "@city137/files";
import { Hono, type Context } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { fileRoutes } from "./files";
import type { Logger } from "./logger";
import { open311Routes } from "./open311/routes";
import { portalFileRoutes } from "./portal-files";
import { admission } from "./overload/admission";
import { stripeWebhookRoute, type StripeWebhookOptions } from "./webhooks/stripe";

export interface AppOptions {
  db: Database;
  log: Logger;
  trustProxy: boolean;
  now?: () => Date;
  /** Where attachment bytes live (server.ts builds it from the environment). */
  files?: FileStore;
  /** Wakes the outbox relay (the job queue's), so a citizen's code or one-time code leaves at once. */
  nudgeOutbox?: () => void;
  /** Stripe's webhook: signing secret and the queue that applies events (absent = 404). */
  stripeWebhook?: Pick<StripeWebhookOptions, "secret" | "enqueue">;
  /** tRPC calls in progress at once before more are refused with 503 (overload/admission.ts); default 64. */
  maxInFlight?: number;
  /** Keys of the protected channel (docs/decisions/017). */
  protectedKeys?: ProtectedKeyring;
}

/** The protected channel's public procedures (alone or in a batch). */
const REPORTER_CALL = /protectedReport\.(submit|follow|reply)/;

function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

function bearer(c: Context): string | null {
  const header = c.req.header("authorization");
  return header?.startsWith("Bearer ") ? header.slice(7).trim() || null : null;
}

/** The HTTP surface: tRPC, attachment files, health, readiness. Routes stay thin. */
export function createApp({ db, log, trustProxy, now, files, nudgeOutbox, stripeWebhook, protectedKeys, maxInFlight }: AppOptions) {
  const app = new Hono();
  const context = createContextFactory({ db, now, files, protectedKeys });

  app.use("*", requestId());
  app.use("*", secureHeaders());
  // JSON and XML are never a page: nothing may load from them or frame them (file routes set their own sandbox).
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("content-security-policy")) c.res.headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  });
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // A reporter's calls on the protected channel leave no line at all: even path and time would date them (docs/decisions/017).
    if (REPORTER_CALL.test(c.req.path)) return;
    log.info(
      { requestId: c.get("requestId"), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      "request",
    );
  });

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  stripeWebhookRoute(app, { db, log, now: now ?? (() => new Date()), ...stripeWebhook });
  app.get("/readyz", async (c) => {
    try {
      await db.query("select 1");
      return c.json({ status: "ready", database: db.kind });
    } catch (err) {
      log.warn({ requestId: c.get("requestId"), err: String(err) }, "database not reachable");
      return c.json({ status: "unavailable", message: "The database is not reachable." }, 503);
    }
  });

  app.use("/trpc/*", admission(maxInFlight ?? 64));
  // Writes that leave an SMS in the outbox (a code, an answer): relay it now rather than at the next minute.
  app.use("/trpc/*", async (c, next) => {
    await next();
    if (nudgeOutbox && c.req.method === "POST" && c.res.status === 200 && /portal\.(submit|otpRequest|support)|sms\.resend|request\.(create|transition|support)|billing\.account\.update/.test(c.req.path)) nudgeOutbox();
  });
  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (_opts, c) => context({ token: bearer(c), ip: clientIp(c, trustProxy) }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") log.error({ path, err: error.cause ?? error }, "procedure failed");
        else if (error.code === "SERVICE_UNAVAILABLE") log.warn({ path, err: String(error.cause?.cause ?? error.cause ?? error) }, "service unavailable");
      },
    }),
  );

  app.route("/files", fileRoutes({ context, requestInfo: (c) => ({ token: bearer(c), ip: clientIp(c, trustProxy) }), log }));

  app.route("/portal-files", portalFileRoutes({ context, requestInfo: (c) => ({ token: null, ip: clientIp(c, trustProxy) }), log }));

  app.route("/open311/v2", open311Routes({ context, requestInfo: (c) => ({ token: null, ip: clientIp(c, trustProxy) }), log, trustProxy }));

  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((err, c) => {
    if (isDatabaseUnavailable(err)) {
      log.warn({ requestId: c.get("requestId"), err: String(err) }, "database not reachable");
      return c.json({ code: "SERVICE_UNAVAILABLE", messageKey: "errors.serviceUnavailable" }, 503);
    }
    log.error({ requestId: c.get("requestId"), err }, "unhandled error");
    return c.json({ error: "internal", requestId: c.get("requestId") }, 500);
  });
  return app;
}
