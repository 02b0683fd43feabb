import { en } from "./en";
import { enWork } from "./en-work";
import { enSettings } from "./en-settings";
import { fa } from "./fa";
import { faWork } from "./fa-work";
import { faSettings } from "./fa-settings";

export const NAMESPACES = ["common"] as const;

/** i18next resources: one namespace holding a group per feature. */
export const resources = {
  fa: { common: { ...fa, settings: faSettings, work: faWork } },
  en: { common: { ...en, settings: enSettings, work: enWork } },
};
