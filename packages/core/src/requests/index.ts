export * from "./tracking-code";
export * from "./state-machine";
export * from "./attributes";
export * from "./access";
export * from "./escalation";
