import { http, HttpResponse } from "msw";

/** One call as Stripe received it: form-encoded body and the idempotency key. */
export interface StripeCall {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
}

const API = "https://api.stripe.com";

/**
 * Stripe's HTTP API for the calls the platform makes, answering as Stripe
 * does, and replaying the first answer for a repeated idempotency key.
 */
export function stripeMock() {
  const calls: StripeCall[] = [];
  const answered = new Map<string, unknown>();
  const subscriptions = new Map<string, { id: string; customer: string; status: string; items: Array<{ id: string; price: string; quantity?: number }> }>();
  let failNext = 0;
  const record = async (request: Request, path: string) => {
    const call = { method: request.method, path, form: new URLSearchParams(await request.text()), idempotencyKey: request.headers.get("idempotency-key") };
    calls.push(call);
    return call;
  };
  const once = (call: StripeCall, make: () => unknown) => {
    if (failNext > 0) {
      failNext--;
      return HttpResponse.json({ error: { type: "api_error", message: "Something went wrong on Stripe's end." } }, { status: 500 });
    }
    const key = call.idempotencyKey ? `${call.path}:${call.idempotencyKey}` : null;
    if (key && answered.has(key)) return HttpResponse.json(answered.get(key) as object, { headers: { "idempotent-replayed": "true" } });
    const body = make();
    if (key) answered.set(key, body);
    return HttpResponse.json(body as object);
  };
  const handlers = [
    http.post(`${API}/v1/customers`, async ({ request }) => {
      const call = await record(request, "/v1/customers");
      return once(call, () => ({ id: `cus_${calls.length}`, object: "customer", name: call.form.get("name"), email: call.form.get("email") }));
    }),
    http.post(`${API}/v1/subscriptions`, async ({ request }) => {
      const call = await record(request, "/v1/subscriptions");
      return once(call, () => {
        const items = [0, 1]
          .filter((i) => call.form.get(`items[${i}][price]`))
          .map((i) => ({ id: `si_${i}_${calls.length}`, price: call.form.get(`items[${i}][price]`)!, quantity: call.form.get(`items[${i}][quantity]`) ? Number(call.form.get(`items[${i}][quantity]`)) : undefined }));
        const sub = { id: `sub_${calls.length}`, customer: call.form.get("customer")!, status: "active", items };
        subscriptions.set(sub.id, sub);
        return subscriptionBody(sub);
      });
    }),
    http.get(`${API}/v1/subscriptions/:id`, async ({ request, params }) => {
      await record(request, `/v1/subscriptions/${String(params.id)}`);
      const sub = subscriptions.get(String(params.id));
      return sub ? HttpResponse.json(subscriptionBody(sub)) : HttpResponse.json({ error: { type: "invalid_request_error", message: "No such subscription" } }, { status: 404 });
    }),
    http.post(`${API}/v1/subscription_items/:id`, async ({ request, params }) => {
      const call = await record(request, `/v1/subscription_items/${String(params.id)}`);
      return once(call, () => {
        for (const sub of subscriptions.values()) for (const item of sub.items) if (item.id === params.id) item.quantity = Number(call.form.get("quantity"));
        return { id: params.id, object: "subscription_item", quantity: Number(call.form.get("quantity")) };
      });
    }),
    http.post(`${API}/v1/billing_portal/sessions`, async ({ request }) => {
      const call = await record(request, "/v1/billing_portal/sessions");
      return HttpResponse.json({ id: `bps_${calls.length}`, object: "billing_portal.session", customer: call.form.get("customer"), return_url: call.form.get("return_url"), url: `https://billing.stripe.com/p/session/test_${calls.length}` });
    }),
    http.post(`${API}/v1/billing/meter_events`, async ({ request }) => {
      const call = await record(request, "/v1/billing/meter_events");
      return once(call, () => ({ object: "billing.meter_event", event_name: call.form.get("event_name"), identifier: call.form.get("identifier"), payload: { value: call.form.get("payload[value]") } }));
    }),
  ];
  return {
    handlers,
    calls,
    subscriptions,
    /** The next n calls answer 500, as an outage would. */
    failNext: (n: number) => {
      failNext = n;
    },
    reset: () => {
      calls.length = 0;
    },
  };
}

function subscriptionBody(sub: { id: string; customer: string; status: string; items: Array<{ id: string; price: string; quantity?: number }> }) {
  return {
    id: sub.id,
    object: "subscription",
    customer: sub.customer,
    status: sub.status,
    items: { object: "list", data: sub.items.map((i) => ({ id: i.id, object: "subscription_item", price: { id: i.price, object: "price" }, quantity: i.quantity })) },
  };
}
