import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import type { GeneratedRequest } from "./city";

/** One value in COPY's text format: \N for null, backslash escapes for the four special characters. */
function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  const s = typeof v === "number" ? String(v) : v;
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : s;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const REQUEST_COLUMNS = [
  "tenant_id", "id", "seq", "tracking_code", "kind", "category_id", "channel", "description", "search_text", "attributes",
  "lat", "lon", "address", "district_id", "region_id", "citizen_name", "citizen_mobile", "priority", "status", "unit_id",
  "deadline", "routing_version_id", "routing_rule_id", "duplicate_of", "external_agency", "idempotency_key", "idempotency_hash",
  "created_by", "created_at", "updated_at", "resolved_at", "closed_at",
]; // prettier-ignore

export const EVENT_COLUMNS = ["tenant_id", "id", "request_id", "at", "recorded_at", "actor_staff_id", "type", "from_status", "to_status", "unit_id", "note", "data"];

export function requestLine(tenantId: string, routingVersionId: string, r: GeneratedRequest): string {
  const l = r.life;
  return [
    tenantId, r.id, r.seq, r.trackingCode, r.kind, r.categoryId, r.channel, r.description, r.searchText, JSON.stringify(r.attributes),
    r.lat, r.lon, r.address, r.districtId, r.regionId, r.citizenName, r.citizenMobile, r.priority, l.status, r.unitId,
    iso(l.deadline), routingVersionId, r.routingRuleId, l.duplicateOf, l.externalAgency, r.idempotencyKey, r.idempotencyHash,
    r.createdBy, iso(r.createdAt), iso(l.updatedAt), iso(l.resolvedAt), iso(l.closedAt),
  ].map(field).join("\t") + "\n"; // prettier-ignore
}

export function eventLines(tenantId: string, r: GeneratedRequest, id: () => string): string {
  let out = "";
  r.life.events.forEach((e, i) => {
    // recorded_at orders entries that share `at` (registered before referred).
    out += [tenantId, id(), r.id, iso(e.at), iso(e.at + i), e.actor, e.type, e.from, e.to, e.unitId, e.note, JSON.stringify(e.data)].map(field).join("\t") + "\n";
  });
  return out;
}

/** Buffers lines and writes them to a COPY stream in large chunks, honouring back-pressure. */
export class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(private readonly stream: Writable, private readonly chunk = 256 * 1024) {}

  /** Returns a promise only when the stream asked to wait (cheap in the hot loop). */
  write(lines: string, rows = 1): Promise<void> | undefined {
    this.buffer.push(lines);
    this.size += lines.length;
    this.rows += rows;
    return this.size >= this.chunk ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
    if (!ok) await once(this.stream, "drain");
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
