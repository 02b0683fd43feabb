import { sql } from "drizzle-orm";

/** A list of ints as one text parameter (one bind whatever its length; no value may hold a comma). */
export const intArray = (xs: number[]) => sql`string_to_array(${xs.join(",")}, ',')::int[]`;
/** A list of texts without commas (digits, keys) as one text parameter. */
export const textArray = (xs: string[]) => sql`string_to_array(${xs.join(",")}, ',')`;
