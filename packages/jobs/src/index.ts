export { startJobs, type Jobs, type JobsOptions, type CityJob } from "./jobs";
export { sweepDeadlines, type SweepOptions, type SweepResult } from "./deadlines";
export { relayOutbox, RELAY_DEFAULTS, type RelayOptions, type RelayResult } from "./relay";
export { loggingDispatcher, type Dispatcher, type OutboxMessage } from "./dispatcher";
export { silentLog, type JobLog } from "./log";
export { meterCity, applyStripeEventJob } from "./billing";
export { refreshInsightCity } from "./insight";
