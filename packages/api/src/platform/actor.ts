/** Who does a platform action, for the platform audit log. */
export interface PlatformActor {
  platformUserId: string;
  ip: string | null;
  now: Date;
}
