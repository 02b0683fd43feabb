import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatDate, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FormFeedback } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

/** The Jalali year of today in Tehran. */
function currentJalaliYear(): number {
  const parts = new Intl.DateTimeFormat("en-u-ca-persian", { timeZone: "Asia/Tehran", year: "numeric" }).formatToParts(new Date());
  return Number(parts.find((p) => p.type === "year")?.value ?? 1405);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const year = Number(new URL(request.url).searchParams.get("year")) || currentJalaliYear();
  try {
    const [calendars, holidays, units] = await Promise.all([api.calendar.list.query(), api.calendar.holidays.query({ jalaliYear: year }), api.unit.list.query()]);
    return { calendars, holidays, year, units: units.filter((u) => u.active).map((u) => ({ id: u.id, nameFa: u.nameFa, nameEn: u.nameEn })) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "week") {
    const week = Array.from({ length: 7 }, (_, d) => (f.get(`off-${d}`) === "true" ? [] : [{ start: text(f, `start-${d}`), end: text(f, `end-${d}`) }]));
    return attempt(intent, () => api.calendar.update.mutate({ calendarId: text(f, "calendarId"), mode: text(f, "mode") as "business" | "24x7", week }));
  }
  if (intent === "add-unit-calendar") return attempt(intent, () => api.calendar.addUnitCalendar.mutate({ unitId: text(f, "unitId") }));
  if (intent === "remove-unit-calendar") return attempt(intent, () => api.calendar.removeUnitCalendar.mutate({ calendarId: text(f, "calendarId") }));
  const year = Number(text(f, "year"));
  return attempt(intent, async () => {
    const current = await api.calendar.holidays.query({ jalaliYear: year });
    const rows = current.map((h) => {
      const [jm, jd] = new Intl.DateTimeFormat("en-u-ca-persian", { timeZone: "UTC", month: "numeric", day: "numeric" })
        .formatToParts(new Date(`${h.date}T00:00:00Z`))
        .filter((p) => p.type === "month" || p.type === "day")
        .map((p) => Number(p.value));
      return { id: h.id, jm: jm!, jd: jd!, nameFa: h.nameFa, nameEn: h.nameEn };
    });
    const next =
      intent === "remove-holiday"
        ? rows.filter((r) => r.id !== text(f, "id"))
        : [...rows, { id: "", jm: numberOrNull(f, "jm") ?? 0, jd: numberOrNull(f, "jd") ?? 0, nameFa: text(f, "nameFa"), nameEn: text(f, "nameEn") }];
    return api.calendar.setHolidays.mutate({ jalaliYear: year, holidays: next.map(({ id: _id, ...h }) => h) });
  });
}

export default function CalendarPage() {
  const { calendars, holidays, year, units } = useLoaderData<typeof loader>();
  const withCalendar = new Set(calendars.map((c) => c.unitId));
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <section className="panel">
        <h1>{t("settings.calendar.title")}</h1>
        <FormFeedback outcome={outcome} />
        <div className="two-col">
          {calendars.map((c) => (
            <Form method="post" key={c.id} data-testid="calendar-form">
              <h2>
                {c.name} {c.unitId === null && <span className="badge">{t("settings.calendar.cityWide")}</span>}
              </h2>
              <input type="hidden" name="calendarId" value={c.id} />
              <label htmlFor={`mode-${c.id}`}>{t("settings.calendar.mode")}</label>
              <select id={`mode-${c.id}`} name="mode" defaultValue={c.mode}>
                <option value="business">{t("settings.calendar.modes.business")}</option>
                <option value="24x7">{t("settings.calendar.modes.24x7")}</option>
              </select>
              <table className="data-table">
                <tbody>
                  {[6, 0, 1, 2, 3, 4, 5].map((d) => {
                    const span = c.week[d]?.[0];
                    return (
                      <tr key={d}>
                        <th scope="row">{t(`settings.calendar.days.${d}`)}</th>
                        <td>
                          <input aria-label={t("settings.calendar.start")} name={`start-${d}`} type="time" dir="ltr" defaultValue={span?.start ?? "08:00"} />
                        </td>
                        <td>
                          <input aria-label={t("settings.calendar.end")} name={`end-${d}`} type="time" dir="ltr" defaultValue={span?.end ?? "16:00"} />
                        </td>
                        <td>
                          <label className="check">
                            <input type="checkbox" name={`off-${d}`} value="true" defaultChecked={!span} /> {t("settings.calendar.off")}
                          </label>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="inline-form">
                <button type="submit" name="intent" value="week">
                  {t("common.save")}
                </button>
                {c.unitId !== null && (
                  <button type="submit" name="intent" value="remove-unit-calendar" className="secondary small" data-testid="remove-unit-calendar">
                    {t("settings.calendar.removeUnit")}
                  </button>
                )}
              </p>
            </Form>
          ))}
        </div>
        <Form method="post" className="inline-form" data-testid="add-unit-calendar">
          <input type="hidden" name="intent" value="add-unit-calendar" />
          <label htmlFor="unit-calendar">{t("settings.calendar.addUnit")}</label>
          <select id="unit-calendar" name="unitId" defaultValue="">
            <option value="">{t("work.intake.choose")}</option>
            {units
              .filter((u) => !withCalendar.has(u.id))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {locale === "fa" ? u.nameFa : u.nameEn}
                </option>
              ))}
          </select>
          <button type="submit" className="small">
            {t("settings.calendar.addUnitSubmit")}
          </button>
        </Form>
      </section>
      <section className="panel">
        <h2>{t("settings.calendar.holidays", { year: formatDigits(year, locale) })}</h2>
        <p className="inline-form">
          <a href={`?year=${year - 1}`}>{formatDigits(year - 1, locale)}</a>
          <a href={`?year=${year + 1}`}>{formatDigits(year + 1, locale)}</a>
        </p>
        <table className="data-table" data-testid="holidays-table">
          <tbody>
            {holidays.map((h) => (
              <tr key={h.id}>
                <td>{formatDate(`${h.date}T12:00:00Z`, locale)}</td>
                <td>{locale === "fa" ? h.nameFa : h.nameEn || h.nameFa}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-holiday" />
                    <input type="hidden" name="year" value={year} />
                    <input type="hidden" name="id" value={h.id} />
                    <button type="submit" className="small secondary">
                      {t("settings.routing.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="add-holiday" />
          <input type="hidden" name="year" value={year} />
          <label htmlFor="h-jm">{t("settings.calendar.month")}</label>
          <input id="h-jm" name="jm" dir="ltr" size={3} inputMode="numeric" />
          <label htmlFor="h-jd">{t("settings.calendar.day")}</label>
          <input id="h-jd" name="jd" dir="ltr" size={3} inputMode="numeric" />
          <label htmlFor="h-name">{t("settings.calendar.holidayName")}</label>
          <input id="h-name" name="nameFa" />
          <input type="hidden" name="nameEn" value="" />
          <button type="submit">{t("settings.calendar.addHoliday")}</button>
        </Form>
      </section>
    </>
  );
}
