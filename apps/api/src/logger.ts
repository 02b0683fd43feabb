import pino from "pino";

/** JSON logs; credentials never reach them. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "city137-api" },
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.token", "*.passwordHash"],
      censor: "[redacted]",
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
