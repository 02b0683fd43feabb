import { en } from "./en";
import { enWork } from "./en-work";
import { enSettings } from "./en-settings";
import { enOpen311 } from "./en-open311";
import { enBilling } from "./en-billing";
import { enPortal } from "./en-portal";
import { enInsight } from "./en-insight";
import { enProtected } from "./en-protected";
import { enDirect } from "./en-direct";
import { fa } from "./fa";
import { faDirect } from "./fa-direct";
import { faInsight } from "./fa-insight";
import { faProtected } from "./fa-protected";
import { faPortal } from "./fa-portal";
import { faWork } from "./fa-work";
import { faSettings } from "./fa-settings";
import { faOpen311 } from "./fa-open311";
import { faBilling } from "./fa-billing";

export const NAMESPACES = ["common"] as const;

/** i18next resources: one namespace holding a group per feature. */
export const resources = {
  fa: { common: { ...fa, settings: faSettings, work: faWork, open311: faOpen311, portal: faPortal, billing: faBilling, insight: faInsight, protected: faProtected, direct: faDirect } },
  en: { common: { ...en, settings: enSettings, work: enWork, open311: enOpen311, portal: enPortal, billing: enBilling, insight: enInsight, protected: enProtected, direct: enDirect } },
};
