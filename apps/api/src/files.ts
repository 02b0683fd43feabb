/**
 * /files: attachment bytes over plain HTTP (multipart upload, streamed
 * download), with the same Bearer session as /trpc. Handlers only translate
 * HTTP to the attachment service in @city137/api and back.
 */
import { addAttachment, assertRequestVisible, openAttachment, staffScopeOf, type Context as ApiContext, type RequestInfo, type StaffScope } from "@city137/api";
import { AppError, dispositionOf, MAX_ATTACHMENT_BYTES, type AttachmentKind } from "@city137/core";
import { ForeignStorageKey, InvalidStorageKey, S3Error } from "@city137/files";
import { isDatabaseUnavailable } from "@city137/db";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { RequestIdVariables } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "./logger";

/** Room for the multipart envelope and the purpose field around the largest file. */
export const UPLOAD_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

export interface FileRoutesOptions {
  context: (req: RequestInfo) => ApiContext;
  requestInfo: (c: Context) => RequestInfo;
  log: Logger;
}

interface ErrorBody {
  code: string;
  messageKey: string;
  field?: string;
  params?: Record<string, string | number>;
}

const STATUS_BY_CODE: Record<string, [ContentfulStatusCode, string]> = {
  BAD_REQUEST: [400, "BAD_REQUEST"],
  UNAUTHORIZED: [401, "UNAUTHORIZED"],
  FORBIDDEN: [403, "FORBIDDEN"],
  NOT_FOUND: [404, "NOT_FOUND"],
  CONFLICT: [409, "CONFLICT"],
  TOO_MANY_REQUESTS: [429, "TOO_MANY_REQUESTS"],
  SERVICE_UNAVAILABLE: [503, "SERVICE_UNAVAILABLE"],
};
const STATUS_BY_KEY: Record<string, [ContentfulStatusCode, string]> = {
  "errors.attachment.tooLarge": [413, "PAYLOAD_TOO_LARGE"],
  "errors.attachment.unsupportedType": [415, "UNSUPPORTED_MEDIA_TYPE"],
  "errors.attachment.heicUnsupported": [415, "UNSUPPORTED_MEDIA_TYPE"],
};

const tooLarge: ErrorBody = { code: "PAYLOAD_TOO_LARGE", messageKey: "errors.attachment.tooLarge", field: "file", params: { maxMb: Math.floor(MAX_ATTACHMENT_BYTES / 2 ** 20) } };

/** `inline` or `attachment` with an ASCII fallback name and the real one in RFC 5987 form. */
export function contentDisposition(kind: AttachmentKind, name: string): string {
  const ext = /\.[a-z0-9]{1,5}$/i.exec(name)?.[0] ?? "";
  const fallback = /^[\x20-\x7e]+$/.test(name) ? name.replace(/["\\]/g, "_") : `attachment${ext}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${dispositionOf(kind)}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function fileRoutes({ context, requestInfo, log }: FileRoutesOptions) {
  type Env = { Variables: RequestIdVariables & { scope: StaffScope; api: ApiContext } };
  const app = new Hono<Env>();

  const fail = (c: Context<Env>, err: unknown) => {
    if (err instanceof AppError) {
      const [status, code] = STATUS_BY_KEY[err.messageKey] ?? STATUS_BY_CODE[err.code] ?? [500, "INTERNAL_SERVER_ERROR"];
      const body: ErrorBody = { code, messageKey: err.messageKey };
      if (err.field) body.field = err.field;
      if (err.params) body.params = err.params;
      return c.json(body, status);
    }
    // A malformed or foreign key never reaches a store: answer as for a missing file.
    if (err instanceof InvalidStorageKey || err instanceof ForeignStorageKey) {
      log.warn({ requestId: c.get("requestId"), err: String(err) }, "storage key refused");
      return c.json({ code: "NOT_FOUND", messageKey: "errors.notFound" } satisfies ErrorBody, 404);
    }
    if (err instanceof S3Error || isDatabaseUnavailable(err)) {
      log.error({ requestId: c.get("requestId"), err }, "file store failed");
      return c.json({ code: "SERVICE_UNAVAILABLE", messageKey: "errors.serviceUnavailable" } satisfies ErrorBody, 503);
    }
    log.error({ requestId: c.get("requestId"), err }, "file route failed");
    return c.json({ code: "INTERNAL_SERVER_ERROR", messageKey: "errors.internal" } satisfies ErrorBody, 500);
  };

  // The session is checked before a byte of the body is read.
  app.use("*", async (c, next) => {
    try {
      const api = context(requestInfo(c));
      c.set("api", api);
      c.set("scope", await staffScopeOf(api));
    } catch (err) {
      return fail(c, err);
    }
    await next();
  });

  app.post(
    "/requests/:requestId",
    async (c, next) => {
      try {
        await assertRequestVisible(c.get("scope"), c.req.param("requestId"));
      } catch (err) {
        return fail(c, err);
      }
      await next();
    },
    bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: (c) => c.json(tooLarge, 413) }),
    async (c) => {
      try {
        let form: Record<string, string | File | (string | File)[]>;
        try {
          form = await c.req.parseBody({ all: true });
        } catch (err) {
          throw new AppError("BAD_REQUEST", "errors.attachment.missingFile", { field: "file", cause: err });
        }
        const file = form.file;
        if (Array.isArray(file)) throw new AppError("BAD_REQUEST", "errors.attachment.oneFile", { field: "file" });
        if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "errors.attachment.missingFile", { field: "file" });
        const purpose = Array.isArray(form.purpose) ? null : form.purpose;
        const added = await addAttachment(c.get("scope"), c.get("api").files, {
          requestId: c.req.param("requestId"),
          purpose,
          fileName: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
        return c.json(added, 201);
      } catch (err) {
        return fail(c, err);
      }
    },
  );

  app.get("/attachments/:attachmentId", async (c) => {
    try {
      const { attachment: a, file } = await openAttachment(c.get("scope"), c.get("api").files, c.req.param("attachmentId"));
      const headers = new Headers({
        "content-type": a.mime,
        "content-disposition": contentDisposition(a.kind, a.originalName),
        "x-content-type-options": "nosniff",
        // Revalidated on every use, so a removal or a lost permission applies at once.
        "cache-control": "private, no-cache",
        etag: `"${a.sha256}"`,
        "content-security-policy": "default-src 'none'; sandbox",
      });
      if (c.req.header("if-none-match") === `"${a.sha256}"`) {
        await file.body.cancel();
        return new Response(null, { status: 304, headers });
      }
      headers.set("content-length", String(a.sizeBytes));
      return new Response(file.body, { status: 200, headers });
    } catch (err) {
      return fail(c, err);
    }
  });

  return app;
}
