import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe("branding", () => {
  it("a city admin changes the city's colours and name; the public city record shows it at once, audited", async () => {
    const admin = api.caller(await api.signIn("mashhad", "mashhad.admin"));
    const current = await admin.branding.get();
    const { customHost: _c, smsSender: _s, mapTileUrl: _m, mapCenterLat: _la, mapCenterLon: _lo, mapZoom: _z, ...rest } = current;
    await admin.branding.update({ ...rest, nameEn: "Mashhad-e Moqaddas", primaryColor: "#004D40", mapTileUrl: "https://tiles.example.ir/{z}/{x}/{y}.png", mapZoom: 12 });
    expect(await api.caller().city.get({ slug: "mashhad" })).toMatchObject({ nameEn: "Mashhad-e Moqaddas", primaryColor: "#004D40" });
    const entry = (await admin.audit.list({ limit: 10 })).find((e) => e.action === "config.branding_changed");
    expect(entry?.detail).toMatchObject({ before: { nameEn: "Mashhad", primaryColor: "#7A1F3D" }, after: { nameEn: "Mashhad-e Moqaddas", primaryColor: "#004D40" } });
    expect(await api.caller().city.get({ slug: "tehran" })).toMatchObject({ nameEn: "Tehran" }); // another city is untouched
  });

  it("names the field for a bad colour, a scripted logo or a tile URL without {z}/{x}/{y}", async () => {
    const admin = api.caller(await api.signIn("mashhad", "mashhad.admin"));
    const base = { nameFa: "مشهد", nameEn: "Mashhad", primaryColor: "#7A1F3D", secondaryColor: "#D4A017", logoSvg: "<svg/>", shortNumber: "137", defaultLocale: "fa" as const };
    expect(await failure(admin.branding.update({ ...base, primaryColor: "red" }))).toMatchObject({ fieldErrors: { primaryColor: "validation.colour" } });
    expect(await failure(admin.branding.update({ ...base, logoSvg: "<svg onload='alert(1)'/>" }))).toMatchObject({ fieldErrors: { logoSvg: "validation.svg" } });
    expect(await failure(admin.branding.update({ ...base, mapTileUrl: "http://x/tiles.png" }))).toMatchObject({ fieldErrors: { mapTileUrl: "validation.tileUrl" } });
  });
});
