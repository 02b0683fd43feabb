import type { TemplateCategory } from "./types";

const ALL_BUT_CORRUPTION = ["request", "complaint", "criticism", "suggestion", "thanks", "inquiry"] as const;
const SERVICE = ["request", "complaint", "criticism", "inquiry"] as const;
const DAY = 8 * 60; // one working day

/** The common category tree of a large Iranian city, drawn from the 137 centres' own reports. */
export const METROPOLIS_CATEGORIES: TemplateCategory[] = [
  {
    code: "urban",
    nameFa: "خدمات شهری",
    nameEn: "Urban services",
    kinds: [...SERVICE],
    slaMinutes: 3 * DAY,
    children: [
      {
        code: "waste",
        nameFa: "پسماند",
        nameEn: "Waste",
        icon: "trash",
        children: [
          {
            code: "waste.collection",
            nameFa: "جمع‌آوری زباله",
            nameEn: "Garbage collection",
            slaMinutes: DAY,
            attributes: [
              {
                code: "waste_type",
                datatype: "singlevaluelist",
                required: true,
                labelFa: "نوع پسماند",
                labelEn: "Kind of waste",
                values: [
                  { key: "household", nameFa: "خانگی", nameEn: "Household" },
                  { key: "commercial", nameFa: "تجاری", nameEn: "Commercial" },
                  { key: "bulky", nameFa: "حجیم (مبلمان و لوازم)", nameEn: "Bulky items" },
                ],
              },
            ],
          },
          { code: "waste.debris", nameFa: "نخاله و آوار ساختمانی", nameEn: "Construction debris", slaMinutes: 2 * DAY },
          { code: "waste.street_cleaning", nameFa: "رُفت‌وروب معابر و لایروبی جوی‌ها", nameEn: "Street sweeping and gutters", slaMinutes: 2 * DAY },
          { code: "waste.bins", nameFa: "مخزن زباله (کمبود، خرابی، جابه‌جایی)", nameEn: "Waste bins", slaMinutes: 3 * DAY },
        ],
      },
      {
        code: "green",
        nameFa: "فضای سبز و بوستان‌ها",
        nameEn: "Parks and green space",
        icon: "tree",
        children: [
          { code: "green.trees", nameFa: "هرس و قطع درختان", nameEn: "Tree pruning and felling", slaMinutes: 5 * DAY },
          { code: "green.parks", nameFa: "نگهداری بوستان و وسایل بازی", nameEn: "Park and playground upkeep", slaMinutes: 5 * DAY },
          { code: "green.irrigation", nameFa: "آبیاری فضای سبز", nameEn: "Irrigation", slaMinutes: 3 * DAY },
        ],
      },
      {
        code: "animals",
        nameFa: "حیوانات رهاشده",
        nameEn: "Stray animals",
        slaMinutes: 2 * DAY,
        attributes: [{ code: "count", datatype: "number", required: false, labelFa: "تعداد تقریبی", labelEn: "Approximate number" }],
      },
      { code: "lighting", nameFa: "روشنایی بوستان‌ها و معابر", nameEn: "Park and street lighting", slaMinutes: 3 * DAY },
    ],
  },
  {
    code: "roads",
    nameFa: "عمران، معابر و حمل‌ونقل",
    nameEn: "Roads, works and transport",
    kinds: [...SERVICE],
    slaMinutes: 5 * DAY,
    children: [
      {
        code: "roads.potholes",
        nameFa: "آسفالت و چاله",
        nameEn: "Asphalt and potholes",
        icon: "road",
        attributes: [{ code: "size", datatype: "singlevaluelist", required: false, labelFa: "اندازهٔ چاله", labelEn: "Size", values: [
          { key: "small", nameFa: "کوچک", nameEn: "Small" },
          { key: "large", nameFa: "بزرگ و خطرناک", nameEn: "Large and dangerous" },
        ] }],
      },
      { code: "roads.sidewalks", nameFa: "پیاده‌رو و دسترسی معلولان", nameEn: "Sidewalks and accessibility" },
      { code: "roads.flooding", nameFa: "آب‌گرفتگی معابر", nameEn: "Street flooding", priority: "urgent", slaMinutes: 120 },
      { code: "roads.signs", nameFa: "علائم و خط‌کشی", nameEn: "Signs and road markings" },
      {
        code: "transit",
        nameFa: "حمل‌ونقل عمومی",
        nameEn: "Public transport",
        children: [
          { code: "transit.bus", nameFa: "اتوبوس", nameEn: "Bus", attributes: [{ code: "line", datatype: "string", required: false, labelFa: "شمارهٔ خط", labelEn: "Line number" }] },
          { code: "transit.metro", nameFa: "مترو", nameEn: "Metro" },
          { code: "transit.taxi", nameFa: "تاکسی", nameEn: "Taxi" },
        ],
      },
    ],
  },
  {
    code: "planning",
    nameFa: "شهرسازی و ساخت‌وساز",
    nameEn: "Planning and construction",
    kinds: [...SERVICE],
    slaMinutes: 10 * DAY,
    children: [
      { code: "planning.illegal", nameFa: "ساخت‌وساز غیرمجاز", nameEn: "Unauthorised construction" },
      { code: "planning.obstruction", nameFa: "سد معبر", nameEn: "Obstructed walkways" },
      { code: "planning.unsafe", nameFa: "ساختمان یا گود ناایمن", nameEn: "Unsafe building or excavation", priority: "urgent", slaMinutes: 240 },
    ],
  },
  {
    code: "fire",
    nameFa: "آتش‌نشانی و خدمات ایمنی",
    nameEn: "Fire and safety",
    kinds: ["request", "complaint", "inquiry"],
    priority: "urgent",
    slaMinutes: 60,
  },
  {
    code: "conduct",
    nameFa: "رفتار کارکنان و خدمات اداری",
    nameEn: "Staff conduct and office services",
    kinds: [...ALL_BUT_CORRUPTION],
    slaMinutes: 5 * DAY,
  },
  {
    code: "general",
    nameFa: "پیشنهاد، انتقاد و قدردانی",
    nameEn: "Suggestions, criticism and thanks",
    kinds: ["suggestion", "criticism", "thanks", "inquiry"],
    slaMinutes: 10 * DAY,
  },
  {
    code: "corruption",
    nameFa: "گزارش فساد و تخلف",
    nameEn: "Corruption and misconduct report",
    kinds: ["corruption_report"],
    public: false,
    slaMinutes: 10 * DAY,
  },
  {
    code: "external",
    nameFa: "دستگاه‌های غیرشهرداری",
    nameEn: "Other agencies",
    kinds: [...SERVICE],
    slaMinutes: DAY,
    children: [
      { code: "external.water", nameFa: "آب و فاضلاب", nameEn: "Water and sewage", externalAgency: "water" },
      { code: "external.power", nameFa: "برق", nameEn: "Electricity", externalAgency: "power" },
      { code: "external.gas", nameFa: "گاز", nameEn: "Gas", externalAgency: "gas" },
      { code: "external.traffic_police", nameFa: "پلیس راهور", nameEn: "Traffic police", externalAgency: "police" },
    ],
  },
];
