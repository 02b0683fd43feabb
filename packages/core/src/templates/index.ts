export * from "./types";
export * from "./metropolis";
