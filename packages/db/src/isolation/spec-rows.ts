import { randomUUID } from "node:crypto";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";

/* The isolation matrix's vocabulary: what a table entry says and the rows entries build on. */

/** Ids inside one city that new rows may point at. */
export interface CityFixture {
  tenantId: string;
  staffId: string;
  unitId: string;
  categoryId: string;
  requestId?: string;
  reportId?: string;
}

export interface TableSpec {
  table: PgTable & { tenantId: AnyPgColumn };
  newRow(f: CityFixture): Record<string, unknown>;
  /** A harmless update touching every selected row. */
  change: Record<string, unknown>;
  /** Column that singles out one row within a city. */
  key: AnyPgColumn;
  /** The row needs a unit nobody else points at (unique per unit). */
  freshUnit?: true;
  /** The row needs a message of the city to hang on. */
  freshRequest?: true;
  /** The row needs a protected report of the city to hang on. */
  freshReport?: true;
  /** The runtime may not update or delete at all (append-only tables). */
  appendOnly?: boolean;
}

export const tag = () => randomUUID().slice(0, 8);
let seq = 1_000_000 + Math.floor(Math.random() * 1e6);
export const requestRow = (f: CityFixture) => {
  seq += 1;
  return {
    tenantId: f.tenantId,
    seq,
    trackingCode: String(seq),
    kind: "complaint",
    categoryId: f.categoryId,
    channel: "phone",
    description: "آزمون",
    searchText: "آزمون",
    priority: "normal",
    status: "registered",
  };
};

export const reportRow = (f: CityFixture) => {
  seq += 1;
  return { tenantId: f.tenantId, number: seq, receiptPrefix: "0000", receiptHash: "x", keyVersion: "test", wrappedKey: "x", body: "x", receivedOn: "2026-01-01", updatedOn: "2026-01-01" };
};

/** The last number handed out (for keys that must differ between runs of the matrix). */
export const seqNow = () => seq;
/** The next number (each call a new one). */
export const nextSeq = () => (seq += 1);
