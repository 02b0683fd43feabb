import config from "@city137/config/eslint";

export default [
  ...config,
  { ignores: ["results/**", ".bundle/**"] },
  {
    // Bench tools, not product paths: the bulk loader writes with COPY and the
    // reference server is raw postgres.js by definition, so both open their
    // own connections; the intake bodies and the console bench read fixtures as the owner.
    // Everything else still goes through packages/db.
    files: ["src/generate/**", "src/intake/reference-server.ts", "src/intake/main.ts", "src/intake/bodies.ts", "src/console/main.ts", "src/staff/**"],
    rules: { "no-restricted-imports": "off" },
  },
];
