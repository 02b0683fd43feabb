import { en } from "./en";
import { fa } from "./fa";

export const NAMESPACES = ["common"] as const;

/** i18next resources: one namespace holding a group per feature. */
export const resources = {
  fa: { common: fa },
  en: { common: en },
};
