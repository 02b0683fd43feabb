import { defineConfig } from "drizzle-kit";

// Generates SQL from src/schema. Roles, RLS and grants are applied by
// sql/hardening.sql after every migration run (see docs/decisions/002).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});
