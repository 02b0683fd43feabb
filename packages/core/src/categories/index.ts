export * from "./tree";
export * from "./import";
