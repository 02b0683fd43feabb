export * from "./tenants";
export * from "./platform";
export * from "./regions";
export * from "./units";
export * from "./staff";
export * from "./sessions";
export * from "./audit-log";
