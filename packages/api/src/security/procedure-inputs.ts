/**
 * The fields of a procedure's input that name a row or carry a secret (ids,
 * tracking codes, receipts, QR codes, session and invitation tokens), read
 * from its zod schema so that a new procedure is found without being listed.
 * Test support for the cross-city suite; not used at run time.
 */
const REFERENCE = /(^|\.)(id|ids|\w+Id|\w+Ids|trackingCode|receipt|code|qr|session|token)$/;
/** Not a reference to a row: a citizen's national id number. */
const NOT_A_ROW = /(^|\.)nationalId$/;

interface ZodLike {
  shape?: Record<string, ZodLike>;
  _zod?: { def?: { shape?: Record<string, ZodLike>; innerType?: ZodLike; in?: ZodLike; schema?: ZodLike; options?: ZodLike[]; left?: ZodLike; right?: ZodLike; element?: ZodLike } };
}

function fieldsOf(schema: ZodLike | undefined, prefix: string, depth: number): string[] {
  if (!schema || depth > 6) return [];
  const def = schema._zod?.def;
  const shape = schema.shape ?? def?.shape;
  if (shape) return Object.entries(shape).flatMap(([k, v]) => [prefix + k, ...fieldsOf(v, `${prefix}${k}.`, depth + 1)]);
  const inner = [def?.innerType, def?.in, def?.schema, def?.left, def?.right, def?.element, ...(def?.options ?? [])].filter(Boolean) as ZodLike[];
  return [...new Set(inner.flatMap((s) => fieldsOf(s, prefix, depth + 1)))];
}

/** Every input field path of a procedure (nested objects joined with "."). */
export function inputFields(procedure: unknown): string[] {
  const inputs = ((procedure as { _def?: { inputs?: ZodLike[] } })._def?.inputs ?? []) as ZodLike[];
  return [...new Set(inputs.flatMap((i) => fieldsOf(i, "", 0)))];
}

/** The input fields that name another row or carry a secret. */
export function referenceFields(procedure: unknown): string[] {
  return inputFields(procedure).filter((f) => REFERENCE.test(f) && !NOT_A_ROW.test(f));
}
