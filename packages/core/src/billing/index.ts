export * from "./state";
export * from "./money";
export * from "./period";
export * from "./invoice";
export * from "./tenant-status";
