export * from "./tracking-code";
export * from "./state-machine";
