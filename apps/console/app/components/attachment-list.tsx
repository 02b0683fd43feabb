import { Form } from "@remix-run/react";
import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

export interface AttachmentRow {
  id: string;
  kind: "photo" | "document" | "audio";
  purpose: "citizen" | "proof";
  mime: string;
  sizeBytes: number;
  originalName: string;
}

/** Photos shown, voice played in the page, documents linked; and the upload form. */
export function AttachmentList({ city, items, canUpload }: { city: string; items: AttachmentRow[]; canUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const url = (a: AttachmentRow) => `/${city}/files/${a.id}`;
  return (
    <section className="panel" data-testid="attachments">
      <h2>{t("work.message.attachments")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("work.message.noAttachments")}</p>
      ) : (
        <ul className="attachments">
          {items.map((a) => (
            <li key={a.id} data-testid="attachment">
              {a.kind === "photo" && <img src={url(a)} alt={a.originalName} loading="lazy" />}
              {a.kind === "audio" && <audio controls preload="none" src={url(a)} />}
              <p>
                <a href={url(a)}>{a.originalName}</a> <span className="tag">{t(`work.message.purposes.${a.purpose}`)}</span>{" "}
                <span className="muted">{t("work.message.size", { kb: formatNumber(Math.max(1, Math.round(a.sizeBytes / 1024)), locale) })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <Form method="post" encType="multipart/form-data" className="inline-form" data-testid="upload-form">
          <input type="hidden" name="intent" value="upload" />
          <label htmlFor="upload-file">{t("work.message.addAttachment")}</label>
          <input id="upload-file" name="file" type="file" accept="image/*,audio/*,application/pdf" required />
          <select name="purpose" aria-label={t("work.message.purpose")} defaultValue="proof">
            <option value="proof">{t("work.message.purposes.proof")}</option>
            <option value="citizen">{t("work.message.purposes.citizen")}</option>
          </select>
          <button type="submit" className="small" data-testid="upload-submit">
            {t("work.message.upload")}
          </button>
        </Form>
      )}
    </section>
  );
}
