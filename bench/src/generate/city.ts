import {
  DistrictIndex,
  addWorkingMinutes,
  compileCalendar,
  compileTree,
  iranianWeek,
  normalizePersian,
  route,
  trackingCode,
  type Area,
  type CompiledCalendar,
  type CompiledTree,
  type MessageKind,
  type Priority,
  type RoutingTree,
  type SlaCalendarConfig,
} from "@city137/core";
import type { Sql } from "postgres";
import { CATEGORY_WEIGHTS, CHANNELS, GENERAL_KIND_WEIGHTS, KIND_WEIGHTS, PLACELESS, STORM_BOOST } from "./model";
import { Rng, Weighted } from "./random";
import { timeline, type Timeline } from "./timeline";
import { Callers, address, description, personName } from "./text";

const DEFAULT_SLA_MINUTES = 3 * 8 * 60; // as the API: three working days when no category sets one

interface Category {
  id: string;
  code: string;
  parentId: string | null;
  kinds: MessageKind[];
  priority: Priority;
  slaMinutes: number | null;
  externalAgency: string | null;
  attributes: Array<{ code: string; required: boolean; datatype: string; values?: Array<{ key: string }> }>;
}

/** What the generator needs to know about one seeded city (read as the owner). */
export interface CityConfig {
  tenantId: string;
  slug: string;
  categories: Category[];
  pathOf: Map<string, string[]>;
  districts: Array<{ id: string; regionId: string; bbox: [number, number, number, number] }>;
  index: DistrictIndex;
  tree: CompiledTree;
  routingVersion: { id: string; number: number };
  offices: { districtOffice: (id: string) => string | null; regionOffice: (id: string) => string | null };
  hqUnitId: string;
  calendars: { city: CompiledCalendar; byUnit: Map<string, CompiledCalendar>; urgent: CompiledCalendar };
  staff: { operator: string; unitStaff: string; supervisor: string };
}

export async function loadCity(sql: Sql, slug: string): Promise<CityConfig> {
  const [tenant] = await sql<{ id: string }[]>`select id from tenants where slug = ${slug}`;
  if (!tenant) throw new Error(`city ${slug} is not seeded`);
  const tenantId = tenant.id;
  const categories = await sql<Category[]>`
    select id, code, parent_id as "parentId", kinds, priority, sla_minutes as "slaMinutes", external_agency as "externalAgency", attributes
    from categories where tenant_id = ${tenantId} and active`;
  const byId = new Map(categories.map((c) => [c.id, c]));
  const pathOf = new Map(categories.map((c) => {
    const path: string[] = [];
    for (let x: Category | undefined = c; x; x = x.parentId ? byId.get(x.parentId) : undefined) path.unshift(x.id);
    return [c.id, path] as const;
  }));
  const areas = await sql<Array<{ id: string; level: string; parentId: string | null; boundary: Area["geometry"] | null; minLon: number; minLat: number; maxLon: number; maxLat: number }>>`
    select id, level, parent_id as "parentId", boundary, min_lon as "minLon", min_lat as "minLat", max_lon as "maxLon", max_lat as "maxLat"
    from areas where tenant_id = ${tenantId} and level = 'district' and active and boundary is not null order by code`;
  const districts = areas.map((a) => ({ id: a.id, regionId: a.parentId!, bbox: [a.minLon, a.minLat, a.maxLon, a.maxLat] as [number, number, number, number] }));
  const index = new DistrictIndex(areas.map((a) => ({ id: a.id, regionId: a.parentId, geometry: a.boundary! })));
  const [version] = await sql<Array<{ id: string; number: number; tree: RoutingTree }>>`
    select id, number, tree from routing_versions where tenant_id = ${tenantId} and status = 'published'`;
  if (!version) throw new Error(`city ${slug} has no published routing tree`);
  const units = await sql<Array<{ id: string; kind: string; areaId: string | null }>>`
    select id, kind, area_id as "areaId" from units where tenant_id = ${tenantId} and active`;
  const district = new Map(units.filter((u) => u.kind === "district_office" && u.areaId).map((u) => [u.areaId!, u.id]));
  const region = new Map(units.filter((u) => u.kind === "region_office" && u.areaId).map((u) => [u.areaId!, u.id]));
  const calendars = await sql<Array<{ mode: "business" | "24x7"; week: SlaCalendarConfig["week"]; unitId: string | null }>>`
    select mode, week, unit_id as "unitId" from sla_calendars where tenant_id = ${tenantId}`;
  const holidays = (await sql<Array<{ date: string }>>`select date::text as date from holidays where tenant_id = ${tenantId}`).map((h) => h.date);
  const compile = (c: { mode: "business" | "24x7"; week: SlaCalendarConfig["week"] } | undefined) =>
    compileCalendar({ mode: c?.mode ?? "business", week: c?.week ?? iranianWeek(), holidays });
  const staffRows = await sql<Array<{ id: string; username: string }>>`select id, username from staff where tenant_id = ${tenantId}`;
  const staffId = (key: string) => staffRows.find((s) => s.username === `${slug}.${key}`)!.id;
  return {
    tenantId,
    slug,
    categories,
    pathOf,
    districts,
    index,
    tree: compileTree(version.tree),
    routingVersion: { id: version.id, number: version.number },
    offices: { districtOffice: (id) => district.get(id) ?? null, regionOffice: (id) => region.get(id) ?? null },
    hqUnitId: units.find((u) => u.kind === "hq")!.id,
    calendars: {
      city: compile(calendars.find((c) => c.unitId === null)),
      byUnit: new Map(calendars.filter((c) => c.unitId).map((c) => [c.unitId!, compile(c)])),
      urgent: compileCalendar({ mode: "24x7", week: iranianWeek(), holidays: [] }),
    },
    staff: { operator: staffId("operator"), unitStaff: staffId("unitstaff"), supervisor: staffId("supervisor") },
  };
}

/** A point inside the district's boundary (rejection sampling in its box). */
export function pointInDistrict(city: CityConfig, d: CityConfig["districts"][number], rng: Rng): [number, number] {
  const [w, s, e, n] = d.bbox;
  for (let i = 0; i < 30; i++) {
    const lon = w + rng.next() * (e - w);
    const lat = s + rng.next() * (n - s);
    if (city.index.locate(lon, lat)?.districtId === d.id) return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
  }
  return [(w + e) / 2, (s + n) / 2];
}

/** One generated message: the requests row's values and its timeline. */
export interface GeneratedRequest {
  id: string;
  seq: number;
  trackingCode: string;
  kind: MessageKind;
  categoryId: string;
  channel: string;
  description: string;
  searchText: string;
  attributes: Record<string, unknown>;
  lat: number | null;
  lon: number | null;
  address: string | null;
  districtId: string | null;
  regionId: string | null;
  citizenName: string | null;
  citizenMobile: string | null;
  priority: Priority;
  unitId: string;
  routingRuleId: string | null;
  idempotencyKey: string;
  idempotencyHash: string;
  createdBy: string | null;
  createdAt: number;
  life: Timeline;
}

/**
 * Draws a city's messages in creation order (seq 1, 2, …). Routing, priority
 * and deadlines come from core with the city's own published tree and
 * calendars, exactly as intake computes them.
 */
export class CityGenerator {
  private readonly categories: { normal: Weighted<Category>; storm: Weighted<Category> };
  private readonly districtWeights: Weighted<CityConfig["districts"][number]>;
  private readonly callers: Callers;
  /** Recent message ids per category, for duplicates. */
  private readonly recent = new Map<string, Array<{ id: string; at: number }>>();

  constructor(private readonly city: CityConfig, private readonly messages: number, private readonly end: number, private readonly rng: Rng) {
    const leafOf = (boost: Record<string, number>) =>
      new Weighted(
        city.categories.filter((c) => CATEGORY_WEIGHTS[c.code] !== undefined).map((c) => [c, CATEGORY_WEIGHTS[c.code]! * (boost[c.code] ?? 1)] as const),
      );
    this.categories = { normal: leafOf({}), storm: leafOf(STORM_BOOST) };
    // Some districts are much busier than others.
    this.districtWeights = new Weighted(city.districts.map((d) => [d, rng.logNormal(1, 0.6)] as const));
    this.callers = new Callers(messages, rng);
  }

  get regularCallers() {
    return this.callers.pool;
  }

  next(seq: number, createdAt: number, storm: boolean): GeneratedRequest {
    const { city, rng } = this;
    const category = (storm ? this.categories.storm : this.categories.normal).draw(rng);
    const kind = this.kindFor(category);
    const channel = kind === "corruption_report" ? "web" : CHANNELS.draw(rng);
    const text = description(category.code, rng);

    let lat: number | null = null, lon: number | null = null, districtId: string | null = null, regionId: string | null = null; // prettier-ignore
    if (!PLACELESS.has(category.code)) {
      const d = this.districtWeights.draw(rng);
      districtId = d.id;
      regionId = d.regionId;
      if (rng.chance(0.85)) [lon, lat] = this.pointIn(d);
    }
    const path = city.pathOf.get(category.id)!;
    const at = new Date(createdAt);
    const decision = route(city.tree, { categoryPath: path, kind, channel: channel as never, priority: category.priority, regionId, districtId, at, text }, city.offices);
    const unitId = decision.unitId ?? city.hqUnitId;
    const priority = decision.priority;
    const minutes = decision.slaMinutes ?? this.slaOf(path);
    const calendar = priority === "urgent" ? city.calendars.urgent : (city.calendars.byUnit.get(unitId) ?? city.calendars.city);
    const id = rng.uuid();
    const mobile = this.callers.next(rng, channel === "phone" ? 0.03 : 0.35);
    const phoneCall = channel === "phone" || channel === "direct_session";

    const life = timeline(
      {
        createdAt,
        end: this.end,
        deadlineFrom: (from) => addWorkingMinutes(new Date(from), minutes, calendar).getTime(),
        unitId,
        channel,
        routing: { version: city.routingVersion.number, rule: decision.ruleId },
        externalAgency: category.externalAgency,
        staff: { createdBy: phoneCall ? city.staff.operator : null, ...city.staff },
        original: () => this.original(category.id, createdAt),
      },
      rng,
    );
    this.remember(category.id, id, createdAt);
    return {
      id,
      seq,
      trackingCode: trackingCode(city.tenantId, seq),
      kind,
      categoryId: category.id,
      channel,
      description: text,
      searchText: normalizePersian(text).toLowerCase(),
      attributes: this.attributesFor(category),
      lat,
      lon,
      address: districtId && rng.chance(phoneCall ? 0.8 : 0.3) ? address(rng) : null,
      districtId,
      regionId,
      citizenName: kind === "corruption_report" || rng.chance(0.2) ? null : personName(rng),
      citizenMobile: mobile,
      priority,
      unitId,
      routingRuleId: decision.ruleId,
      idempotencyKey: rng.hex(24),
      idempotencyHash: rng.hex(64),
      createdBy: phoneCall ? city.staff.operator : null,
      createdAt,
      life,
    };
  }

  private readonly kinds = new Map<string, Weighted<MessageKind>>();
  private readonly sla = new Map<string, number>();

  /** A kind the category accepts, by the kind weights. */
  private kindFor(c: Category): MessageKind {
    let w = this.kinds.get(c.id);
    if (!w) {
      const table: Partial<Record<MessageKind, number>> = c.code === "general" ? GENERAL_KIND_WEIGHTS : KIND_WEIGHTS;
      const allowed = c.kinds.filter((k) => table[k] !== undefined);
      w = new Weighted(allowed.length ? allowed.map((k) => [k, table[k]!] as const) : [[c.kinds[0]!, 1] as const]);
      this.kinds.set(c.id, w);
    }
    return w.draw(this.rng);
  }

  /** As the API: the nearest category on the path that sets an SLA. */
  private slaOf(path: string[]): number {
    const leaf = path[path.length - 1]!;
    let minutes = this.sla.get(leaf);
    if (minutes === undefined) {
      minutes = DEFAULT_SLA_MINUTES;
      for (let i = path.length - 1; i >= 0; i--) {
        const m = this.city.categories.find((c) => c.id === path[i])?.slaMinutes;
        if (m && m > 0) {
          minutes = m;
          break;
        }
      }
      this.sla.set(leaf, minutes);
    }
    return minutes;
  }

  private attributesFor(c: Category): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const a of c.attributes) {
      if (a.datatype === "singlevaluelist" && a.values?.length && (a.required || this.rng.chance(0.3))) out[a.code] = this.rng.pick(a.values).key;
      else if (a.datatype === "number" && this.rng.chance(0.3)) out[a.code] = 1 + this.rng.int(6);
    }
    return out;
  }

  private pointIn(d: CityConfig["districts"][number]): [number, number] {
    return pointInDistrict(this.city, d, this.rng);
  }

  private original(categoryId: string, at: number): string | null {
    const list = this.recent.get(categoryId);
    const candidates = list?.filter((r) => at - r.at < 3 * 86_400_000) ?? [];
    return candidates.length ? this.rng.pick(candidates).id : null;
  }

  private remember(categoryId: string, id: string, at: number) {
    let list = this.recent.get(categoryId);
    if (!list) this.recent.set(categoryId, (list = []));
    list.push({ id, at });
    if (list.length > 32) list.shift();
  }
}
