import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { resolveMessage } from "@city137/i18n";
import { useTranslation } from "react-i18next";

const TITLES: Record<number, string> = {
  404: "errors.notFoundTitle",
  403: "errors.forbiddenTitle",
  503: "errors.unavailableTitle",
};

/** The error page in the reader's language: a title, one sentence, a way back. Never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let messageKey = "errors.internal";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { messageKey?: string } | string | undefined;
    messageKey =
      typeof data === "object" && data?.messageKey
        ? data.messageKey
        : status === 404
          ? "errors.notFound"
          : status === 403
            ? "errors.forbidden"
            : status === 503
              ? "errors.serviceUnavailable"
              : "errors.internal";
  }
  return (
    <main className="error-page" data-testid="error-page">
      <h1>{t(TITLES[status] ?? "errors.pageTitle")}</h1>
      <p>{resolveMessage(t, messageKey)}</p>
      <Link to="/">{t("errors.goHome")}</Link>
    </main>
  );
}
