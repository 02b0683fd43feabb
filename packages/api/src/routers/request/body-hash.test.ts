import { createHash } from "node:crypto";
import { ZCreateRequestInput } from "@city137/validators";
import { describe, expect, it } from "vitest";
import { bodyHash } from "./intake";

const input = ZCreateRequestInput.parse({
  idempotencyKey: "body-hash-key-1",
  kind: "request",
  categoryId: "00000000-0000-4000-8000-000000000001",
  channel: "web",
  description: "چاله",
  citizen: { name: null, mobile: "09120000000" },
});

describe("the idempotency body hash", () => {
  it("hashes a citizen without a recorded language or consent as before those were recorded, so keys stored then still replay", () => {
    const { idempotencyKey: _k, ...body } = input;
    // The citizen as it was parsed before languages and consents existed.
    const citizen = { name: body.citizen.name, mobile: body.citizen.mobile, nationalId: body.citizen.nationalId };
    const before = createHash("sha256").update(JSON.stringify({ ...body, citizen })).digest("hex");
    expect(bodyHash(input)).toBe(before);
    // controls: a language and a consent are part of the body
    expect(bodyHash({ ...input, citizen: { ...input.citizen, locale: "en" } })).not.toBe(before);
    expect(bodyHash({ ...input, citizen: { ...input.citizen, name: "مریم", recognitionConsent: true } })).not.toBe(bodyHash({ ...input, citizen: { ...input.citizen, name: "مریم" } }));
  });
});
