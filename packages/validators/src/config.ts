import { z } from "zod";
import { CHANNELS, MESSAGE_KINDS, PRIORITIES, SHIFTS } from "@city137/core";
import { K, zId, zText } from "./common";

const hexColour = z.string({ error: K.required }).regex(/^#[0-9a-fA-F]{6}$/, { error: "validation.colour" });
const optionalText = (max: number) => z.string().trim().max(max, { error: K.tooLong }).nullable().optional();

export const ZUpdateBrandingInput = z.object({
  nameFa: zText(80),
  nameEn: zText(80),
  primaryColor: hexColour,
  secondaryColor: hexColour,
  logoSvg: z
    .string({ error: K.required })
    .max(100_000, { error: K.tooLong })
    .refine((s) => /^\s*<svg[\s>]/i.test(s) && !/<script|on\w+\s*=|javascript:|<foreignObject/i.test(s), { error: "validation.svg" }),
  shortNumber: z.string({ error: K.required }).regex(/^[0-9]{3,6}$/, { error: K.invalid }),
  defaultLocale: z.enum(["fa", "en"], { error: K.invalid }),
  customHost: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{4,253}$)([a-z0-9](-?[a-z0-9])*\.)+[a-z]{2,}$/, { error: K.invalid })
    .nullable()
    .optional(),
  smsSender: z.string().regex(/^[0-9]{4,20}$/, { error: K.invalid }).nullable().optional(),
  mapTileUrl: z
    .string()
    .regex(/^https:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}/, { error: "validation.tileUrl" })
    .nullable()
    .optional(),
  mapCenterLat: z.number().min(-90).max(90).nullable().optional(),
  mapCenterLon: z.number().min(-180).max(180).nullable().optional(),
  mapZoom: z.number().int().min(1).max(19).nullable().optional(),
});
export type UpdateBrandingInput = z.infer<typeof ZUpdateBrandingInput>;

export const ZLocateInput = z.object({
  lat: z.number({ error: K.required }).min(-90, { error: K.invalid }).max(90, { error: K.invalid }),
  lon: z.number({ error: K.required }).min(-180, { error: K.invalid }).max(180, { error: K.invalid }),
});

export const ZImportBoundariesInput = z.object({
  /** The GeoJSON text as uploaded. */
  geojson: z.string({ error: K.required }).min(2, { error: K.required }).max(20_000_000, { error: K.tooLong }),
  /** Only report; change nothing. */
  dryRun: z.boolean().default(true),
});

const idList = z.array(zId).max(500).optional();

export const ZRoutingRule = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  when: z.object({
    categoryIds: idList,
    kinds: z.array(z.enum(MESSAGE_KINDS)).optional(),
    regionIds: idList,
    districtIds: idList,
    channels: z.array(z.enum(CHANNELS)).optional(),
    priorities: z.array(z.enum(PRIORITIES)).optional(),
    shifts: z.array(z.enum(SHIFTS)).optional(),
    timeWindow: z.object({ from: z.string(), to: z.string(), days: z.array(z.number().int()).optional() }).optional(),
    keywords: z.array(z.string().max(100)).max(50).optional(),
  }),
  then: z.object({
    assign: z.discriminatedUnion("type", [
      z.object({ type: z.literal("unit"), unitId: zId }),
      z.object({ type: z.literal("district_office") }),
      z.object({ type: z.literal("region_office") }),
    ]),
    raisePriority: z.boolean().optional(),
    slaMinutes: z.number().int().optional(),
  }),
});

export const ZRoutingTree = z.object({
  rules: z.array(ZRoutingRule).max(2000),
  fallback: ZRoutingRule.shape.then,
});

export const ZSaveRoutingDraftInput = z.object({ tree: ZRoutingTree, note: z.string().trim().max(500).default("") });
export const ZRestoreRoutingInput = z.object({ versionId: zId });

export const ZSimulateRoutingInput = z.object({
  /** Which tree: the live one or the draft. */
  version: z.enum(["published", "draft"]).default("published"),
  categoryId: zId,
  kind: z.enum(MESSAGE_KINDS, { error: K.invalid }),
  channel: z.enum(CHANNELS, { error: K.invalid }),
  priority: z.enum(PRIORITIES).optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  /** ISO instant; defaults to now. */
  at: z.iso.datetime({ offset: true, error: K.invalid }).optional(),
  text: z.string().max(5000).default(""),
});

export const ZReplayRoutingInput = z.object({
  /** How many of the newest messages to replay. */
  limit: z.number({ error: K.invalid }).int({ error: K.invalid }).min(1, { error: K.invalid }).max(20_000, { error: K.invalid }).default(1000),
});

export const ZHolidayYearInput = z.object({ jalaliYear: z.number().int().min(1390).max(1500) });
export const ZSetHolidaysInput = ZHolidayYearInput.extend({
  holidays: z
    .array(
      z.object({
        jm: z.number().int().min(1).max(12),
        jd: z.number().int().min(1).max(31),
        nameFa: zText(120),
        nameEn: z.string().trim().max(120).default(""),
      }),
    )
    .max(60),
});

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: "validation.clock" });
export const ZUpdateCalendarInput = z.object({
  calendarId: zId,
  mode: z.enum(["business", "24x7"]),
  week: z.array(z.array(z.object({ start: clock, end: clock })).max(4)).length(7),
});

export const ZAddUnitCalendarInput = z.object({ unitId: zId });
export const ZRemoveCalendarInput = z.object({ calendarId: zId });

export { optionalText };
