import { starterLogoSvg } from "@city137/core";
/** The four demo cities. Facts from ../shared/docs/domain.md. */
export interface DemoCity {
  slug: string;
  nameFa: string;
  nameEn: string;
  primaryColor: string;
  secondaryColor: string;
  shortNumber: string;
  regionCount: number;
  /** Districts in each region (Tehran: 124 in all). */
  districtsPerRegion: number[];
  /** The city's real bounding box: west, south, east, north. */
  bbox: [number, number, number, number];
  /** Persian given + family names for the demo staff, one per role. */
  people: Record<DemoRoleKey, string>;
  /** A weekly direct session with the city's manager (weekday 0 Sunday … 6 Saturday, Tehran clock times), seeded four weeks ahead. */
  directSession?: { weekday: number; start: string; end: string; titleFa: string; titleEn: string };
}

export type DemoRoleKey = "admin" | "supervisor" | "operator" | "unitstaff" | "manager" | "inspector";

export const DEMO_CITIES: DemoCity[] = [
  {
    slug: "tehran",
    nameFa: "تهران",
    nameEn: "Tehran",
    primaryColor: "#0E4C92",
    secondaryColor: "#E4572E",
    shortNumber: "137",
    regionCount: 22,
    districtsPerRegion: Array.from({ length: 22 }, (_, i) => (i < 14 ? 6 : 5)),
    bbox: [51.1, 35.55, 51.6, 35.83],
    people: {
      admin: "کاوه رستمی",
      supervisor: "نرگس تهرانی",
      operator: "مریم احمدی",
      unitstaff: "حمید کریمی",
      manager: "علیرضا نوروزی",
      inspector: "سیمین فرهادی",
    },
  },
  {
    slug: "shiraz",
    nameFa: "شیراز",
    nameEn: "Shiraz",
    primaryColor: "#2E7D32",
    secondaryColor: "#F59E0B",
    shortNumber: "137",
    regionCount: 11,
    districtsPerRegion: Array.from({ length: 11 }, () => 3),
    bbox: [52.4, 29.55, 52.65, 29.72],
    people: {
      admin: "بهرام شیرازی",
      supervisor: "لیلا حافظی",
      operator: "زهرا سعدی‌پور",
      unitstaff: "رضا خواجوی",
      manager: "محمود زندی",
      inspector: "پروین کازرونی",
    },
  },
  {
    slug: "qom",
    nameFa: "قم",
    nameEn: "Qom",
    primaryColor: "#0F6E8C",
    secondaryColor: "#C9A227",
    shortNumber: "137",
    regionCount: 8,
    districtsPerRegion: Array.from({ length: 8 }, () => 3),
    bbox: [50.8, 34.58, 50.98, 34.7],
    // "Citizen asks, manager answers": Wednesdays 10:00–12:00 with the deputy mayor.
    directSession: { weekday: 3, start: "10:00", end: "12:00", titleFa: "معاون خدمات شهری شهرداری قم", titleEn: "Deputy Mayor for Urban Services, Qom" },
    people: {
      admin: "مهدی قمی",
      supervisor: "فاطمه رضوی",
      operator: "سمیه موسوی",
      unitstaff: "جواد صادقی",
      manager: "حسین طباطبایی",
      inspector: "معصومه اکبری",
    },
  },
  {
    slug: "mashhad",
    nameFa: "مشهد",
    nameEn: "Mashhad",
    primaryColor: "#7A1F3D",
    secondaryColor: "#D4A017",
    shortNumber: "137",
    regionCount: 13,
    districtsPerRegion: Array.from({ length: 13 }, () => 4),
    bbox: [59.45, 36.2, 59.72, 36.42],
    people: {
      admin: "سعید طوسی",
      supervisor: "مهسا خراسانی",
      operator: "الهام فردوسی",
      unitstaff: "امیر نیشابوری",
      manager: "ناصر عطار",
      inspector: "شیرین بجنوردی",
    },
  },
];

export const DEMO_PASSWORD = "demo-pass-137";

/** A simple, distinct mark per city: its colours and its name. */
export function demoLogoSvg(city: Pick<DemoCity, "nameFa" | "primaryColor" | "secondaryColor">): string {
  return starterLogoSvg(city);
}
