/** The slice of a pino logger the jobs use (the API's logger fits). */
export interface JobLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: JobLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
