export * from "./formula";
export * from "./score";
