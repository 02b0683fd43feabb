export * from "./format";
export * from "./message";
export { resources, NAMESPACES } from "./resources";
