import { deletePlatformSession, deleteStaffSession, recordAudit, recordPlatformAudit, withPlatform, withTenant, type Database } from "@city137/db";
import type { Session } from "./session";

export async function signOut(db: Database, session: Session, ip: string | null): Promise<void> {
  if (session.kind === "city") {
    const { tenantId } = session;
    await withTenant(db, tenantId, async (tx) => {
      await deleteStaffSession(tx, { tenantId, sessionId: session.sessionId });
      await recordAudit(tx, tenantId, { action: "auth.sign_out", actorId: session.user.id, targetType: "staff", targetId: session.user.id, ip });
    });
    return;
  }
  await withPlatform(db, async (tx) => {
    await deletePlatformSession(tx, { sessionId: session.sessionId });
    await recordPlatformAudit(tx, { action: "auth.sign_out", actorId: session.user.id, ip });
  });
}
