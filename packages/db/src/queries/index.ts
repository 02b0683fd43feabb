export * from "./tenants";
export * from "./staff";
export * from "./sessions";
export * from "./platform-users";
export * from "./audit";
export * from "./geography";
