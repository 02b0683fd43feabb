import { renderSVG } from "uqr";

/** The code's portal address as a QR image (SVG, as a data URL so nothing in it can run). */
export function qrImage(url: string): string {
  const svg = renderSVG(url, { ecc: "M", border: 2 });
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** Where a printed code points: this console's own origin (behind a proxy, the forwarded one). */
export function portalOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
