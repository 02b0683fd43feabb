import {
  hashSecret,
  parseSessionToken,
  sessionExpired,
  type CityRole,
  type PlatformRole,
} from "@city137/core";
import {
  commitBehind,
  deletePlatformSession,
  deleteStaffSession,
  findPlatformSession,
  findStaffSession,
  touchPlatformSession,
  touchStaffSession,
  withPlatform,
  withTenant,
  type Database,
  type PublicTenant,
} from "@city137/db";

export interface CitySession {
  kind: "city";
  sessionId: string;
  tenantId: string;
  city: PublicTenant;
  user: { id: string; username: string; displayName: string; email: string; roles: CityRole[]; unitIds: string[] };
}

export interface PlatformSession {
  kind: "platform";
  sessionId: string;
  user: { id: string; username: string; displayName: string; email: string; roles: PlatformRole[] };
}

export type Session = CitySession | PlatformSession;

const TOUCH_EVERY_MS = 60_000;

/**
 * A bearer token to its session, or null. The city comes from the token's
 * own tenant id and is proven by finding the hashed secret among that
 * city's sessions; expired sessions are removed on sight.
 */
export async function resolveSession(db: Database, token: string | null, now: Date): Promise<Session | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const tokenHash = hashSecret(parsed.secret);
  if (parsed.kind === "city") {
    const { tenantId } = parsed;
    // Key lookups only: the session's statement may keep its plan (docs/decisions/024). A read
    // alone, so its COMMIT follows it in the same round trip (docs/decisions/034); the rare
    // removal or touch afterwards is a transaction of its own.
    const s = await withTenant(db, tenantId, (tx) => {
      const found = findStaffSession(tx, { tenantId, tokenHash });
      commitBehind(tx);
      return found;
    }, { cachedPlans: true });
    if (!s) return null;
    if (sessionExpired(s, now) || !s.staff.active) {
      await withTenant(db, tenantId, (tx) => deleteStaffSession(tx, { tenantId, sessionId: s.id }));
      return null;
    }
    if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await withTenant(db, tenantId, (tx) => touchStaffSession(tx, { tenantId, sessionId: s.id, at: now }), { cachedPlans: true });
    }
    const { active: _active, ...user } = s.staff;
    return {
      kind: "city" as const,
      sessionId: s.id,
      tenantId,
      city: s.city,
      user: { ...user, unitIds: s.unitIds },
    };
  }
  return withPlatform(db, async (tx) => {
    const s = await findPlatformSession(tx, { tokenHash });
    if (!s) return null;
    if (sessionExpired(s, now) || !s.user.active) {
      await deletePlatformSession(tx, { sessionId: s.id });
      return null;
    }
    if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchPlatformSession(tx, { sessionId: s.id, at: now });
    }
    const { active: _active, ...user } = s.user;
    return { kind: "platform" as const, sessionId: s.id, user };
  });
}
