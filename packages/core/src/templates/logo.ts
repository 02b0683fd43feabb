/** A plain starting logo for a new city (its colours, "۱۳۷" and its name) until the city uploads its own. */
export function starterLogoSvg(city: { nameFa: string; primaryColor: string; secondaryColor: string }): string {
  const name = city.nameFa.replace(/[<>&"']/g, "");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">`,
    `<rect width="64" height="64" rx="14" fill="${city.primaryColor}"/>`,
    `<circle cx="48" cy="16" r="8" fill="${city.secondaryColor}"/>`,
    `<text x="32" y="42" font-family="Vazirmatn, Tahoma, sans-serif" font-size="18" font-weight="700" text-anchor="middle" fill="#fff">۱۳۷</text>`,
    `<text x="32" y="58" font-family="Vazirmatn, Tahoma, sans-serif" font-size="9" text-anchor="middle" fill="#fff">${name}</text>`,
    `</svg>`,
  ].join("");
}
