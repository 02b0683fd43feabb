import { toAsciiDigits } from "../text/digits";

export interface AttributeDefinition {
  code: string;
  datatype: "string" | "text" | "number" | "datetime" | "singlevaluelist" | "multivaluelist";
  required: boolean;
  values?: Array<{ key: string }>;
}

/**
 * Checks the answers to a category's intake questions. Returns the cleaned
 * answers and, per question, what is wrong ("attributes.<code>" → key).
 */
export function checkAttributes(defs: AttributeDefinition[], answers: Record<string, unknown>) {
  const clean: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const d of defs) {
    const raw = answers[d.code];
    const field = `attributes.${d.code}`;
    const empty = raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (d.required) errors[field] = "validation.required";
      continue;
    }
    const keys = new Set((d.values ?? []).map((v) => v.key));
    switch (d.datatype) {
      case "number": {
        const n = Number(toAsciiDigits(String(raw)));
        if (Number.isFinite(n)) clean[d.code] = n;
        else errors[field] = "validation.invalid";
        break;
      }
      case "datetime": {
        const t = Date.parse(String(raw));
        if (Number.isNaN(t)) errors[field] = "validation.invalid";
        else clean[d.code] = new Date(t).toISOString();
        break;
      }
      case "singlevaluelist":
        if (typeof raw === "string" && keys.has(raw)) clean[d.code] = raw;
        else errors[field] = "validation.invalid";
        break;
      case "multivaluelist": {
        const list = Array.isArray(raw) ? raw.map(String) : [String(raw)];
        if (list.every((v) => keys.has(v))) clean[d.code] = [...new Set(list)];
        else errors[field] = "validation.invalid";
        break;
      }
      default: {
        const s = String(raw).trim();
        if (s.length > (d.datatype === "text" ? 4000 : 500)) errors[field] = "validation.tooLong";
        else clean[d.code] = s;
      }
    }
  }
  return { clean, errors };
}
