/**
 * One description of a response, written as XML (the spec's required format,
 * with its element names) or as JSON (the Spark convention: a list element's
 * repeated children become an array; the list itself is the JSON root).
 */
export type Open311Format = "xml" | "json";

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The child element name of each list element. */
const ITEM: Record<string, string> = {
  services: "service",
  attributes: "attribute",
  values: "value",
  service_requests: "request",
  service_request_updates: "request_update",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
};

export interface Document {
  /** The XML root element; for a list root its items are named by ITEM. */
  root: string;
  body: Value;
}

export const CONTENT_TYPE: Record<Open311Format, string> = {
  xml: "text/xml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except lone surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function element(name: string, value: Value, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${name}/>\n`;
  if (Array.isArray(value)) {
    const item = ITEM[name];
    if (!item) throw new Error(`no item name for list element ${name}`);
    if (value.length === 0) return `${indent}<${name}/>\n`;
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join("")}${indent}</${name}>\n`;
  }
  if (typeof value === "object") {
    const children = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `));
    return `${indent}<${name}>\n${children.join("")}${indent}</${name}>\n`;
  }
  const text = typeof value === "string" ? value : String(value);
  return text === "" ? `${indent}<${name}/>\n` : `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
}

export function toXml(doc: Document): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(doc.root, doc.body, "")}`;
}

export function render(doc: Document, format: Open311Format): string {
  return format === "xml" ? toXml(doc) : JSON.stringify(doc.body);
}
