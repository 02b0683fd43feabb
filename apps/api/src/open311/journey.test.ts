/**
 * The integrator's journey with only the spec in hand, once in XML and once
 * in JSON: discover the city, list its services, read a definition with every
 * datatype, post a request with attributes and a photo URL, read it back,
 * and follow it — as the city's staff resolve and close it through the
 * console's API — to closed, with its status notes and its updates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asXmlValues, expectSchema, open311Harness, readXml, type Json, type Open311Harness } from "./testing";

let h: Open311Harness;
let secret: string;
type Obj = { [key: string]: Json };

beforeAll(async () => {
  h = await open311Harness();
  secret = (await h.newKey("tehran", "journey")).secret;
  // A service whose questions use every Open311 datatype, made the way a city admin makes one.
  await h.trpc("category.create", await h.token("tehran.admin"), {
    code: "test.journey",
    parentId: await h.categoryId("tehran", "urban"),
    nameFa: "آزمون سفر",
    nameEn: "Journey test",
    descriptionEn: "Every kind of question",
    kinds: ["request", "complaint"],
    attributes: [
      { code: "street", datatype: "string", required: true, order: 0, labelFa: "نام کوچه", labelEn: "Street name" },
      { code: "count", datatype: "number", required: false, order: 1, labelFa: "تعداد", labelEn: "How many" },
      { code: "seen_at", datatype: "datetime", required: false, order: 2, labelFa: "زمان دیدن", labelEn: "Seen at" },
      { code: "details", datatype: "text", required: false, order: 3, labelFa: "شرح بیشتر", labelEn: "More details" },
      { code: "severity", datatype: "singlevaluelist", required: true, order: 4, labelFa: "شدت", labelEn: "Severity", values: [{ key: "low", nameFa: "کم", nameEn: "Low" }, { key: "high", nameFa: "زیاد", nameEn: "High" }] },
      { code: "hazards", datatype: "multivaluelist", required: false, order: 5, labelFa: "خطرها", labelEn: "Hazards", values: [{ key: "glass", nameFa: "شیشه", nameEn: "Glass" }, { key: "oil", nameFa: "روغن", nameEn: "Oil" }, { key: "fire", nameFa: "آتش", nameEn: "Fire" }] },
    ],
  });
});
afterAll(() => h?.close());

/** GET in one format, checked against the schema (JSON) or read back as Spark JSON (XML). */
async function read(format: "json" | "xml", path: string, schema: Parameters<typeof expectSchema>[0], root: string) {
  const [base, query] = path.split("?");
  const res = await h.get(`${base}.${format}${query ? `?${query}` : ""}`);
  expect(res.status, res.text.slice(0, 400)).toBe(200);
  if (format === "json") {
    const body = JSON.parse(res.text) as Json;
    expectSchema(schema, body);
    return body;
  }
  const xml = readXml(res.text);
  expect(xml.root).toBe(root);
  return xml.body;
}

for (const format of ["xml", "json"] as const) {
  describe(`the journey in ${format.toUpperCase()}`, () => {
    // In XML every value is text: compare through the same lens.
    const v = (x: Json) => (format === "xml" ? asXmlValues(x) : x);

    it("discover → services → definition → POST → GET → resolved and closed by staff → closed with notes and updates", async () => {
      // 1. Discovery on the shared base names the city's own endpoint.
      const shared = (await read(format, "/open311/v2/discovery?jurisdiction_id=tehran", "discovery", "discovery")) as Obj;
      const endpoint = (shared.endpoints as Obj[])[0]!;
      expect(endpoint.specification).toBe("http://wiki.open311.org/GeoReport_v2");
      const cityDiscovery = (await read(format, "/open311/v2/tehran/discovery", "discovery", "discovery")) as Obj;
      const base = new URL((cityDiscovery.endpoints as Obj[])[0]!.url as string).pathname;
      expect(base).toBe("/open311/v2/tehran");

      // 2. The service list, in English.
      const services = (await read(format, `${base}/services?locale=en`, "services", "services")) as Obj[];
      const service = services.find((s) => s.service_code === "test.journey")!;
      expect(service).toEqual(v({ service_code: "test.journey", service_name: "Journey test", description: "Every kind of question", metadata: true, type: "realtime", keywords: "آزمون سفر", group: "Urban services" }));

      // 3. Its definition: every datatype, in order, with the list values.
      const def = (await read(format, `${base}/services/test.journey?locale=en`, "service-definition", "service_definition")) as Obj;
      const attrs = def.attributes as Obj[];
      expect(attrs.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual(
        [
          ["street", "string", true, 1],
          ["count", "number", false, 2],
          ["seen_at", "datetime", false, 3],
          ["details", "text", false, 4],
          ["severity", "singlevaluelist", true, 5],
          ["hazards", "multivaluelist", false, 6],
        ].map((row) => v(row as Json)),
      );
      expect(attrs[5]!.values).toEqual([{ key: "glass", name: "Glass" }, { key: "oil", name: "Oil" }, { key: "fire", name: "Fire" }]);

      // 4. POST with attributes (a multivalue one as attribute[code][]) and a photo URL.
      const body = new URLSearchParams([
        ["api_key", secret],
        ["service_code", "test.journey"],
        ["lat", "35.82"],
        ["long", "51.101"],
        ["address_string", "کوچهٔ یاس، خیابان ولیعصر"],
        ["description", `شیشه و روغن روی پیاده‌رو (${format})`],
        ["media_url", `https://photos.example.org/journey-${format}.jpg`],
        ["first_name", "سارا"],
        ["phone", "۰۹۱۲۷۶۵۴۳۲۱"],
        ["attribute[street]", "یاس"],
        ["attribute[count]", "۳"],
        ["attribute[seen_at]", "2026-11-25T08:00:00+03:30"],
        ["attribute[details]", "سطر اول\nسطر دوم"],
        ["attribute[severity]", "high"],
        ["attribute[hazards][]", "glass"],
        ["attribute[hazards][]", "oil"],
      ]);
      const posted = await h.post(`${base}/requests.${format}`, body);
      expect(posted.status, posted.text).toBe(200);
      const reply = (format === "json" ? JSON.parse(posted.text) : readXml(posted.text).body) as Obj[];
      if (format === "json") expectSchema("post-response", reply);
      const code = reply[0]!.service_request_id as string;
      expect(code).toMatch(/^\d{9}$/);

      // The city sees the answers as typed values.
      const supervisor = await h.token("tehran.supervisor");
      const staffView = await h.trpc<{ id: string; attributes: unknown; citizenMobile: string; channel: string }>("request.get", supervisor, { trackingCode: code }, "GET");
      // Staff see the client's photo link beside the message.
      expect(staffView).toMatchObject({ mediaUrl: `https://photos.example.org/journey-${format}.jpg` });
      expect(staffView).toMatchObject({ channel: "open311", citizenMobile: "09127654321", attributes: { street: "یاس", count: 3, seen_at: "2026-11-25T04:30:00.000Z", details: "سطر اول\nسطر دوم", severity: "high", hazards: ["glass", "oil"] } });

      // 5. Read it back: open, with its photo, its unit and its deadline.
      const opened = ((await read(format, `${base}/requests/${code}`, "requests", "service_requests")) as Obj[])[0]!;
      expect(opened).toMatchObject(v({ service_request_id: code, status: "open", service_code: "test.journey", address: "کوچهٔ یاس، خیابان ولیعصر", media_url: `https://photos.example.org/journey-${format}.jpg`, status_notes: null }) as Obj);
      expect(opened.agency_responsible).toBeTruthy();
      expect(opened.expected_datetime).toMatch(/\+03:30$/);
      expect(JSON.stringify(opened)).not.toContain("سارا");

      // 6. The city answers and closes it in the console.
      const note = `پیاده‌رو تمیز شد (${format})`;
      await h.trpc("request.transition", supervisor, { id: staffView.id, action: "resolve", note });
      await h.trpc("request.transition", supervisor, { id: staffView.id, action: "close" });

      // 7. Closed, with the answer as its status notes.
      const closed = ((await read(format, `${base}/requests/${code}`, "requests", "service_requests")) as Obj[])[0]!;
      expect(closed).toMatchObject(v({ service_request_id: code, status: "closed", status_notes: note }) as Obj);
      expect(Date.parse(closed.updated_datetime as string)).toBeGreaterThanOrEqual(Date.parse(opened.requested_datetime as string));
      const closedList = (await read(format, `${base}/requests?status=closed&service_code=test.journey`, "requests", "service_requests")) as Obj[];
      expect(closedList.map((r) => r.service_request_id)).toContain(code);

      // 8. Every change of state as an update, oldest first.
      const updates = ((await read(format, `${base}/servicerequestupdates`, "service-request-updates", "service_request_updates")) as Obj[]).filter((u) => u.service_request_id === code);
      expect(updates.map((u) => [u.status, u.external_status_code, u.description])).toEqual(
        [
          ["open", "registered", null],
          ["open", "referred", null],
          ["closed", "resolved", note],
          ["closed", "closed", null],
        ].map((row) => v(row as Json)),
      );
      expect(new Set(updates.map((u) => u.update_id)).size).toBe(4);
    });
  });
}
