export * from "./receipt";
