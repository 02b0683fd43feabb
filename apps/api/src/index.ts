export { optionsFromEnv, startApiServer, type RunningApi, type StartOptions } from "./server";
export { createLogger } from "./logger";
export { readEnv } from "./env";
