import { Form } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

export interface Replay {
  replayed: number;
  changed: number;
  liveNumber: number;
  moves: Array<{ fromUnitId: string | null; toUnitId: string | null; count: number }>;
  samples: Array<{ trackingCode: string; fromUnitId: string | null; toUnitId: string | null }>;
}

/** Before publishing: how the draft would have routed the city's newest real messages. */
export function RoutingReplay({ result, names }: { result?: Replay; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const n = (x: number) => formatDigits(x, locale);
  const unit = (id: string | null) => (id ? names.get(id) ?? id : t("settings.routing.replay.noUnit"));
  return (
    <section className="panel" data-testid="routing-replay">
      <h2>{t("settings.routing.replay.title")}</h2>
      <p className="help">{t("settings.routing.replay.help")}</p>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="replay" />
        <label htmlFor="replay-limit">{t("settings.routing.replay.limit")}</label>
        <input id="replay-limit" name="limit" type="number" min={1} max={20000} defaultValue={1000} dir="ltr" />
        <button type="submit" data-testid="replay-submit">
          {t("settings.routing.replay.run")}
        </button>
      </Form>
      {result && (
        <div data-testid="replay-result">
          <p className={result.changed ? "form-error" : "notice"}>
            {t("settings.routing.replay.summary", { changed: n(result.changed), replayed: n(result.replayed), live: n(result.liveNumber) })}
          </p>
          {result.moves.length > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("settings.routing.replay.from")}</th>
                  <th>{t("settings.routing.replay.to")}</th>
                  <th>{t("settings.routing.replay.count")}</th>
                </tr>
              </thead>
              <tbody>
                {result.moves.map((m) => (
                  <tr key={`${m.fromUnitId}>${m.toUnitId}`}>
                    <td>{unit(m.fromUnitId)}</td>
                    <td>{unit(m.toUnitId)}</td>
                    <td>{n(m.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.samples.length > 0 && (
            <p className="muted">
              {t("settings.routing.replay.examples")}{" "}
              {result.samples.map((s) => (
                <span key={s.trackingCode} className="tag" dir="ltr">
                  {formatDigits(s.trackingCode, locale)}
                </span>
              ))}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
