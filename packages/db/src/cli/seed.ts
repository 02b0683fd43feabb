import { createDatabase } from "../client";
import { runMigrations } from "../migrate";
import { seedDemo } from "../seed";
import { cliDatabaseOptions } from "./env";

const db = await createDatabase(cliDatabaseOptions());
try {
  await runMigrations(db);
  const { seeded } = await seedDemo(db);
  console.log(seeded ? "Demo cities seeded." : "Cities exist already; nothing seeded.");
} finally {
  await db.close();
}
