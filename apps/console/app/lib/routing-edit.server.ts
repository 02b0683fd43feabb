import type { Api } from "./api.server";
import { text } from "./forms.server";

type Tree = NonNullable<Awaited<ReturnType<Api["routing"]["get"]["query"]>>["published"]>["tree"];
type Rule = Tree["rules"][number];

/** The tree the next edit starts from: the draft if there is one, else the live tree. */
async function workingTree(api: Api): Promise<Tree> {
  const { draft, published } = await api.routing.get.query();
  const tree = (draft ?? published)?.tree;
  return tree ? structuredClone(tree) : { rules: [], fallback: { assign: { type: "district_office" } } };
}

const list = (f: FormData, name: string) => f.getAll(name).map(String).filter(Boolean);

function ruleFrom(f: FormData): Rule {
  const target = text(f, "assign");
  const keywords = text(f, "keywords").split(/[,،]/).map((k) => k.trim()).filter(Boolean);
  const sla = Number(text(f, "slaMinutes").replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))));
  const when: Rule["when"] = {};
  if (list(f, "categoryIds").length) when.categoryIds = list(f, "categoryIds");
  if (list(f, "kinds").length) when.kinds = list(f, "kinds") as never;
  if (list(f, "channels").length) when.channels = list(f, "channels") as never;
  if (list(f, "shifts").length) when.shifts = list(f, "shifts") as never;
  if (list(f, "regionIds").length) when.regionIds = list(f, "regionIds");
  if (keywords.length) when.keywords = keywords;
  return {
    id: `r${Date.now().toString(36)}`,
    name: text(f, "name"),
    when,
    then: {
      assign: target === "district_office" || target === "region_office" ? { type: target } : { type: "unit", unitId: target },
      ...(f.get("raisePriority") === "true" ? { raisePriority: true } : {}),
      ...(text(f, "slaMinutes") ? { slaMinutes: sla } : {}),
    },
  };
}

/** Applies one edit of the routing form to the working tree and saves it as the draft. */
export async function editRouting(api: Api, f: FormData) {
  const intent = text(f, "intent");
  const tree = await workingTree(api);
  const i = Number(text(f, "index"));
  if (intent === "add") {
    const position = (Number(text(f, "position")) || tree.rules.length + 1) - 1;
    tree.rules.splice(Math.max(0, Math.min(tree.rules.length, position)), 0, ruleFrom(f));
  }
  if (intent === "remove") tree.rules.splice(i, 1);
  if (intent === "up" && i > 0) [tree.rules[i - 1], tree.rules[i]] = [tree.rules[i]!, tree.rules[i - 1]!];
  if (intent === "down" && i < tree.rules.length - 1) [tree.rules[i + 1], tree.rules[i]] = [tree.rules[i]!, tree.rules[i + 1]!];
  return api.routing.saveDraft.mutate({ tree, note: text(f, "note") });
}
