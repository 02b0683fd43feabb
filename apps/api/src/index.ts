export { startApiServer, type RunningApi, type StartOptions } from "./server";
export { readEnv } from "./env";
