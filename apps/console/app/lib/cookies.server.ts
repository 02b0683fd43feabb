import { createCookie } from "@remix-run/node";

const secure = process.env.COOKIE_SECURE === "true";

/** The opaque session token from the API; never readable by page scripts. */
export const sessionCookie = createCookie("c137_session", {
  httpOnly: true,
  sameSite: "lax",
  secure,
  path: "/",
  maxAge: 12 * 60 * 60,
});

/** The chosen interface language, remembered for a year. */
export const languageCookie = createCookie("lng", {
  httpOnly: false,
  sameSite: "lax",
  secure,
  path: "/",
  maxAge: 365 * 24 * 60 * 60,
});
