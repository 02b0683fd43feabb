import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { CityLogo } from "../components/city-logo";
import { failureResponse } from "../lib/api.server";
import { portalOrigin, qrImage } from "../portal/qr-svg.server";
import { requireSmsStaff } from "../portal/staff.server";
import portalStyles from "../portal/portal.css?url";

export const links = () => [{ rel: "stylesheet", href: portalStyles }];

/** A print-ready sheet of QR stickers with the city's branding: the chosen codes, or every active one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireSmsStaff(request, params.city!);
  const ids = new URL(request.url).searchParams.get("ids")?.split(",").filter(Boolean) ?? null;
  try {
    const codes = (await api.qr.list.query()).filter((q) => !q.revokedAt && (!ids || ids.includes(q.id)));
    const origin = portalOrigin(request);
    return {
      city: me.city,
      cards: codes.map((q) => {
        const url = `${origin}/p/${params.city}/q/${q.code}`;
        return { id: q.id, label: q.label, code: q.code, url, image: qrImage(url) };
      }),
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function QrPrint() {
  const { city, cards } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const name = locale === "fa" ? city.nameFa : city.nameEn;
  return (
    <>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t("portal.qr.print")}
        </button>
      </p>
      <div className="qr-sheet" data-testid="qr-sheet">
        {cards.map((c) => (
          <article key={c.id} className="qr-card" style={{ borderColor: city.primaryColor }} data-code={c.code}>
            <p className="qr-head" style={{ color: city.primaryColor }}>
              <CityLogo svg={city.logoSvg} alt="" size={32} />
              {name}
            </p>
            <p>{t("portal.qr.sheetTitle")}</p>
            <img src={c.image} alt={c.url} width={192} height={192} data-testid="qr-image" data-url={c.url} />
            <p className="qr-label">{c.label}</p>
            <p className="qr-code" dir="ltr">
              {c.code}
            </p>
            <p>{t("portal.qr.sheetFooter", { number: formatDigits(city.shortNumber, locale) })}</p>
          </article>
        ))}
      </div>
    </>
  );
}
