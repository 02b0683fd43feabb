/**
 * Test harness for the Open311 suites: the real HTTP app over a real (test)
 * database, schema validation with ajv against the vendored GeoReport v2
 * schemas, and an XML reader (fast-xml-parser) that turns an answer back into
 * the Spark-convention JSON so both formats can be compared field by field.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { createApp } from "../app";
import { createLogger } from "../logger";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type SchemaName = "discovery" | "services" | "service-definition" | "post-response" | "requests" | "service-request-updates" | "errors";

const SCHEMA_DIR = fileURLToPath(new URL("./schemas/", import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".json"))) ajv.addSchema(JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, "utf8")));
const validators = new Map<SchemaName, ValidateFunction>();

/** Validates a JSON answer against one of the vendored schemas; fails the test with ajv's reasons. */
export function expectSchema(name: SchemaName, body: unknown) {
  let v = validators.get(name);
  if (!v) {
    v = ajv.getSchema(`https://city137.example/open311/georeport-v2/${name}.json`)!;
    validators.set(name, v);
  }
  const ok = v(body);
  expect(ok, `${name}: ${ajv.errorsText(v.errors, { separator: "\n" })}\n${JSON.stringify(body).slice(0, 2000)}`).toBe(true);
}

/** List elements and their item names, as the spec writes them. */
const ITEM: Record<string, string> = {
  services: "service",
  attributes: "attribute",
  values: "value",
  service_requests: "request",
  service_request_updates: "request_update",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
};
const ITEMS = new Set(Object.values(ITEM));
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => ITEMS.has(name), processEntities: true });

/** The XML answer read back: its root's name and its body in the Spark convention, every value a string. */
export function readXml(text: string): { root: string; body: Json } {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>'), "XML declaration with UTF-8").toBe(true);
  const doc = parser.parse(text) as Record<string, Json>;
  const roots = Object.keys(doc).filter((k) => k !== "?xml");
  expect(roots, "exactly one root element").toHaveLength(1);
  const root = roots[0]!;
  const spark = (name: string, node: Json): Json => {
    const item = ITEM[name];
    if (item) {
      if (node === "" || node === null) return [];
      const children = node as Record<string, Json>;
      expect(Object.keys(children), `<${name}> holds only <${item}> elements`).toEqual([item]);
      return (children[item] as Json[]).map((x) => spark(item, x));
    }
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, spark(k, v)]));
    }
    return node;
  };
  return { root, body: spark(root, doc[root]!) };
}

/** A JSON answer as its XML would carry it: every scalar a string, null and "" alike. */
export function asXmlValues(value: Json): Json {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map(asXmlValues);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlValues(v)]));
  return String(value).trim();
}

/** The Open311 HTTP surface and the console's tRPC over one seeded test database. */
export async function open311Harness() {
  const t: TestDb = await createTestDb();
  const app = createApp({ db: t.db, log: createLogger("silent"), trustProxy: false });
  const tokens = new Map<string, string>();

  const trpc = async <T = Json>(path: string, token: string | null, input?: unknown, method: "GET" | "POST" = "POST"): Promise<T> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const url = method === "GET" && input !== undefined ? `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `/trpc/${path}`;
    const res = await app.request(url, { method, headers, body: method === "POST" ? JSON.stringify(input) : undefined });
    const body = (await res.json()) as { result?: { data: unknown }; error?: { data: Record<string, unknown> } };
    if (!res.ok) throw Object.assign(new Error(`${path}: ${res.status} ${JSON.stringify(body.error?.data)}`), { data: body.error?.data });
    return body.result!.data as T;
  };
  const token = async (who: string) => {
    if (!tokens.has(who)) {
      const [city] = who.split(".");
      const r = await trpc<{ token: string }>("auth.signIn", null, { city, login: who, password: "demo-pass-137" });
      tokens.set(who, r.token);
    }
    return tokens.get(who)!;
  };

  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text(), headers: res.headers };
  };
  /** The same call in JSON and XML: both schema-valid, and the XML carrying exactly the JSON's elements and values. */
  const both = async (path: string, schema: SchemaName, root: string, status = 200) => {
    const [base, query] = path.split("?");
    const withFormat = (f: string) => `${base}.${f}${query ? `?${query}` : ""}`;
    const j = await get(withFormat("json"));
    const x = await get(withFormat("xml"));
    expect(j.status, `${path}.json: ${j.text.slice(0, 500)}`).toBe(status);
    expect(x.status, `${path}.xml: ${x.text.slice(0, 500)}`).toBe(status);
    expect(j.type).toBe("application/json; charset=utf-8");
    expect(x.type).toBe("text/xml; charset=utf-8");
    const json = JSON.parse(j.text) as Json;
    expectSchema(schema, json);
    const xml = readXml(x.text);
    expect(xml.root).toBe(root);
    expect(xml.body).toEqual(asXmlValues(json));
    return { json, xml: xml.body, xmlText: x.text, jsonText: j.text };
  };

  const form = (fields: Record<string, string | string[] | undefined>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    return body;
  };
  const post = async (path: string, fields: Record<string, string | string[] | undefined> | URLSearchParams) => {
    const body = fields instanceof URLSearchParams ? fields : form(fields);
    const res = await app.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: body.toString() });
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  };

  /** A new API key of the city, made by its admin through the console's API. */
  const newKey = async (city: string, label = "test client") =>
    trpc<{ id: string; secret: string; prefix: string; label: string }>("apiKey.create", await token(`${city}.admin`), { label });

  const categoryId = async (city: string, code: string) =>
    (await trpc<Array<{ id: string; code: string }>>("category.list", await token(`${city}.admin`), undefined, "GET")).find((c) => c.code === code)!.id;

  return { ...t, app, trpc, token, get, both, post, form, newKey, categoryId };
}

export type Open311Harness = Awaited<ReturnType<typeof open311Harness>>;
