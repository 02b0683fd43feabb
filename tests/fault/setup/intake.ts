import { trpcPost } from "./load";

/** Tehran's garbage-collection category (the demo tree routes it), read as staff over HTTP. */
export async function wasteCategory(base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/trpc/category.list`, { headers: { authorization: `Bearer ${token}` } });
  const list = ((await res.json()) as { result: { data: Array<{ id: string; code: string }> } }).result.data;
  return list.find((c) => c.code === "waste.collection")!.id;
}

/** One phone complaint as an operator registers it; `mobile` makes the platform SMS the tracking code. */
export function complaint(categoryId: string, idempotencyKey: string, mobile?: string) {
  return {
    idempotencyKey,
    kind: "complaint",
    categoryId,
    channel: "phone",
    description: "زباله‌های کوچه سه روز است جمع نشده",
    attributes: { waste_type: "household" },
    ...(mobile ? { citizen: { name: "شهروند آزمون", mobile } } : {}),
  };
}

export const register = (base: string, token: string, body: object) => trpcPost(base, "request.create", body, token);

/** Warms the API's caches (routing tree, districts, sessions) with a few registrations one after another. */
export async function warmUp(base: string, token: string, categoryId: string, prefix: string) {
  for (let i = 0; i < 10; i++) {
    const r = await register(base, token, complaint(categoryId, `warm-${prefix}-${i}`));
    if (r.status !== 200) throw new Error(`warm-up failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}
