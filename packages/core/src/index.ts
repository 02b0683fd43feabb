export * from "./errors/app-error";
export * from "./auth/roles";
export * from "./auth/password";
export * from "./auth/session-token";
export * from "./auth/lockout";
export * from "./text/digits";
export * from "./text/normalize";
