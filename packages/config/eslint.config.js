import tseslint from "typescript-eslint";

const doors = ["withTenant", "withPlatform", "withoutTenant", "withNewTenant", "createDatabase"];

/**
 * Shared lint rules. The restricted imports keep the tenant wrapper the only
 * door to tenant data: routers use ctx.tenant()/ctx.platform()/ctx.registry(),
 * and the console never touches the database package.
 */
export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/build/**", "**/dist/**", "**/.data/**", "**/migrations/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["drizzle-orm/pglite", "drizzle-orm/postgres-js", "postgres", "@electric-sql/pglite"], message: "Only packages/db opens database connections." }] },
      ],
    },
  },
  {
    files: ["packages/db/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["packages/api/src/routers/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@city137/db", importNames: doors, message: "Routers reach data through ctx.tenant(), ctx.platform() or ctx.registry()." }] },
      ],
    },
  },
  {
    // Tests may look at rows directly to check what a procedure wrote.
    files: ["packages/api/src/**/*.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["apps/console/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@city137/db", "@city137/db/*"], message: "The console talks to the API through @trpc/client only." }] },
      ],
    },
  },
);
