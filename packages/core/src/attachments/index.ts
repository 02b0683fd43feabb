export * from "./rules";
export * from "./sniff";
