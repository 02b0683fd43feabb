/**
 * Account lockout after repeated failed sign-ins (ASVS 2.2.1). Pure: the
 * caller stores failedCount / lockedUntil on the account.
 */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;

export interface LockState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailure(state: LockState, now: Date): LockState {
  // A lock that has expired starts a fresh count.
  const base = state.lockedUntil && state.lockedUntil <= now ? 0 : state.failedCount;
  const failedCount = base + 1;
  const lockedUntil =
    failedCount >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) : null;
  return { failedCount, lockedUntil };
}

export const afterSuccess = (): LockState => ({ failedCount: 0, lockedUntil: null });

/** Session lifetime: absolute cap and idle timeout (ASVS 3.3). */
export const SESSION = { absoluteHours: 12, idleMinutes: 60 } as const;

export function sessionExpired(
  s: { createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  now: Date,
): boolean {
  if (s.expiresAt.getTime() <= now.getTime()) return true;
  return now.getTime() - s.lastSeenAt.getTime() > SESSION.idleMinutes * 60_000;
}
