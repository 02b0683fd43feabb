/** See bundle.mjs. */
export function bundleApi(options?: { entry?: string; outfile?: string }): Promise<string>;
