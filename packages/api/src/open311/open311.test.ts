import { describe, expect, it } from "vitest";
import type { schema } from "@city137/db";
import { catalogue, kindFor, serviceDefinition } from "./catalogue";
import { dateRange, parseW3c, toW3c } from "./dates";
import { Open311Error } from "./errors";
import { render, toXml } from "./format";
import { hashApiKey, newApiKey } from "./keys";
import { redact } from "./reads";
import { open311IdempotencyKey, Params } from "./service";

type Category = typeof schema.categories.$inferSelect;
let n = 0;
const cat = (code: string, over: Partial<Category> = {}): Category => ({
  tenantId: "t",
  id: `id-${code}`,
  code,
  parentId: null,
  nameFa: `ف-${code}`,
  nameEn: `E-${code}`,
  descriptionFa: "",
  descriptionEn: "",
  icon: null,
  kinds: ["request", "complaint"],
  priority: "normal",
  slaMinutes: null,
  public: true,
  externalAgency: null,
  attributes: [],
  position: n++,
  active: true,
  createdAt: new Date(0),
  ...over,
});

describe("dates", () => {
  it("writes W3C datetimes in Tehran time with its offset", () => {
    expect(toW3c(new Date("2026-11-25T08:00:00Z"))).toBe("2026-11-25T11:30:00+03:30");
    expect(toW3c(new Date("2026-03-20T21:00:00Z"))).toBe("2026-03-21T00:30:00+03:30");
    expect(toW3c(null)).toBeNull();
  });

  it("reads any offset, Tehran's when none is given, and bare dates as Tehran days", () => {
    expect(parseW3c("2010-01-01T00:00:00Z", "start_date").toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(parseW3c("2010-01-01T03:30:00+03:30", "start_date").toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(parseW3c("2010-01-01T03:30:00+0330", "start_date").toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(parseW3c("2010-01-01T03:30", "start_date").toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(parseW3c("2026-11-25", "start_date").toISOString()).toBe("2026-11-24T20:30:00.000Z");
    expect(parseW3c("2026-11-25", "end_date", { endOfDay: true }).toISOString()).toBe("2026-11-25T20:29:59.999Z");
    expect(parseW3c("۲۰۲۶-۱۱-۲۵", "start_date").toISOString()).toBe("2026-11-24T20:30:00.000Z");
    for (const bad of ["yesterday", "2026-02-30", "2026-11-25T25:00:00Z", "1405-09-04x"]) expect(() => parseW3c(bad, "start_date")).toThrow(Open311Error);
  });

  it("defaults to the last 90 days and refuses a longer or reversed span", () => {
    const now = new Date("2026-11-25T08:00:00Z");
    expect(dateRange(undefined, undefined, now)).toEqual({ from: new Date("2026-08-27T08:00:00Z"), to: now });
    expect(dateRange("2026-01-01T00:00:00Z", undefined, now).to).toEqual(new Date("2026-04-01T00:00:00Z"));
    expect(dateRange(undefined, "2026-04-01T00:00:00Z", now).from).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(dateRange("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", now).to).toEqual(new Date("2026-04-01T00:00:00Z"));
    expect(() => dateRange("2026-01-01T00:00:00Z", "2026-04-01T00:00:01Z", now)).toThrow(/dateSpan/);
    expect(() => dateRange("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z", now)).toThrow(/dateOrder/);
  });
});

describe("formats", () => {
  it("XML with the spec's element names, escaped, without characters XML cannot carry; JSON as the Spark convention", () => {
    const doc = { root: "services", body: [{ service_code: "a&b", service_name: "<x> \"q\" 'y'\u0001", metadata: true, group: null, keywords: "" }] };
    expect(toXml(doc)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services>\n  <service>\n    <service_code>a&amp;b</service_code>\n    <service_name>&lt;x&gt; &quot;q&quot; &apos;y&apos;</service_name>\n    <metadata>true</metadata>\n    <group/>\n    <keywords/>\n  </service>\n</services>\n',
    );
    expect(render(doc, "json")).toBe(JSON.stringify(doc.body));
    expect(toXml({ root: "service_requests", body: [] })).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests/>\n');
    expect(toXml({ root: "discovery", body: { endpoints: [{ formats: ["text/xml", "application/json"] }] } })).toContain("      <formats>\n        <format>text/xml</format>\n        <format>application/json</format>\n      </formats>\n");
  });
});

describe("the form", () => {
  it("reads attribute[code] and attribute[code][], and treats empty values as absent", () => {
    const p = new Params([
      ["attribute[size]", "large"],
      ["attribute[hazards][]", "glass"],
      ["attribute[hazards][]", "oil"],
      ["attribute[one][]", "only"],
      ["description", "  "],
      ["status", "open, closed"],
      ["status", "open"],
    ]);
    expect(p.attributes()).toEqual({ size: "large", hazards: ["glass", "oil"], one: ["only"] });
    expect(p.get("description")).toBeUndefined();
    expect(p.list("status")).toEqual(["open", "closed", "open"]);
  });

  it("keys a POST by API key, form and window: a retry matches, another form, key or window does not; the secret is not part of it", () => {
    const form = new Params([
      ["api_key", "c137o311_secret"],
      ["service_code", "x"],
      ["attribute[h][]", "a"],
      ["attribute[h][]", "b"],
    ]);
    const key = open311IdempotencyKey("key-1", form, 7);
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    const reordered = new Params([
      ["attribute[h][]", "a"],
      ["service_code", "x"],
      ["attribute[h][]", "b"],
      ["api_key", "c137o311_rotated"],
    ]);
    expect(open311IdempotencyKey("key-1", reordered, 7)).toBe(key);
    const swapped = new Params([
      ["service_code", "x"],
      ["attribute[h][]", "b"],
      ["attribute[h][]", "a"],
    ]);
    expect(open311IdempotencyKey("key-1", swapped, 7)).not.toBe(key);
    expect(open311IdempotencyKey("key-2", form, 7)).not.toBe(key);
    expect(open311IdempotencyKey("key-1", form, 8)).not.toBe(key);
  });
});

describe("privacy", () => {
  it("blanks phone numbers, national ids and e-mail addresses written into free text, not short numbers", () => {
    expect(redact("با ۰۹۱۲ ۳۴۵ ۶۷۸۹ یا 0912-345-6789 یا +989123456789 تماس بگیرید")).toBe("با *** یا *** یا *** تماس بگیرید");
    expect(redact("کد ملی 0499370899، ایمیل ali.r@example.org")).toBe("کد ملی ***، ایمیل ***");
    expect(redact("پلاک ۱۲، طبقهٔ 3، کوچهٔ 14")).toBe("پلاک ۱۲، طبقهٔ 3، کوچهٔ 14");
  });
});

describe("keys", () => {
  it("are 256 random bits with a recognisable prefix; only the hash is kept", () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.secret).toMatch(/^c137o311_[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(hashApiKey(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBeLessThan(20);
  });
});

describe("the catalogue", () => {
  const root = cat("urban");
  const waste = cat("waste", { parentId: root.id });
  const collection = cat("waste.collection", { parentId: waste.id, attributes: [{ code: "b", datatype: "string", required: false, order: 5, labelFa: "ب", labelEn: "B" }, { code: "a", datatype: "singlevaluelist", required: true, order: 1, labelFa: "الف", labelEn: "A", values: [{ key: "k", nameFa: "ک", nameEn: "K" }] }] });
  const offline = cat("waste.offline", { parentId: waste.id, active: false });
  const secret = cat("internal", { public: false });
  const secretChild = cat("internal.child", { parentId: secret.id });
  const corruption = cat("corruption", { kinds: ["corruption_report"], public: true });
  const general = cat("general", { kinds: ["suggestion", "thanks"] });
  const all = [root, waste, collection, offline, secret, secretChild, corruption, general];

  it("offers public, active leaves that take citizens' messages; keeps private branches out entirely", () => {
    const c = catalogue(all);
    expect(c.services.map((s) => s.code)).toEqual(["waste.collection", "general"]);
    expect(c.visibleIds).not.toContain(secret.id);
    expect(c.visibleIds).not.toContain(secretChild.id);
    expect(c.visibleIds).toContain(offline.id); // its old messages stay readable
    expect(c.visibleIds).toContain(corruption.id); // the category is public; corruption reports are left out by kind
  });

  it("registers as a request where the category takes requests, else its first citizen kind", () => {
    expect(kindFor(collection)).toBe("request");
    expect(kindFor(general)).toBe("suggestion");
  });

  it("numbers attributes from 1 in the category's order", () => {
    const def = serviceDefinition(collection, "en") as { attributes: Array<{ code: string; order: number }> };
    expect(def.attributes.map((a) => [a.code, a.order])).toEqual([["a", 1], ["b", 2]]);
  });
});
