export * from "./vocabulary";
export * from "./types";
export * from "./engine";
export * from "./validate";
