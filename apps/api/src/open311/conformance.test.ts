/**
 * Open311 GeoReport v2 conformance: every endpoint in both formats, each
 * JSON answer against the vendored schemas (schemas/), each XML answer read
 * back and compared element by element with the JSON; the error cases; one
 * city's key and ids against another; what must never appear.
 */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextFactory, RateLimiter } from "@city137/api";
import { createLogger } from "../logger";
import { open311Routes } from "./routes";
import { expectSchema, open311Harness, readXml, type Json, type Open311Harness } from "./testing";

let h: Open311Harness;
let tehranKey: { id: string; secret: string; prefix: string };
let shirazKey: { id: string; secret: string };
/** Messages registered through the console: one in a private category, one corruption report, one with the citizen's details. */
let privateCode: string;
let corruptionCode: string;
let operatorCode: string;
let shirazCode: string;

type Fields = Record<string, string | string[] | undefined>;
type Obj = { [key: string]: Json };
const T = "/open311/v2/tehran";
const S = "/open311/v2/shiraz";
const FORMATS = ["json", "xml"] as const;
const POINT = { lat: "35.82", long: "51.101" };
const CITIZEN = { name: "مریم احمدی", mobile: "09351112233", nationalId: "0499370899", email: "maryam.ahmadi@example.org" };

const garbage = (over: Fields = {}): Fields => ({
  api_key: tehranKey.secret,
  service_code: "waste.collection",
  ...POINT,
  description: `زباله‌های کوچه جمع نشده ${randomUUID().slice(0, 8)}`,
  "attribute[waste_type]": "household",
  ...over,
});

/** The spec's error answer in the asked format, with the status and (optionally) a word of the description. */
async function expectError(res: { status: number; type: string | null; text: string }, format: "json" | "xml", status: number, mentions?: string) {
  expect(res.status, res.text.slice(0, 400)).toBe(status);
  let errors: Array<{ code: number; description: string }>;
  if (format === "json") {
    expect(res.type).toBe("application/json; charset=utf-8");
    errors = JSON.parse(res.text) as typeof errors;
  } else {
    expect(res.type).toBe("text/xml; charset=utf-8");
    const xml = readXml(res.text);
    expect(xml.root).toBe("errors");
    errors = (xml.body as Array<{ code: string; description: string }>).map((e) => ({ code: Number(e.code), description: e.description }));
  }
  expectSchema("errors", errors);
  expect(errors[0]!.code).toBe(status);
  if (mentions) expect(errors.map((e) => e.description).join(" ")).toContain(mentions);
  return errors;
}

const postBoth = async (path: (f: string) => string, fields: Fields, status: number, mentions?: string) => {
  for (const f of FORMATS) await expectError(await h.post(path(f), fields), f, status, mentions);
};
const getBoth = async (path: (f: string) => string, status: number, mentions?: string) => {
  for (const f of FORMATS) await expectError(await h.get(path(f)), f, status, mentions);
};
const created = (text: string) => (JSON.parse(text) as Array<{ service_request_id: string }>)[0]!.service_request_id;

beforeAll(async () => {
  h = await open311Harness();
  tehranKey = await h.newKey("tehran", "Tehran test app");
  shirazKey = await h.newKey("shiraz", "Shiraz test app");
  const admin = await h.token("tehran.admin");
  const operator = await h.token("tehran.operator");
  const privateCategory = await h.trpc<{ id: string }>("category.create", admin, { code: "test.private", parentId: null, nameFa: "موضوع داخلی آزمون", nameEn: "Internal test", kinds: ["complaint"], public: false });
  const register = async (over: Record<string, unknown>) =>
    (await h.trpc<{ trackingCode: string }>("request.create", operator, { idempotencyKey: randomUUID(), channel: "phone", attributes: {}, citizen: { name: CITIZEN.name, mobile: CITIZEN.mobile, nationalId: CITIZEN.nationalId }, lat: 35.82, lon: 51.101, ...over })).trackingCode;
  privateCode = await register({ kind: "complaint", categoryId: privateCategory.id, description: "موضوع داخلی که نباید بیرون برود" });
  corruptionCode = await register({ kind: "corruption_report", categoryId: await h.categoryId("tehran", "corruption"), description: "گزارش فساد محرمانه" });
  operatorCode = await register({ kind: "complaint", categoryId: await h.categoryId("tehran", "waste.collection"), attributes: { waste_type: "bulky" }, description: "مبل کهنه کنار جوی؛ با شمارهٔ ۰۹۳۵ ۱۱۱ ۲۲۳۳ تماس بگیرید" });
  const shiraz = await h.post(`${S}/requests.json`, { api_key: shirazKey.secret, service_code: "waste.collection", lat: "29.61", long: "52.53", "attribute[waste_type]": "household", description: "زباله در شیراز" });
  expect(shiraz.status, shiraz.text).toBe(200);
  shirazCode = created(shiraz.text);
});
afterAll(() => h?.close());

describe("discovery", () => {
  it("describes each city's endpoint, in both formats", async () => {
    const { json } = await h.both(`${T}/discovery`, "discovery", "discovery");
    const d = json as Obj;
    expect((d.endpoints as Obj[])[0]).toMatchObject({ url: "http://localhost/open311/v2/tehran", type: "production", formats: ["text/xml", "application/json"] });
    expect(d.changeset).toMatch(/\+03:30$/);
    expect(d.contact).toContain("137");
  });

  it("on the shared base: the shared endpoint, or the city's with jurisdiction_id", async () => {
    const shared = (await h.both("/open311/v2/discovery", "discovery", "discovery")).json as Obj;
    expect((shared.endpoints as Obj[])[0]!.url).toBe("http://localhost/open311/v2");
    const shiraz = (await h.both("/open311/v2/discovery?jurisdiction_id=shiraz", "discovery", "discovery")).json as Obj;
    expect(shiraz.contact).toContain("شیراز");
    // no suffix: XML, the spec's required format
    const bare = await h.get(T);
    expect(bare.type).toBe("text/xml; charset=utf-8");
    expect(readXml(bare.text).root).toBe("discovery");
  });

  it("an unknown city is 404, in the asked format", async () => {
    await getBoth((f) => `/open311/v2/atlantis/discovery.${f}`, 404, "atlantis");
    await getBoth((f) => `/open311/v2/services.${f}?jurisdiction_id=atlantis`, 404, "atlantis");
  });
});

describe("services", () => {
  it("lists the city's public leaf categories as realtime services, in both formats", async () => {
    const list = (await h.both(`${T}/services`, "services", "services")).json as Obj[];
    const codes = list.map((s) => s.service_code);
    expect(list.find((s) => s.service_code === "waste.collection")).toEqual({
      service_code: "waste.collection",
      service_name: "جمع‌آوری زباله",
      description: null,
      metadata: true,
      type: "realtime",
      keywords: "Garbage collection",
      group: "پسماند",
    });
    expect(list.find((s) => s.service_code === "roads.signs")).toMatchObject({ metadata: false });
    // groups are not services; private categories and corruption reports never appear
    for (const hidden of ["waste", "urban", "corruption", "test.private"]) expect(codes).not.toContain(hidden);
    expect(codes.length).toBeGreaterThan(15);
  });

  it("speaks English with locale=en and serves the shared base by jurisdiction_id", async () => {
    const en = (await h.both(`${T}/services?locale=en`, "services", "services")).json as Obj[];
    expect(en.find((s) => s.service_code === "waste.collection")).toMatchObject({ service_name: "Garbage collection", group: "Waste", keywords: "جمع‌آوری زباله" });
    const shared = (await h.both("/open311/v2/services?jurisdiction_id=tehran", "services", "services")).json as Obj[];
    expect(shared.map((s) => s.service_code)).toEqual(en.map((s) => s.service_code));
    await getBoth((f) => `/open311/v2/services.${f}`, 400, "jurisdiction_id");
  });

  it("defines a service's attributes from the category's questions", async () => {
    const def = (await h.both(`${T}/services/waste.collection`, "service-definition", "service_definition")).json as Obj;
    expect(def).toEqual({
      service_code: "waste.collection",
      attributes: [
        {
          variable: true,
          code: "waste_type",
          datatype: "singlevaluelist",
          required: true,
          datatype_description: "یکی از کلیدهای values",
          order: 1,
          description: "نوع پسماند",
          values: [
            { key: "household", name: "خانگی" },
            { key: "commercial", name: "تجاری" },
            { key: "bulky", name: "حجیم (مبلمان و لوازم)" },
          ],
        },
      ],
    });
    const plain = (await h.both(`${T}/services/roads.signs`, "service-definition", "service_definition")).json as Obj;
    expect(plain).toEqual({ service_code: "roads.signs", attributes: [] });
    // the shared base takes the code in the path too
    await h.both("/open311/v2/services/animals?jurisdiction_id=tehran", "service-definition", "service_definition");
  });

  it("an unknown, private, corruption or group service is 404", async () => {
    for (const code of ["no.such.service", "test.private", "corruption", "waste"]) await getBoth((f) => `${T}/services/${code}.${f}`, 404, code);
  });
});

describe("POST requests", () => {
  it("registers a request and answers with its tracking code, in both formats", async () => {
    const j = await h.post(`${T}/requests.json`, garbage({ account_id: "acct-77" }));
    expect(j.status, j.text).toBe(200);
    const body = JSON.parse(j.text) as Json;
    expectSchema("post-response", body);
    expect(body).toEqual([{ service_request_id: expect.stringMatching(/^\d{9}$/), service_notice: null, account_id: "acct-77" }]);

    const x = await h.post(`${T}/requests.xml`, garbage());
    expect(x.status, x.text).toBe(200);
    expect(x.type).toBe("text/xml; charset=utf-8");
    const xml = readXml(x.text);
    expect(xml.root).toBe("service_requests");
    expect(xml.body).toEqual([{ service_request_id: expect.stringMatching(/^\d{9}$/), service_notice: "", account_id: "" }]);
  });

  it("goes through the same intake as every channel: routing, deadline, timeline, the citizen's SMS in the outbox", async () => {
    const res = await h.post(`${T}/requests.json`, garbage({ phone: "+98 912 123 4567", first_name: "رضا", last_name: "کریمی", email: "reza@example.org", device_id: "dev-1", media_url: "https://photos.example.org/p/1.jpg" }));
    expect(res.status, res.text).toBe(200);
    const code = created(res.text);
    const full = await h.trpc<Record<string, unknown> & { timeline: Array<{ type: string; toStatus: string; data: unknown }> }>("request.get", await h.token("tehran.supervisor"), { trackingCode: code }, "GET");
    expect(full).toMatchObject({ channel: "open311", kind: "request", status: "referred", citizenName: "رضا کریمی", citizenMobile: "09121234567", attributes: { waste_type: "household" } });
    expect(full.unitId).toBeTruthy();
    expect(full.deadline).toBeTruthy();
    expect(full.timeline.map((e) => [e.type, e.toStatus])).toEqual([["registered", "registered"], ["referred", "referred"]]);
    expect(full.timeline[0]!.data).toEqual({ channel: "open311" });
    const [sms] = await h.owner.query<{ topic: string; payload: { mobile: string; trackingCode: string } }>("select topic, payload from outbox where payload->>'requestId' = $1", [full.id as string]);
    expect(sms).toMatchObject({ topic: "sms.request_registered", payload: { mobile: "09121234567", trackingCode: code } });
    const [extra] = await h.owner.query<Record<string, string>>("select api_key_id, media_url, email, device_id from open311_requests where request_id = $1", [full.id as string]);
    expect(extra).toEqual({ api_key_id: tehranKey.id, media_url: "https://photos.example.org/p/1.jpg", email: "reza@example.org", device_id: "dev-1" });
    const keys = await h.trpc<Array<{ id: string; lastUsedAt: string | null }>>("apiKey.list", await h.token("tehran.admin"), undefined, "GET");
    expect(keys.find((k) => k.id === tehranKey.id)!.lastUsedAt).toBeTruthy();
  });

  it("takes a location as address_string, and the city as jurisdiction_id on the shared base", async () => {
    const res = await h.post("/open311/v2/requests.json", { api_key: tehranKey.secret, jurisdiction_id: "tehran", service_code: "roads.potholes", address_string: "خیابان ولیعصر، نرسیده به پارک ملت", "attribute[size]": "large", description: "چالهٔ بزرگ" });
    expect(res.status, res.text).toBe(200);
    const full = await h.trpc<Record<string, unknown>>("request.get", await h.token("tehran.supervisor"), { trackingCode: created(res.text) }, "GET");
    expect(full).toMatchObject({ address: "خیابان ولیعصر، نرسیده به پارک ملت", lat: null, attributes: { size: "large" } });
  });

  it("a retried identical POST returns the same service_request_id; another body is another request", async () => {
    const fields = garbage();
    const first = created((await h.post(`${T}/requests.json`, fields)).text);
    const again = await h.post(`${T}/requests.xml`, fields);
    expect(readXml(again.text).body).toEqual([{ service_request_id: first, service_notice: "", account_id: "" }]);
    const other = created((await h.post(`${T}/requests.json`, { ...fields, description: `${fields.description as string} (دوباره)` })).text);
    expect(other).not.toBe(first);
    const [row] = await h.owner.query<{ n: number }>("select count(*)::int as n from requests where tracking_code = $1", [first]);
    expect(row!.n).toBe(1);
  });

  it("refuses a missing, wrong or revoked api_key with 403", async () => {
    await postBoth((f) => `${T}/requests.${f}`, garbage({ api_key: undefined }), 403, "api_key");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ api_key: "c137o311_not-a-real-key" }), 403, "api_key");
    const spare = await h.newKey("tehran", "to revoke");
    expect((await h.post(`${T}/requests.json`, garbage({ api_key: spare.secret }))).status).toBe(200); // control
    await h.trpc("apiKey.revoke", await h.token("tehran.admin"), { id: spare.id });
    await postBoth((f) => `${T}/requests.${f}`, garbage({ api_key: spare.secret }), 403, "api_key");
  });

  it("404 for an unknown, private or corruption service; 400 without service_code", async () => {
    for (const code of ["no.such.service", "test.private", "corruption", "waste"]) await postBoth((f) => `${T}/requests.${f}`, garbage({ service_code: code }), 404, code);
    await postBoth((f) => `${T}/requests.${f}`, garbage({ service_code: undefined }), 400, "service_code");
    await postBoth((f) => `/open311/v2/atlantis/requests.${f}`, garbage(), 404, "atlantis");
  });

  it("400 for a missing or half location, a bad attribute, a bad phone, e-mail or media_url", async () => {
    await postBoth((f) => `${T}/requests.${f}`, garbage({ lat: undefined, long: undefined }), 400, "lat");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ long: undefined }), 400, "long");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ lat: "north" }), 400, "lat");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ lat: undefined, long: undefined, address_id: "A-17" }), 400, "address_id");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ "attribute[waste_type]": "plutonium" }), 400, "waste_type");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ "attribute[waste_type]": undefined }), 400, "waste_type");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ phone: "021 8888 7777" }), 400, "phone");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ email: "not an address" }), 400, "email");
    await postBoth((f) => `${T}/requests.${f}`, garbage({ media_url: "javascript:alert(1)" }), 400, "media_url");
    await postBoth((f) => `${T}/requests.${f}?locale=en`, garbage({ description: "x".repeat(4001) }), 400, "4,000 characters");
    await postBoth((f) => `${T}/requests.${f}?locale=en`, garbage({ jurisdiction_id: "shiraz" }), 400, "jurisdiction_id");
    // several problems at once, each its own <error>
    const errors = await expectError(await h.post(`${T}/requests.json?locale=en`, garbage({ phone: "12", email: "nope" })), "json", 400);
    expect(errors).toHaveLength(2);
    // a JSON body is not a form
    const res = await h.app.request(`${T}/requests.xml`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(garbage()) });
    await expectError({ status: res.status, type: res.headers.get("content-type"), text: await res.text() }, "xml", 400);
  });

  it("limits POSTs per key: past the limit 429 in the spec's format, another key unaffected", async () => {
    const context = createContextFactory({ db: h.db });
    const limited = new Hono().route("/open311/v2", open311Routes({ context, requestInfo: () => ({ token: null, ip: null }), log: createLogger("silent"), trustProxy: false, postLimiter: new RateLimiter(2, 60_000) }));
    const post = async (path: string, fields: Fields) => {
      const res = await limited.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: h.form(fields).toString() });
      return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
    };
    const other = await h.newKey("tehran", "other app");
    expect((await post(`${T}/requests.json`, garbage())).status).toBe(200);
    expect((await post(`${T}/requests.json`, garbage())).status).toBe(200);
    await expectError(await post(`${T}/requests.json`, garbage()), "json", 429, "api_key");
    await expectError(await post(`${T}/requests.xml`, garbage()), "xml", 429);
    expect((await post(`${T}/requests.json`, garbage({ api_key: other.secret }))).status).toBe(200);
  });
});

describe("GET requests", () => {
  it("lists the last 90 days, newest first, in both formats; service_request_id, service_code, status and paging filter", async () => {
    const mine = created((await h.post(`${T}/requests.json`, garbage({ media_url: "https://photos.example.org/p/2.jpg" }))).text);
    const list = (await h.both(`${T}/requests`, "requests", "service_requests")).json as Obj[];
    expect(list[0]).toMatchObject({ service_request_id: mine, status: "open", service_code: "waste.collection", service_name: "جمع‌آوری زباله", media_url: "https://photos.example.org/p/2.jpg", lat: 35.82, long: 51.101 });
    expect(list[0]!.agency_responsible).toEqual(expect.any(String));
    expect(list[0]!.expected_datetime).toMatch(/\+03:30$/);
    expect(list.map((r) => r.service_request_id)).toContain(operatorCode);

    const byIds = (await h.both(`${T}/requests?service_request_id=${mine},${operatorCode},${shirazCode}&status=closed`, "requests", "service_requests")).json as Obj[];
    expect(byIds.map((r) => r.service_request_id).sort()).toEqual([mine, operatorCode].sort());
    const potholes = (await h.both(`${T}/requests?service_code=roads.potholes`, "requests", "service_requests")).json as Obj[];
    expect(potholes.length).toBeGreaterThan(0);
    expect(potholes.every((r) => r.service_code === "roads.potholes")).toBe(true);
    // a group's code takes in its children
    const waste = (await h.both(`${T}/requests?service_code=waste&status=open`, "requests", "service_requests")).json as Obj[];
    expect(waste.map((r) => r.service_request_id)).toContain(mine);
    expect((await h.both(`${T}/requests?status=closed`, "requests", "service_requests")).json).toEqual([]);
    const page2 = (await h.both(`${T}/requests?page_size=1&page=2`, "requests", "service_requests")).json as Obj[];
    expect(page2).toEqual([list[1]]);
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
    const ranged = (await h.both(`${T}/requests?start_date=${iso(now - 3_600_000)}&end_date=${encodeURIComponent(iso(now + 60_000))}`, "requests", "service_requests")).json as Obj[];
    expect(ranged.length).toBe(list.length);
    expect((await h.both(`${T}/requests?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B03:30`, "requests", "service_requests")).json).toEqual([]);
  });

  it("a single request by id in both formats; unknown, malformed and another city's ids are 404", async () => {
    const one = (await h.both(`${T}/requests/${operatorCode}`, "requests", "service_requests")).json as Obj[];
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ service_request_id: operatorCode, status: "open", service_code: "waste.collection" });
    await getBoth((f) => `${T}/requests/${shirazCode}.${f}`, 404, shirazCode);
    await getBoth((f) => `${T}/requests/123456789.${f}`, 404);
    await getBoth((f) => `${T}/requests/not-a-code.${f}`, 404);
    // the same Shiraz request on its own city's base (control)
    expect((await h.both(`${S}/requests/${shirazCode}`, "requests", "service_requests")).json).toHaveLength(1);
  });

  it("400 for a span over 90 days, an end before the start, a bad date, status, page or service_code", async () => {
    await getBoth((f) => `${T}/requests.${f}?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z&locale=en`, 400, "more than 90 days");
    // exactly 90 days is allowed
    await h.both(`${T}/requests?start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:00Z`, "requests", "service_requests");
    await getBoth((f) => `${T}/requests.${f}?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z`, 400, "end_date");
    await getBoth((f) => `${T}/requests.${f}?start_date=yesterday`, 400, "start_date");
    await getBoth((f) => `${T}/requests.${f}?status=pending`, 400, "status");
    await getBoth((f) => `${T}/requests.${f}?page_size=5000`, 400, "page_size");
    await getBoth((f) => `${T}/requests.${f}?page=0`, 400, "page");
    await getBoth((f) => `${T}/requests.${f}?service_code=no.such`, 400, "no.such");
    await getBoth((f) => `${T}/servicerequestupdates.${f}?start_date=2026-01-01&end_date=2026-06-01&locale=en`, 400, "more than 90 days");
    await getBoth((f) => `${T}/requests.${f}?service_code=test.private`, 400, "test.private");
  });
});

describe("what Open311 never shows", () => {
  it("private categories and corruption reports appear neither in lists nor by id", async () => {
    const { json, xmlText } = await h.both(`${T}/requests`, "requests", "service_requests");
    const codes = (json as Obj[]).map((r) => r.service_request_id);
    expect(codes).not.toContain(privateCode);
    expect(codes).not.toContain(corruptionCode);
    expect(xmlText).not.toContain(privateCode);
    for (const code of [privateCode, corruptionCode]) await getBoth((f) => `${T}/requests/${code}.${f}`, 404);
    const ids = (await h.both(`${T}/requests?service_request_id=${privateCode},${corruptionCode}`, "requests", "service_requests")).json;
    expect(ids).toEqual([]);
    const updates = await h.both(`${T}/servicerequestupdates`, "service-request-updates", "service_request_updates");
    expect(updates.jsonText).not.toContain(privateCode);
    expect(updates.jsonText).not.toContain(corruptionCode);
  });

  it("no citizen's name, mobile, national id or e-mail, in either format, even written into the description", async () => {
    await h.post(`${T}/requests.json`, garbage({ first_name: "Maryam", last_name: "Ahmadi", phone: "0935 111 2233", email: CITIZEN.email }));
    const mobileSpellings = ["09351112233", "9351112233", "0935 111 2233", "۰۹۳۵ ۱۱۱ ۲۲۳۳", "۰۹۳۵۱۱۱۲۲۳۳"];
    for (const path of [`${T}/requests`, `${T}/requests/${operatorCode}`, `${T}/servicerequestupdates`]) {
      const schema = path.endsWith("servicerequestupdates") ? "service-request-updates" : "requests";
      const root = path.endsWith("servicerequestupdates") ? "service_request_updates" : "service_requests";
      const { jsonText, xmlText } = await h.both(path, schema, root);
      for (const text of [jsonText, xmlText]) {
        for (const secret of [CITIZEN.name, "Maryam", "Ahmadi", CITIZEN.nationalId, CITIZEN.email, ...mobileSpellings]) expect(text, `${path}: ${secret}`).not.toContain(secret);
      }
    }
    const one = (await h.both(`${T}/requests/${operatorCode}`, "requests", "service_requests")).json as Obj[];
    expect(one[0]!.description).toBe("مبل کهنه کنار جوی؛ با شمارهٔ *** تماس بگیرید");
  });
});

describe("isolation between cities", () => {
  it("a Tehran key cannot create in Shiraz, on Shiraz's base or the shared one; Shiraz's own key can", async () => {
    const shirazForm = { service_code: "waste.collection", lat: "29.61", long: "52.53", "attribute[waste_type]": "household", description: "آزمون جداسازی" };
    await postBoth((f) => `${S}/requests.${f}`, { ...shirazForm, api_key: tehranKey.secret }, 403, "api_key");
    await postBoth((f) => `/open311/v2/requests.${f}`, { ...shirazForm, api_key: tehranKey.secret, jurisdiction_id: "shiraz" }, 403, "api_key");
    const ok = await h.post(`${S}/requests.json`, { ...shirazForm, api_key: shirazKey.secret });
    expect(ok.status, ok.text).toBe(200);
    const [row] = await h.owner.query<{ n: number }>("select count(*)::int as n from requests r join tenants t on t.id = r.tenant_id where t.slug = 'shiraz' and r.description = 'آزمون جداسازی'");
    expect(row!.n).toBe(1);
  });

  it("Tehran's base does not read Shiraz's requests, nor Shiraz's Tehran's", async () => {
    const tehranCodes = ((await h.both(`${T}/requests`, "requests", "service_requests")).json as Obj[]).map((r) => r.service_request_id);
    const shirazCodes = ((await h.both(`${S}/requests`, "requests", "service_requests")).json as Obj[]).map((r) => r.service_request_id);
    expect(shirazCodes).toContain(shirazCode);
    expect(tehranCodes).not.toContain(shirazCode);
    expect(shirazCodes).not.toContain(operatorCode);
    await getBoth((f) => `${S}/requests/${operatorCode}.${f}`, 404);
    await getBoth((f) => `/open311/v2/requests/${operatorCode}.${f}?jurisdiction_id=shiraz`, 404);
    expect((await h.both(`/open311/v2/requests/${operatorCode}?jurisdiction_id=tehran`, "requests", "service_requests")).json).toHaveLength(1);
  });
});

describe("servicerequestupdates and tokens", () => {
  it("lists changes of state, oldest first, in both formats", async () => {
    const code = created((await h.post(`${T}/requests.json`, garbage())).text);
    const updates = (await h.both(`${T}/servicerequestupdates`, "service-request-updates", "service_request_updates")).json as Obj[];
    const mine = updates.filter((u) => u.service_request_id === code);
    expect(mine.map((u) => [u.status, u.external_status_code])).toEqual([["open", "registered"], ["open", "referred"]]);
    const times = updates.map((u) => Date.parse(u.updated_datetime as string));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("no service is batch-type, so every token is 404", async () => {
    await getBoth((f) => `${T}/tokens/12345.${f}`, 404);
    await getBoth((f) => `/open311/v2/tokens/12345.${f}?jurisdiction_id=tehran`, 404);
  });

  it("an unknown resource or format is refused in the spec's format", async () => {
    await getBoth((f) => `${T}/nonsense.${f}`, 404);
    await expectError(await h.get(`${T}/services.html`), "xml", 400, "html");
  });
});

describe("API keys in the console's API", () => {
  it("shows the secret once; the list has the label and prefix, never the secret or its hash", async () => {
    const admin = await h.token("tehran.admin");
    const key = await h.newKey("tehran", "FixMyStreet bridge");
    expect(key.secret).toMatch(/^c137o311_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const listed = await h.trpc<Array<Record<string, unknown>>>("apiKey.list", admin, undefined, "GET");
    const text = JSON.stringify(listed);
    expect(text).not.toContain(key.secret);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "createdBy", "createdByName", "id", "label", "lastUsedAt", "prefix", "revokedAt"]);
    expect(listed.find((k) => k.id === key.id)).toMatchObject({ label: "FixMyStreet bridge", prefix: key.prefix, revokedAt: null, lastUsedAt: null, createdByName: expect.any(String) });
    const [stored] = await h.owner.query<{ key_hash: string }>("select key_hash from api_keys where id = $1", [key.id]);
    expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.key_hash).not.toContain(key.secret);
  });

  it("revoking another city's key is NOT_FOUND and changes nothing; revoking one's own twice keeps the first time", async () => {
    const tehranAdmin = await h.token("tehran.admin");
    const err = await h.trpc("apiKey.revoke", await h.token("shiraz.admin"), { id: tehranKey.id }).catch((e: { data: Record<string, unknown> }) => e.data);
    expect(err).toMatchObject({ code: "NOT_FOUND" });
    expect((await h.post(`${T}/requests.json`, garbage())).status).toBe(200);
    const spare = await h.newKey("tehran", "twice");
    const first = await h.trpc<{ revokedAt: string }>("apiKey.revoke", tehranAdmin, { id: spare.id });
    const second = await h.trpc<{ revokedAt: string }>("apiKey.revoke", tehranAdmin, { id: spare.id });
    expect(second.revokedAt).toBe(first.revokedAt);
    const audit = await h.trpc<Array<{ action: string; targetId: string }>>("audit.list", tehranAdmin, { limit: 100 }, "GET");
    expect(audit.filter((a) => a.targetId === spare.id).map((a) => a.action).sort()).toEqual(["open311.api_key_created", "open311.api_key_revoked"]);
  });
});
