import {
  AppError,
  afterFailure,
  afterSuccess,
  cityToken,
  decoyPasswordHash,
  hashSecret,
  isLocked,
  LOCKOUT,
  newSessionSecret,
  normalizeLogin,
  platformToken,
  SESSION,
  verifyPassword,
} from "@city137/core";
import {
  createPlatformSession,
  createStaffSession,
  findPlatformUserByLogin,
  findStaffByLogin,
  findTenantBySlug,
  recordAudit,
  recordPlatformAudit,
  setPlatformUserLockState,
  setStaffLockState,
  withoutTenant,
  withPlatform,
  withTenant,
  type Database,
  type Tx,
} from "@city137/db";
import type { SignInInput } from "@city137/validators";

export interface SignInResult {
  token: string;
  expiresAt: string;
}

interface Account {
  id: string;
  passwordHash: string;
  active: boolean;
  failedCount: number;
  lockedUntil: Date | null;
}

/** Where one kind of account lives: a city's staff or the platform's. */
interface AccountStore {
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  find(tx: Tx, login: string): Promise<Account | null>;
  setLock(tx: Tx, id: string, state: { failedCount: number; lockedUntil: Date | null }): Promise<void>;
  audit(tx: Tx, e: { action: string; actorId?: string; detail?: unknown }): Promise<void>;
  createSession(tx: Tx, userId: string, tokenHash: string, now: Date, expiresAt: Date): Promise<void>;
  token(secret: string): string;
}

const invalid = () => new AppError("UNAUTHORIZED", "errors.auth.invalidCredentials");

/**
 * Signs a member of staff in. The same answer for an unknown name, a wrong
 * password and an inactive account; a locked account says for how long.
 * The password is checked outside any transaction so a slow KDF holds no
 * connection.
 */
export async function signIn(
  db: Database,
  input: SignInInput,
  client: { ip: string | null; now: Date },
): Promise<SignInResult> {
  const store = input.city ? await cityStore(db, input.city, client.ip) : platformStore(db, client.ip);
  const login = normalizeLogin(input.login);
  const account = await store.run((tx) => store.find(tx, login));

  if (!account) {
    await verifyPassword(input.password, await decoyPasswordHash());
    await store.run((tx) => store.audit(tx, { action: "auth.sign_in_failed", detail: { login, reason: "unknown" } }));
    throw invalid();
  }
  if (isLocked(account, client.now)) {
    await store.run((tx) =>
      store.audit(tx, { action: "auth.sign_in_failed", actorId: account.id, detail: { reason: "locked" } }),
    );
    throw lockedError(account.lockedUntil!, client.now);
  }
  const passwordOk = await verifyPassword(input.password, account.passwordHash);
  if (!passwordOk || !account.active) {
    const state = passwordOk ? account : afterFailure(account, client.now);
    await store.run(async (tx) => {
      if (!passwordOk) await store.setLock(tx, account.id, state);
      await store.audit(tx, {
        action: "auth.sign_in_failed",
        actorId: account.id,
        detail: { reason: passwordOk ? "inactive" : "password", failedCount: state.failedCount },
      });
      if (state.lockedUntil && !account.lockedUntil) {
        await store.audit(tx, { action: "auth.locked", actorId: account.id, detail: { minutes: LOCKOUT.lockMinutes } });
      }
    });
    if (state.lockedUntil) throw lockedError(state.lockedUntil, client.now);
    throw invalid();
  }

  const secret = newSessionSecret();
  const expiresAt = new Date(client.now.getTime() + SESSION.absoluteHours * 3600_000);
  await store.run(async (tx) => {
    await store.setLock(tx, account.id, afterSuccess());
    await store.createSession(tx, account.id, hashSecret(secret), client.now, expiresAt);
    await store.audit(tx, { action: "auth.sign_in", actorId: account.id });
  });
  return { token: store.token(secret), expiresAt: expiresAt.toISOString() };
}

function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError("TOO_MANY_REQUESTS", "errors.auth.locked", { params: { minutes } });
}

async function cityStore(db: Database, slug: string, ip: string | null): Promise<AccountStore> {
  const city = await withoutTenant(db, (tx) => findTenantBySlug(tx, slug));
  if (!city) throw new AppError("NOT_FOUND", "errors.city.notFound", { field: "city" });
  const tenantId = city.id;
  return {
    run: (fn) => withTenant(db, tenantId, fn),
    find: (tx, login) => findStaffByLogin(tx, { tenantId, login }),
    setLock: (tx, staffId, s) => setStaffLockState(tx, { tenantId, staffId, ...s }),
    audit: (tx, e) => recordAudit(tx, tenantId, { ...e, targetType: "staff", targetId: e.actorId, ip }),
    createSession: (tx, staffId, tokenHash, now, expiresAt) =>
      createStaffSession(tx, { tenantId, staffId, tokenHash, now, expiresAt }),
    token: (secret) => cityToken(tenantId, secret),
  };
}

function platformStore(db: Database, ip: string | null): AccountStore {
  return {
    run: (fn) => withPlatform(db, fn),
    find: (tx, login) => findPlatformUserByLogin(tx, { login }),
    setLock: (tx, userId, s) => setPlatformUserLockState(tx, { userId, ...s }),
    audit: (tx, e) => recordPlatformAudit(tx, { ...e, targetType: "platform_user", targetId: e.actorId, ip }),
    createSession: (tx, userId, tokenHash, now, expiresAt) =>
      createPlatformSession(tx, { userId, tokenHash, now, expiresAt }),
    token: platformToken,
  };
}
