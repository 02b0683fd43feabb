export * from "./district-index";
export * from "./boundary-import";
export * from "./synthetic";
export * from "./distance";
