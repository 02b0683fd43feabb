import postgres from "postgres";
import { CityGenerator, loadCity } from "../generate/city";
import { Rng } from "../generate/random";
import { benchUrls } from "../lib/db-urls";

/** Request bodies as an operator's console sends them: a Tehran message with a point, a category, a caller. */
export async function intakeBodies(count: number) {
  const sql = postgres(benchUrls().owner, { max: 1, onnotice: () => {} });
  try {
    const city = await loadCity(sql, "tehran");
    const rng = new Rng("intake");
    const gen = new CityGenerator(city, count, Date.now(), rng);
    const bodies = Array.from({ length: count }, (_, i) => {
      const r = gen.next(i + 1, Date.now(), false);
      return {
        kind: r.kind,
        categoryId: r.categoryId,
        channel: "phone",
        description: r.description,
        attributes: r.attributes,
        lat: r.lat,
        lon: r.lon,
        address: r.address,
        districtId: r.lat === null ? r.districtId : null,
        citizen: { name: r.citizenName, mobile: r.citizenMobile, nationalId: null },
      };
    });
    const [office] = await sql<{ id: string }[]>`select id from units where tenant_id = ${city.tenantId} and code = 'R01-D01-OFFICE'`;
    return { tenantId: city.tenantId, unitId: office!.id, bodies };
  } finally {
    await sql.end();
  }
}

