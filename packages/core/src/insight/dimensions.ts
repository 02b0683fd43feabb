/** What volume can be broken down by. */
export const DIMENSIONS = ["none", "channel", "kind", "category", "region", "district", "unit", "shift"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Groups of messages a figure stands for, for drill-down: each service figure
 * names the group whose messages it counts.
 */
export const MESSAGE_GROUPS = ["all", "open", "resolved", "due", "on_time", "late", "reopened", "duplicate", "forwarded", "rated", "resolved_in_target", "scored"] as const;
export type MessageGroup = (typeof MESSAGE_GROUPS)[number];
