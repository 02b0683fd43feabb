import pino from "pino";

/** JSON logs; credentials never reach them. `destination` (default stdout) lets a test read them. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    base: { service: "city137-api" },
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.token", "*.passwordHash"],
      censor: "[redacted]",
    },
  }, destination);
}

export type Logger = ReturnType<typeof createLogger>;
