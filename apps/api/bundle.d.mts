/** See bundle.mjs. */
export function bundleApi(options?: { entry?: string; outfile?: string }): Promise<string>;
/** See bundle.mjs: the flags node runs the bundle with. */
export const RUNTIME_FLAGS: string[];
