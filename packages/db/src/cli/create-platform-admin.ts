import { parseArgs } from "node:util";
import { hashPassword, passwordProblem } from "@city137/core";
import { createDatabase } from "../client";
import { insertPlatformUser, recordPlatformAudit } from "../queries";
import { withPlatform } from "../tenant";
import { cliDatabaseOptions } from "./env";

/**
 * Creates a platform admin on a production database; there are no default
 * passwords outside the demo seed. The password is read from the
 * PLATFORM_ADMIN_PASSWORD variable or standard input, never from argv
 * (shell history, process list).
 */
const { values } = parseArgs({
  options: {
    username: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
  },
});
if (!values.username || !values.email) {
  console.error(
    "Usage: create-platform-admin --username NAME --email ADDRESS [--name 'Display name']\n" +
      "The password comes from PLATFORM_ADMIN_PASSWORD or standard input.",
  );
  process.exit(2);
}
const password = process.env.PLATFORM_ADMIN_PASSWORD ?? (await readStdin()).trim();
const problem = passwordProblem(password);
if (problem) {
  console.error("The password must be between 10 and 128 characters.");
  process.exit(2);
}
const db = await createDatabase(cliDatabaseOptions());
try {
  const user = await withPlatform(db, async (tx) => {
    const row = await insertPlatformUser(tx, {
      username: values.username!,
      email: values.email!,
      displayName: values.name ?? values.username!,
      passwordHash: await hashPassword(password),
      roles: ["platform_admin"],
    });
    await recordPlatformAudit(tx, { action: "platform_user.created_by_cli", targetType: "platform_user", targetId: row.id });
    return row;
  });
  console.log(`Platform admin "${values.username}" created (${user.id}).`);
} catch (err) {
  const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
  console.error(code === "23505" ? "A platform user with that name or e-mail exists already." : String(err));
  process.exitCode = 1;
} finally {
  await db.close();
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
