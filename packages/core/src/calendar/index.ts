export * from "./tehran-time";
export * from "./jalali";
export * from "./sla-calendar";
