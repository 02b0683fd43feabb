import type { Channel, MessageKind, Priority, Shift } from "../routing/vocabulary";

/** A category in a template, addressed by code; children nest. */
export interface TemplateCategory {
  code: string;
  nameFa: string;
  nameEn: string;
  kinds?: MessageKind[];
  priority?: Priority;
  /** Working minutes; urgent categories count 24/7. */
  slaMinutes?: number;
  public?: boolean;
  externalAgency?: string;
  icon?: string;
  attributes?: Array<{
    code: string;
    datatype: "string" | "text" | "number" | "datetime" | "singlevaluelist" | "multivaluelist";
    required: boolean;
    labelFa: string;
    labelEn: string;
    values?: Array<{ key: string; nameFa: string; nameEn: string }>;
  }>;
  children?: TemplateCategory[];
}

export interface TemplateUnit {
  code: string;
  kind: "hq" | "organisation" | "external_agency";
  nameFa: string;
  nameEn: string;
}

export interface TemplateRule {
  code: string;
  nameFa: string;
  when: {
    categoryCodes?: string[];
    kinds?: MessageKind[];
    channels?: Channel[];
    shifts?: Shift[];
    keywords?: string[];
  };
  then:
    | { unitCode: string; raisePriority?: boolean; slaMinutes?: number }
    | { office: "district" | "region"; raisePriority?: boolean; slaMinutes?: number };
}

export interface TemplateHoliday {
  /** Jalali month and day. */
  jm: number;
  jd: number;
  nameFa: string;
  nameEn: string;
}

export interface CityTemplate {
  code: string;
  nameFa: string;
  nameEn: string;
  categories: TemplateCategory[];
  units: TemplateUnit[];
  rules: TemplateRule[];
  fallback: TemplateRule["then"];
  /** Holidays by Jalali year; lunar ones move every year and cities adjust them. */
  holidays: Record<number, TemplateHoliday[]>;
  thursday: "half" | "off";
}
