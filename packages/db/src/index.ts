export { createDatabase, type Database, type DatabaseOptions, type Tx } from "./client";
export { withTenant, withoutTenant, withPlatform, isUuid } from "./tenant";
export { runMigrations } from "./migrate";
export { JOB_QUEUES, JOB_SCHEDULES, JOB_SCHEMA, jobQueueConnection, type JobQueueName } from "./job-queues";
export { assertRuntimeRoleSafe } from "./safety";
export { seedDemo, DEMO_CITIES, DEMO_PASSWORD, type DemoSignIn } from "./seed";
export * from "./queries";
export * as schema from "./schema";
export { sqlState, isUniqueViolation } from "./errors";
