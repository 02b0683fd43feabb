export * from "./common";
export * from "./auth";
export * from "./staff";
export * from "./config";
export * from "./categories";
export * from "./requests";
export * from "./attachments";
export * from "./platform";
