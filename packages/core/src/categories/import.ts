import Papa from "papaparse";
import { MESSAGE_KINDS, PRIORITIES, type MessageKind, type Priority } from "../routing/vocabulary";
import { cleanPersianText } from "../text/normalize";

export interface CategoryRow {
  code: string;
  parentCode: string | null;
  nameFa: string;
  nameEn: string;
  kinds: MessageKind[];
  priority: Priority;
  slaMinutes: number | null;
  public: boolean;
  externalAgency: string | null;
}

export interface RowProblem {
  /** 1-based line of the CSV (the header is line 1), or position in the JSON array from 0. */
  row: number;
  field: string;
  messageKey: string;
}

export const CATEGORY_CSV_COLUMNS = ["code", "parent", "name_fa", "name_en", "kinds", "priority", "sla_minutes", "public", "external_agency"] as const;

/** Parses a CSV export (or a hand-made sheet) into rows plus every problem found. */
export function parseCategoryCsv(text: string): { rows: CategoryRow[]; problems: RowProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const missing = CATEGORY_CSV_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c) && c !== "external_agency" && c !== "public");
  if (missing.length) return { rows: [], problems: missing.map((c) => ({ row: 1, field: c, messageKey: "errors.import.missingColumn" })) };
  return checkRows(parsed.data.map((r) => ({ ...r })), (i) => i + 2);
}

/** The same rows from JSON (an array of objects with the CSV's column names). */
export function parseCategoryJson(text: string): { rows: CategoryRow[]; problems: RowProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { rows: [], problems: [{ row: 0, field: "file", messageKey: "errors.import.notJson" }] };
  }
  if (!Array.isArray(data)) return { rows: [], problems: [{ row: 0, field: "file", messageKey: "errors.import.notArray" }] };
  return checkRows(
    data.map((d) => Object.fromEntries(Object.entries(d ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("|") : v == null ? "" : String(v)]))),
    (i) => i,
  );
}

function checkRows(raw: Array<Record<string, string>>, rowNumber: (i: number) => number) {
  const rows: CategoryRow[] = [];
  const problems: RowProblem[] = [];
  const codes = new Set<string>();
  raw.forEach((r, i) => {
    const row = rowNumber(i);
    const bad = (field: string, messageKey: string) => problems.push({ row, field, messageKey });
    const code = (r.code ?? "").trim();
    if (!code) bad("code", "validation.required");
    else if (codes.has(code)) bad("code", "errors.import.duplicateCode");
    codes.add(code);
    const nameFa = cleanPersianText(r.name_fa ?? "");
    const nameEn = (r.name_en ?? "").trim();
    if (!nameFa) bad("name_fa", "validation.required");
    if (!nameEn) bad("name_en", "validation.required");
    const kinds = (r.kinds ?? "").split(/[|,]/).map((k) => k.trim()).filter(Boolean);
    if (kinds.length === 0) bad("kinds", "validation.required");
    if (kinds.some((k) => !(MESSAGE_KINDS as readonly string[]).includes(k))) bad("kinds", "validation.invalid");
    const priority = ((r.priority ?? "").trim() || "normal") as Priority;
    if (!PRIORITIES.includes(priority)) bad("priority", "validation.invalid");
    const slaText = (r.sla_minutes ?? "").trim();
    const sla = slaText === "" ? null : Number(slaText);
    if (sla !== null && !(Number.isInteger(sla) && sla > 0)) bad("sla_minutes", "errors.routing.slaNotPositive");
    const pub = (r.public ?? "").trim().toLowerCase();
    rows.push({
      code,
      parentCode: (r.parent ?? "").trim() || null,
      nameFa,
      nameEn,
      kinds: kinds as MessageKind[],
      priority,
      slaMinutes: sla,
      public: !(pub === "false" || pub === "0" || pub === "no"),
      externalAgency: (r.external_agency ?? "").trim() || null,
    });
  });
  // Parents must exist in the file or already in the city (checked by the caller), and not loop.
  return { rows, problems };
}

export function categoryRowsToCsv(rows: CategoryRow[]): string {
  return (
    "\uFEFF" +
    Papa.unparse({
      fields: [...CATEGORY_CSV_COLUMNS],
      data: rows.map((r) => [r.code, r.parentCode ?? "", r.nameFa, r.nameEn, r.kinds.join("|"), r.priority, r.slaMinutes ?? "", String(r.public), r.externalAgency ?? ""]),
    })
  );
}
