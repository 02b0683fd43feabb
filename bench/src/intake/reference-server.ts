/**
 * Child process: the reference server for the intake benchmark. Raw
 * node:http and postgres.js, no framework: parse the JSON body, then one
 * transaction that sets the tenant as withTenant() does (role app_user,
 * app.tenant_id transaction-local) and INSERTs one comparable row into
 * requests. What the platform adds on top of this is its overhead.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { normalizePersian, trackingCode } from "@city137/core";
import postgres from "postgres";
import { benchUrls } from "../lib/db-urls";
import { REFERENCE_SEQ_FROM } from "./constants";


const tenantId = process.env.REF_TENANT_ID!;
const unitId = process.env.REF_UNIT_ID!;
const sql = postgres(benchUrls().app, { max: 10, onnotice: () => {}, connection: { synchronous_commit: "on", application_name: "city137-bench-reference" } });
let seq = REFERENCE_SEQ_FROM;

interface Body {
  idempotencyKey: string;
  kind: string;
  categoryId: string;
  channel: string;
  description: string;
  attributes: Record<string, unknown>;
  lat: number | null;
  lon: number | null;
  districtId: string | null;
  citizen: { name: string | null; mobile: string | null };
}

async function create(b: Body) {
  const n = ++seq;
  const deadline = new Date(Date.now() + 3 * 86_400_000);
  const [row] = await sql.begin(async (tx) => {
    await tx`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${tenantId}, true)`;
    return tx<{ id: string; tracking_code: string }[]>`
      insert into requests (tenant_id, seq, tracking_code, kind, category_id, channel, description, search_text, attributes,
                            lat, lon, district_id, citizen_name, citizen_mobile, priority, status, unit_id, deadline, idempotency_key)
      values (${tenantId}, ${n}, ${trackingCode(tenantId, n)}, ${b.kind}, ${b.categoryId}, ${b.channel}, ${b.description},
              ${normalizePersian(b.description).toLowerCase()}, ${sql.json(b.attributes as never)}, ${b.lat}, ${b.lon}, ${b.districtId},
              ${b.citizen.name}, ${b.citizen.mobile}, 'normal', 'referred', ${unitId}, ${deadline}, ${b.idempotencyKey})
      returning id, tracking_code`;
  });
  return { id: row!.id, trackingCode: row!.tracking_code };
}

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/create") {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    create(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Body).then(
      (out) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out)),
      (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(err)),
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on("SIGTERM", () => {
  server.close();
  void sql.end({ timeout: 5 }).finally(() => process.exit(0));
});
