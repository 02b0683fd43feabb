import { en } from "./en";
import { enSettings } from "./en-settings";
import { fa } from "./fa";
import { faSettings } from "./fa-settings";

export const NAMESPACES = ["common"] as const;

/** i18next resources: one namespace holding a group per feature. */
export const resources = {
  fa: { common: { ...fa, settings: faSettings } },
  en: { common: { ...en, settings: enSettings } },
};
