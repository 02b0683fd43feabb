import { eq, sql } from "drizzle-orm";
import type { PlatformRole } from "@city137/core";
import type { Tx } from "../client";
import { platformUsers } from "../schema";

export async function findPlatformUserByLogin(tx: Tx, p: { login: string }) {
  const [row] = await tx
    .select()
    .from(platformUsers)
    .where(sql`lower(${platformUsers.username}) = ${p.login} or lower(${platformUsers.email}) = ${p.login}`)
    .limit(1);
  return row ?? null;
}

export async function setPlatformUserLockState(
  tx: Tx,
  p: { userId: string; failedCount: number; lockedUntil: Date | null },
) {
  await tx
    .update(platformUsers)
    .set({ failedCount: p.failedCount, lockedUntil: p.lockedUntil })
    .where(eq(platformUsers.id, p.userId));
}

export async function insertPlatformUser(
  tx: Tx,
  p: { username: string; email: string; displayName: string; passwordHash: string; roles: PlatformRole[] },
) {
  const [row] = await tx.insert(platformUsers).values(p).returning({ id: platformUsers.id });
  return row!;
}
