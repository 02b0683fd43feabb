/**
 * /open311/v2: Open311 GeoReport v2 for every city, on the city's own base
 * (/open311/v2/{city}/services.xml) and on a shared base that takes the city
 * as jurisdiction_id (/open311/v2/services.xml?jurisdiction_id=tehran).
 * The format is the suffix (.xml, the default, or .json). This file only
 * translates HTTP to the Open311 service in @city137/api and back; every
 * answer, errors included, is in the spec's format. docs/decisions/008.
 */
import { open311, RateLimiter, type Context as ApiContext, type RequestInfo } from "@city137/api";
import { isDatabaseUnavailable, type PublicTenant } from "@city137/db";
import { Hono, type Context } from "hono";
import type { RequestIdVariables } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "../logger";

export interface Open311RoutesOptions {
  context: (req: RequestInfo) => ApiContext;
  requestInfo: (c: Context) => RequestInfo;
  log: Logger;
  trustProxy: boolean;
  /** POSTs per API key per minute (default 60). */
  postLimiter?: RateLimiter;
}

/** Largest form accepted; a report is a few kilobytes. */
export const OPEN311_BODY_LIMIT = 256 * 1024;

/** Resource names of the shared base; no city may be addressed by one of these. */
export const SHARED_SUBRESOURCES = new Set(["services", "requests", "tokens"]);
/** Every resource served (the cross-city suite probes each, open311/cross-city.test.ts). */
export const RESOURCES = new Set(["discovery", "services", "requests", "servicerequestupdates"]);

type Format = open311.Open311Format;

/** "services.json" → services + json; no known suffix → the whole name, as XML (the spec's required format). */
function splitFormat(file: string): { name: string; format: Format; unknown?: string } {
  const dot = file.lastIndexOf(".");
  if (dot <= 0) return { name: file, format: "xml" };
  const ext = file.slice(dot + 1).toLowerCase();
  if (ext === "xml" || ext === "json") return { name: file.slice(0, dot), format: ext };
  return { name: file, format: "xml", unknown: ext };
}

/** A top-level resource, also when asked for in a format we do not speak (services.html: a 400 naming the format). */
function resourceOf(file: string): { name: string; format: Format; unknown?: string } | null {
  const split = splitFormat(file);
  if (RESOURCES.has(split.name)) return split;
  const stem = file.slice(0, file.lastIndexOf("."));
  return split.unknown && RESOURCES.has(stem) ? { ...split, name: stem } : null;
}

interface Route {
  city: string | null;
  resource: string;
  /** services/{code}, requests/{id}, tokens/{token}. */
  id?: string;
  format: Format;
  unknownFormat?: string;
}

/** Path segments after /open311/v2 → what is asked for; null when nothing is. */
export function routeOf(segments: string[]): Route | null {
  const file = (city: string | null, f: string): Route | null => {
    const r = resourceOf(f);
    return r ? { city, resource: r.name, format: r.format, unknownFormat: r.unknown } : null;
  };
  const sub = (city: string | null, resource: string, f: string): Route => {
    const { name, format } = splitFormat(f);
    return { city, resource, id: name, format };
  };
  const [a, b, c, ...rest] = segments;
  if (rest.length) return null;
  if (a === undefined) return { city: null, resource: "discovery", format: "xml" };
  if (b === undefined) return resourceOf(a) ? file(null, a) : { city: a, resource: "discovery", format: "xml" };
  if (c === undefined) return SHARED_SUBRESOURCES.has(a) ? sub(null, a, b) : file(a, b);
  return SHARED_SUBRESOURCES.has(b) && !SHARED_SUBRESOURCES.has(a) ? sub(a, b, c) : null;
}

export function open311Routes({ context, requestInfo, log, trustProxy, postLimiter }: Open311RoutesOptions) {
  const app = new Hono<{ Variables: RequestIdVariables }>();
  const limiter = postLimiter ?? new RateLimiter(open311.DEFAULT_POST_LIMIT, 60_000);

  const send = (c: Context, doc: open311.Document, format: Format, status: ContentfulStatusCode, locale: open311.Open311Locale) =>
    c.body(open311.render(doc, format), status, {
      "content-type": open311.CONTENT_TYPE[format],
      "content-language": locale,
      // Public, read-mostly data for any app; no cookies are involved.
      "access-control-allow-origin": "*",
    });

  const origin = (c: Context) => {
    const url = new URL(c.req.url);
    const proto = trustProxy ? c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
    const host = trustProxy ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    return `${proto ?? url.protocol.replace(/:$/, "")}://${host ?? url.host}`;
  };

  /** Query string and, on POST, the form: application/x-www-form-urlencoded (or multipart, whose files are ignored). */
  const paramsOf = async (c: Context): Promise<open311.Params | open311.Open311Error> => {
    const pairs: Array<[string, string]> = [...new URL(c.req.url).searchParams.entries()];
    if (c.req.method !== "POST") return new open311.Params(pairs);
    const type = c.req.header("content-type")?.toLowerCase() ?? "";
    const length = Number(c.req.header("content-length") ?? 0);
    if (length > OPEN311_BODY_LIMIT) return new open311.Open311Error(400, [{ key: "fieldTooLong", params: { field: "body" } }]);
    const form: Array<[string, string]> = [];
    if (type.startsWith("multipart/form-data")) {
      const data = await c.req.formData();
      for (const [k, v] of data.entries()) if (typeof v === "string") form.push([k, v]);
    } else if (type === "" || type.startsWith("application/x-www-form-urlencoded")) {
      const text = await c.req.text();
      if (text.length > OPEN311_BODY_LIMIT) return new open311.Open311Error(400, [{ key: "fieldTooLong", params: { field: "body" } }]);
      form.push(...new URLSearchParams(text).entries());
    } else return new open311.Open311Error(400, [{ key: "notForm" }]);
    // Form first: an api_key or service_code in the body wins over one in the URL.
    return new open311.Params([...form, ...pairs]);
  };

  app.all("*", async (c) => {
    const segments = c.req.path.replace(/^.*?\/open311\/v2\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    const route = routeOf(segments);
    let locale: open311.Open311Locale = "fa";
    let format: Format = route?.format ?? (segments.at(-1)?.toLowerCase().endsWith(".json") ? "json" : "xml");
    try {
      const params = await paramsOf(c);
      if (params instanceof open311.Open311Error) throw params;
      locale = open311.localeOf(params, null);
      if (!route) throw new open311.Open311Error(404, [{ key: "resourceNotFound" }]);
      format = route.format;
      if (route.unknownFormat) throw new open311.Open311Error(400, [{ key: "formatUnknown", params: { format: route.unknownFormat } }]);
      const method = c.req.method === "HEAD" ? "GET" : c.req.method;
      const api = context(requestInfo(c));
      const deps: open311.Open311Deps = { db: api.db, now: api.now, districts: api.districts, postLimiter: limiter };
      const base = `${origin(c)}/open311/v2`;

      // The shared base's discovery needs no city; everything else does.
      let city: PublicTenant | null = null;
      if (!(route.resource === "discovery" && route.city === null && !params.get("jurisdiction_id"))) {
        city = await open311.resolveCity(deps, route.city, params);
      }
      locale = open311.localeOf(params, city);
      const ok = (doc: open311.Document) => send(c, doc, format, 200, locale);

      if (route.resource === "discovery" && method === "GET") return ok(await open311.discovery(deps, city, city && route.city ? `${base}/${city.slug}` : base, locale));
      if (!city) throw new open311.Open311Error(400, [{ key: "jurisdictionRequired" }]);
      if (route.resource === "services" && method === "GET") {
        return ok(route.id === undefined ? await open311.services(deps, city, locale) : await open311.serviceDefinitionOf(deps, city, route.id, locale));
      }
      if (route.resource === "requests" && route.id !== undefined && method === "GET") return ok(await open311.getRequest(deps, city, route.id, locale));
      if (route.resource === "requests" && method === "GET") return ok(await open311.listRequests(deps, city, params, locale));
      if (route.resource === "requests" && route.id === undefined && method === "POST") {
        const created = await open311.createRequest(deps, city, params);
        log.info({ requestId: c.get("requestId"), city: city.slug, trackingCode: created.trackingCode, replayed: created.replayed }, "open311 request");
        return ok(created.doc);
      }
      if (route.resource === "servicerequestupdates" && method === "GET") return ok(await open311.listUpdates(deps, city, params, locale));
      if (route.resource === "tokens" && method === "GET") open311.tokenNotFound();
      throw new open311.Open311Error(404, [{ key: "resourceNotFound" }]);
    } catch (err) {
      const known = err instanceof open311.Open311Error ? err : null;
      if (!known) log.error({ requestId: c.get("requestId"), err }, "open311 call failed");
      const refusal = known ?? (isDatabaseUnavailable(err) ? new open311.Open311Error(503, [{ key: "unavailable" }]) : new open311.Open311Error(500, [{ key: "internal" }]));
      const status = refusal.status as ContentfulStatusCode;
      return send(c, { root: "errors", body: refusal.describe(locale).map((e) => ({ ...e })) }, format, status, locale);
    }
  });

  return app;
}
