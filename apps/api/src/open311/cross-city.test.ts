import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCES, SHARED_SUBRESOURCES } from "./routes";
import { open311Harness, type Open311Harness } from "./testing";

/**
 * Open311 across cities: every resource (and sub-resource) of the router is
 * asked on Shiraz's base with Tehran's ids, codes and API key. Shiraz's
 * answers name nothing of Tehran's; Tehran's own base, the control, does.
 * A resource added to the router without a probe here fails the first test.
 */
let h: Open311Harness;
let tehranKey: string;
let shirazKey: string;
let tehranCode: string;
const T = "/open311/v2/tehran";
const S = "/open311/v2/shiraz";
const ONLY_TEHRAN = "cross.tehran-only";
const form = { service_code: "waste.collection", lat: "29.61", long: "52.53", "attribute[waste_type]": "household", description: "آزمون میان‌شهری" };

beforeAll(async () => {
  h = await open311Harness();
  tehranKey = (await h.newKey("tehran")).secret;
  shirazKey = (await h.newKey("shiraz")).secret;
  await h.trpc("category.create", await h.token("tehran.admin"), { code: ONLY_TEHRAN, parentId: null, nameFa: "فقط تهران", nameEn: "Tehran only", kinds: ["request"] });
  tehranCode = (
    await h.trpc<{ trackingCode: string }>("request.create", await h.token("tehran.operator"), {
      idempotencyKey: randomUUID(),
      kind: "complaint",
      channel: "phone",
      categoryId: await h.categoryId("tehran", "waste.collection"),
      attributes: { waste_type: "household" },
      description: "زباله جمع نشده",
      lat: 35.82,
      lon: 51.101,
    })
  ).trackingCode;
});
afterAll(() => h?.close());

interface Probe {
  /** Shiraz's base asked with Tehran's references: status, and nothing of Tehran's in the text. */
  probe: () => Promise<{ status: number; text: string }>;
  status: number;
  /** What the caller sent and a 404 may quote back ("no request 123"): not a leak. */
  echoes?: () => string[];
  /** The same reference on Tehran's own base is found (proves the probe can fail). */
  control?: () => Promise<{ status: number; text: string }>;
}

const PROBES: Record<string, Probe[]> = {
  discovery: [{ probe: () => h.get(`${S}/discovery.json`), status: 200, control: () => h.get(`${T}/discovery.json`) }],
  services: [{ probe: () => h.get(`${S}/services.json`), status: 200, control: () => h.get(`${T}/services.json`) }],
  "services/{code}": [
    { probe: () => h.get(`${S}/services/${ONLY_TEHRAN}.json`), status: 404, echoes: () => [ONLY_TEHRAN], control: () => h.get(`${T}/services/${ONLY_TEHRAN}.json`) },
    { probe: () => h.get(`/open311/v2/services/${ONLY_TEHRAN}.json?jurisdiction_id=shiraz`), status: 404, echoes: () => [ONLY_TEHRAN] },
  ],
  requests: [
    { probe: () => h.get(`${S}/requests.json?service_request_id=${tehranCode}`), status: 200, control: () => h.get(`${T}/requests.json?service_request_id=${tehranCode}`) },
    { probe: () => h.get(`/open311/v2/requests.json?jurisdiction_id=shiraz&service_request_id=${tehranCode}`), status: 200 },
    // POST with Tehran's key on Shiraz's base and on the shared base naming Shiraz
    { probe: () => h.post(`${S}/requests.json`, { ...form, api_key: tehranKey }), status: 403, control: () => h.post(`${S}/requests.json`, { ...form, api_key: shirazKey }) },
    { probe: () => h.post(`/open311/v2/requests.json`, { ...form, jurisdiction_id: "shiraz", api_key: tehranKey }), status: 403 },
  ],
  "requests/{id}": [
    { probe: () => h.get(`${S}/requests/${tehranCode}.json`), status: 404, echoes: () => [tehranCode], control: () => h.get(`${T}/requests/${tehranCode}.json`) },
    { probe: () => h.get(`/open311/v2/requests/${tehranCode}.json?jurisdiction_id=shiraz`), status: 404, echoes: () => [tehranCode] },
  ],
  servicerequestupdates: [{ probe: () => h.get(`${S}/servicerequestupdates.json`), status: 200, control: () => h.get(`${T}/servicerequestupdates.json`) }],
  "tokens/{token}": [{ probe: () => h.get(`${S}/tokens/${tehranCode}.json`), status: 404, echoes: () => [tehranCode] }],
};

const tehranMarks = () => [tehranCode, ONLY_TEHRAN, "/open311/v2/tehran", "تهران"];

describe("Open311 across cities", () => {
  it("every resource and sub-resource of the router has a probe", () => {
    const served = [...RESOURCES, ...[...SHARED_SUBRESOURCES].map((r) => `${r}/{${r === "services" ? "code" : r === "requests" ? "id" : "token"}}`)].sort();
    expect(Object.keys(PROBES).sort()).toEqual(served);
  });

  for (const [resource, probes] of Object.entries(PROBES)) {
    it(`${resource}: Shiraz's base with Tehran's references`, async () => {
      for (const p of probes) {
        const res = await p.probe();
        expect(res.status, res.text.slice(0, 300)).toBe(p.status);
        for (const mark of tehranMarks().filter((m) => !p.echoes?.().includes(m))) expect(res.text, `Shiraz's answer names Tehran's ${mark}`).not.toContain(mark);
        if (p.control) {
          const ok = await p.control();
          expect(ok.status, ok.text.slice(0, 300)).toBe(200);
          if (p.status !== 403) expect(tehranMarks().some((m) => ok.text.includes(m)), `control names Tehran: ${ok.text.slice(0, 300)}`).toBe(true);
        }
      }
    });
  }
});
