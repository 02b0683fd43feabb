export * from "./types";
export * from "./metropolis";
export * from "./logo";
