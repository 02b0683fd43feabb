/** The browser-safe part of a message's life: states, actions and who may take them (no node: imports). */
export * from "./state-machine";
export * from "./access";
