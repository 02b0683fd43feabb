/**
 * /portal-files: the citizen portal's files over plain HTTP, without a staff
 * session. Uploads carry the token the submit answered with (one message);
 * proof photos the token the tracking page gave (one photo). Handlers only
 * translate HTTP to @city137/api and back (see files.ts for the staff side).
 */
import { addCitizenAttachment, assertPortalUpload, openProofPhoto, type Context as ApiContext, type RequestInfo } from "@city137/api";
import { AppError } from "@city137/core";
import { isDatabaseUnavailable } from "@city137/db";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { contentDisposition, UPLOAD_BODY_LIMIT } from "./files";
import type { Logger } from "./logger";

const STATUS: Record<string, ContentfulStatusCode> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429, SERVICE_UNAVAILABLE: 503 };
const BY_KEY: Record<string, ContentfulStatusCode> = { "errors.attachment.tooLarge": 413, "errors.attachment.unsupportedType": 415, "errors.attachment.heicUnsupported": 415 };

export function portalFileRoutes({ context, requestInfo, log }: { context: (req: RequestInfo) => ApiContext; requestInfo: (c: Context) => RequestInfo; log: Logger }) {
  const app = new Hono();
  const fail = (c: Context, err: unknown) => {
    if (err instanceof AppError) {
      return c.json({ code: err.code, messageKey: err.messageKey, ...(err.field ? { field: err.field } : {}), ...(err.params ? { params: err.params } : {}) }, BY_KEY[err.messageKey] ?? STATUS[err.code] ?? 400);
    }
    if (isDatabaseUnavailable(err)) {
      log.warn({ err: String(err) }, "database not reachable");
      return c.json({ code: "SERVICE_UNAVAILABLE", messageKey: "errors.serviceUnavailable" }, 503);
    }
    log.error({ err }, "portal file route failed");
    return c.json({ code: "INTERNAL_SERVER_ERROR", messageKey: "errors.internal" }, 500);
  };

  app.post(
    "/:city/requests/:trackingCode",
    async (c, next) => {
      try {
        await assertPortalUpload(context(requestInfo(c)), { city: c.req.param("city"), trackingCode: c.req.param("trackingCode"), token: c.req.header("x-upload-token") ?? "" });
      } catch (err) {
        return fail(c, err);
      }
      await next();
    },
    bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: (c) => c.json({ code: "PAYLOAD_TOO_LARGE", messageKey: "errors.attachment.tooLarge", field: "file" }, 413) }),
    async (c) => {
      try {
        const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        const file = form.file;
        if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "errors.attachment.missingFile", { field: "file" });
        const added = await addCitizenAttachment(context(requestInfo(c)), {
          city: c.req.param("city"),
          trackingCode: c.req.param("trackingCode"),
          token: c.req.header("x-upload-token") ?? "",
          fileName: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
        return c.json(added, added.replayed ? 200 : 201);
      } catch (err) {
        return fail(c, err);
      }
    },
  );

  app.get("/:city/photos/:attachmentId", async (c) => {
    try {
      const { attachment: a, file } = await openProofPhoto(context(requestInfo(c)), { city: c.req.param("city"), attachmentId: c.req.param("attachmentId"), token: c.req.query("s") ?? "" });
      return new Response(file.body, {
        status: 200,
        headers: {
          "content-type": a.mime,
          "content-length": String(a.sizeBytes),
          "content-disposition": contentDisposition(a.kind, a.originalName),
          "x-content-type-options": "nosniff",
          "cache-control": "private, max-age=300",
          etag: `"${a.sha256}"`,
          "content-security-policy": "default-src 'none'; sandbox",
        },
      });
    } catch (err) {
      return fail(c, err);
    }
  });
  return app;
}
