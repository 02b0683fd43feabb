import { z } from "zod";
import { MESSAGE_KINDS, PRIORITIES } from "@city137/core";
import { K, zId, zText } from "./common";

const attribute = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: K.invalid }),
  datatype: z.enum(["string", "text", "number", "datetime", "singlevaluelist", "multivaluelist"]),
  required: z.boolean(),
  order: z.number().int().min(0),
  labelFa: zText(120),
  labelEn: zText(120),
  values: z.array(z.object({ key: z.string().min(1).max(40), nameFa: zText(120), nameEn: zText(120) })).max(100).optional(),
});

export const ZCategoryFields = z.object({
  code: z.string({ error: K.required }).trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: K.invalid }),
  parentId: zId.nullable(),
  nameFa: zText(120),
  nameEn: zText(120),
  descriptionFa: z.string().trim().max(2000).default(""),
  descriptionEn: z.string().trim().max(2000).default(""),
  icon: z.string().trim().max(40).nullable().default(null),
  kinds: z.array(z.enum(MESSAGE_KINDS, { error: K.invalid })).min(1, { error: K.required }),
  priority: z.enum(PRIORITIES).default("normal"),
  slaMinutes: z.number().int().positive({ error: "errors.routing.slaNotPositive" }).nullable().default(null),
  public: z.boolean().default(true),
  externalAgency: z.string().trim().max(60).nullable().default(null),
  attributes: z
    .array(attribute)
    .max(30)
    .default([])
    .refine((a) => new Set(a.map((x) => x.code)).size === a.length, { error: "errors.category.duplicateAttribute" })
    .refine((a) => a.every((x) => !x.datatype.endsWith("valuelist") || (x.values?.length ?? 0) > 0), { error: "errors.category.listNeedsValues" }),
});
export const ZCreateCategoryInput = ZCategoryFields;
export const ZUpdateCategoryInput = ZCategoryFields.extend({ id: zId });
export const ZSetCategoryActiveInput = z.object({ id: zId, active: z.boolean() });
export const ZImportCategoriesInput = z.object({
  format: z.enum(["csv", "json"]),
  text: z.string({ error: K.required }).min(1, { error: K.required }).max(5_000_000, { error: K.tooLong }),
  dryRun: z.boolean().default(true),
});
export const ZExportCategoriesInput = z.object({ format: z.enum(["csv", "json"]) });

export const ZUnitFields = z.object({
  code: z.string({ error: K.required }).trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: K.invalid }),
  kind: z.enum(["hq", "region_office", "district_office", "organisation", "external_agency"], { error: K.invalid }),
  nameFa: zText(120),
  nameEn: zText(120),
  areaId: zId.nullable().default(null),
  parentUnitId: zId.nullable().default(null),
  contactPhone: z.string().trim().max(20).nullable().default(null),
  contactEmail: z.email({ error: K.invalid }).nullable().default(null),
});
export const ZCreateUnitInput = ZUnitFields;
export const ZUpdateUnitInput = ZUnitFields.extend({ id: zId });
export const ZSetUnitActiveInput = z.object({ id: zId, active: z.boolean() });
