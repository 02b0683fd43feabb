import { describe, expect, it } from "vitest";
import { resources } from "@city137/i18n";
import type { z } from "zod";
import { appRouter } from "../root";

/**
 * A refused input names its field by the field's label (`fields.<name>`, see
 * resolveMessage); without one the reader sees the code's name («stripeSeatPriceId»).
 * Every key of every procedure's input, at any depth, has a label in Persian
 * and in English, so a new input field without one fails here.
 */
type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; left?: z.ZodType; right?: z.ZodType; valueType?: z.ZodType; getter?: () => z.ZodType };

function keysOf(schema: z.ZodType, into: Set<string>, seen = new Set<unknown>()): Set<string> {
  if (!schema || seen.has(schema)) return into;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const walk = (s: z.ZodType | undefined) => s && keysOf(s, into, seen);
  switch (def.type) {
    case "object":
      for (const [key, value] of Object.entries(def.shape ?? {})) {
        into.add(key);
        walk(value);
      }
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      walk(def.innerType);
      break;
    case "pipe":
      walk(def.in);
      walk(def.out);
      break;
    case "array":
      walk(def.element);
      break;
    case "union":
      for (const o of def.options ?? []) walk(o);
      break;
    case "intersection":
      walk(def.left);
      walk(def.right);
      break;
    case "record":
      walk(def.valueType);
      break;
    case "lazy":
      walk(def.getter?.());
      break;
  }
  return into;
}

const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, { _def: { inputs: z.ZodType[] } }> } })._def.procedures);

describe("field labels", () => {
  it("the walk finds the keys of a known input (the check is not vacuous)", () => {
    const create = procedures.find(([path]) => path === "request.create")![1];
    const keys = new Set<string>();
    for (const input of create._def.inputs) keysOf(input, keys);
    expect([...keys]).toEqual(expect.arrayContaining(["idempotencyKey", "categoryId", "description", "mobile"]));
  });

  for (const locale of ["fa", "en"] as const) {
    it(`every input field of every procedure has a ${locale} label`, () => {
      const labels = (resources[locale].common as { fields: Record<string, string> }).fields;
      const missing = new Map<string, string[]>();
      for (const [path, proc] of procedures) {
        const keys = new Set<string>();
        for (const input of proc._def.inputs) keysOf(input, keys);
        for (const key of keys) if (!labels[key]) missing.set(key, [...(missing.get(key) ?? []), path]);
      }
      expect(Object.fromEntries([...missing].map(([k, paths]) => [k, paths.slice(0, 2).join(", ")]))).toEqual({});
    });
  }
});
