export * from "./periods";
export * from "./stats";
export * from "./dimensions";
export * from "./hours";
export * from "./spans";
