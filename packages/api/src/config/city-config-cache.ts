import { addWorkingMinutes, compileCalendar, compileTree, type CompiledCalendar, type CompiledTree, type Priority, type RoutingTree } from "@city137/core";
import { categoryPaths, configVersion, getRoutingVersion, listAreas, listCalendars, listCategories, listHolidays, listUnits, officeDirectory, type Tx } from "@city137/db";
import { calendarFor, ROUND_THE_CLOCK } from "../routers/request/deadline";

type Loaded = Awaited<ReturnType<typeof load>>;

/**
 * What intake reads from a city's configuration — categories, units, offices,
 * the published routing tree (compiled), calendars and holidays — kept per
 * city and reused while the city's configuration version has not moved. The
 * version is moved by a database trigger on every configuration write, so a
 * change made through any instance is seen by the next registration on every
 * instance (docs/decisions/014). One cheap lookup replaces six queries and the
 * tree's compilation on each registration.
 */
export class CityConfigCache {
  private readonly entries = new Map<string, CityConfig>();

  async get(tx: Tx, tenantId: string): Promise<CityConfig> {
    const version = await configVersion(tx, { tenantId });
    const hit = this.entries.get(tenantId);
    if (hit && hit.version === version) return hit;
    const fresh = new CityConfig(version, await load(tx, tenantId));
    this.entries.set(tenantId, fresh);
    return fresh;
  }
}

async function load(tx: Tx, tenantId: string) {
  const [categories, units, routing, offices, calendars, holidays, areas] = await Promise.all([
    listCategories(tx, { tenantId }),
    listUnits(tx, { tenantId }),
    getRoutingVersion(tx, { tenantId, status: "published" }),
    officeDirectory(tx, { tenantId }),
    listCalendars(tx, { tenantId }),
    listHolidays(tx, { tenantId }),
    listAreas(tx, { tenantId }),
  ]);
  return { categories, units, routing, offices, calendars, holidays, districts: areas.filter((a) => a.level === "district") };
}

export class CityConfig {
  readonly categoryPaths: Map<string, string[]>;
  readonly tree: CompiledTree | null;
  readonly hqId: string | null;
  private readonly calendars = new Map<string | null, CompiledCalendar>();

  constructor(
    readonly version: number,
    readonly data: Loaded,
  ) {
    this.categoryPaths = categoryPaths(data.categories);
    this.tree = data.routing ? compileTree(data.routing.tree as RoutingTree) : null;
    this.hqId = data.units.find((u) => u.kind === "hq" && u.active)?.id ?? null;
  }

  /**
   * The deadline of work that starts `from`: urgent work counts every minute;
   * other work counts the receiving unit's calendar (else the city's) and the
   * city's holidays.
   */
  deadline(p: { unitId: string | null; priority: Priority; minutes: number; from: Date }): Date {
    if (p.priority === "urgent") return addWorkingMinutes(p.from, p.minutes, ROUND_THE_CLOCK);
    const { key, config } = calendarFor(this.data.calendars, this.data.holidays, p.unitId);
    let compiled = this.calendars.get(key);
    if (!compiled) this.calendars.set(key, (compiled = compileCalendar(config)));
    return addWorkingMinutes(p.from, p.minutes, compiled);
  }
}

const byDistrictCache = new WeakMap<object, CityConfigCache>();

/** One configuration cache per API context factory (it lives beside that factory's district cache, one per database). */
export function configCacheFor(owner: object): CityConfigCache {
  let cache = byDistrictCache.get(owner);
  if (!cache) byDistrictCache.set(owner, (cache = new CityConfigCache()));
  return cache;
}
