/** Reference rows use sequence numbers far above the city's own; they are deleted after the run. */
export const REFERENCE_SEQ_FROM = 50_000_000;
