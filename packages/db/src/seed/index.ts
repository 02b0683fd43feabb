import { METROPOLIS, hashPassword, isoDateToJalali, slotOf, tehranDayAndMinute, isoDateOfDay, weekdayOfDay, weeklySlots, type CityRole } from "@city137/core";
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { applyTemplate } from "../config/apply-template";
import { directSessions, staff, staffUnits, tenants, units } from "../schema";
import { insertPlatformUser } from "../queries";
import { withPlatform, withTenant } from "../tenant";
import { DEMO_CITIES, DEMO_PASSWORD, demoLogoSvg, type DemoCity, type DemoRoleKey } from "./cities";
import { demoGeography } from "./regions";

export { DEMO_CITIES, DEMO_PASSWORD } from "./cities";

const ROLE_OF: Record<DemoRoleKey, CityRole> = {
  admin: "city_admin",
  supervisor: "supervisor",
  operator: "operator",
  unitstaff: "unit_staff",
  manager: "manager",
  inspector: "inspector",
};

export interface DemoSignIn {
  city: string | null;
  username: string;
  role: string;
}

/**
 * Seeds the four demo cities and the platform staff, through the same doors
 * the application uses. Does nothing when any city exists already.
 */
export async function seedDemo(db: Database): Promise<{ seeded: boolean; signIns: DemoSignIn[] }> {
  const signIns = demoSignIns();
  const existing = await withPlatform(db, (tx) => tx.select({ id: tenants.id }).from(tenants).limit(1));
  if (existing.length > 0) return { seeded: false, signIns };

  const passwordHash = () => hashPassword(DEMO_PASSWORD);
  await withPlatform(db, async (tx) => {
    for (const [username, role, name] of [
      ["platform.admin", "platform_admin", "پریسا مهرپور"],
      ["platform.billing", "platform_billing", "کامران دارایی"],
    ] as const) {
      await insertPlatformUser(tx, {
        username,
        email: `${username}@city137.example`,
        displayName: name,
        passwordHash: await passwordHash(),
        roles: [role],
      });
    }
  });
  for (const city of DEMO_CITIES) await seedCity(db, city, passwordHash);
  return { seeded: true, signIns };
}

async function seedCity(db: Database, city: DemoCity, passwordHash: () => Promise<string>) {
  const [tenant] = await withPlatform(db, (tx) =>
    tx
      .insert(tenants)
      .values({
        slug: city.slug,
        nameFa: city.nameFa,
        nameEn: city.nameEn,
        primaryColor: city.primaryColor,
        secondaryColor: city.secondaryColor,
        logoSvg: demoLogoSvg(city),
        shortNumber: city.shortNumber,
        mapCenterLon: (city.bbox[0] + city.bbox[2]) / 2,
        mapCenterLat: (city.bbox[1] + city.bbox[3]) / 2,
        mapZoom: 11,
      })
      .returning({ id: tenants.id }),
  );
  const tenantId = tenant!.id;
  const hashes = await Promise.all(Object.keys(ROLE_OF).map(() => passwordHash()));

  await withTenant(db, tenantId, async (tx) => {
    await applyTemplate(tx, {
      tenantId,
      template: METROPOLIS,
      geography: demoGeography(city),
      jalaliYear: isoDateToJalali(new Date().toISOString().slice(0, 10)).jy,
    });
    const staffRows = await tx
      .insert(staff)
      .values(
        (Object.keys(ROLE_OF) as DemoRoleKey[]).map((key, i) => ({
          tenantId,
          username: `${city.slug}.${key}`,
          email: `${key}@${city.slug}.city137.example`,
          displayName: city.people[key],
          passwordHash: hashes[i]!,
          roles: [ROLE_OF[key]],
        })),
      )
      .returning({ id: staff.id, username: staff.username });
    // The demo unit staff works in region 1: its office and its first district's office.
    const unitStaff = staffRows.find((s) => s.username.endsWith(".unitstaff"))!;
    const offices = await tx
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.code, ["R01-OFFICE", "R01-D01-OFFICE"]));
    await tx.insert(staffUnits).values(offices.map((o) => ({ tenantId, staffId: unitStaff.id, unitId: o.id })));
    if (city.directSession) {
      const manager = staffRows.find((s) => s.username.endsWith(".manager"))!;
      const [hq] = await tx.select({ id: units.id }).from(units).where(eq(units.code, "HQ"));
      await tx.insert(staffUnits).values({ tenantId, staffId: manager.id, unitId: hq!.id });
      await tx.insert(directSessions).values(
        nextWeekdaySlots(city.directSession).map((slot) => ({
          tenantId,
          managerStaffId: manager.id,
          managerTitleFa: city.directSession!.titleFa,
          managerTitleEn: city.directSession!.titleEn,
          unitId: hq!.id,
          ...slot,
        })),
      );
    }
  });
}

/** The next few dated sessions on the city's weekday (Tehran time), from tomorrow on. */
function nextWeekdaySlots(d: NonNullable<DemoCity["directSession"]>) {
  let day = tehranDayAndMinute(new Date()).day + 1;
  while (weekdayOfDay(day) !== d.weekday) day += 1;
  return weeklySlots(slotOf(isoDateOfDay(day), d.start, d.end)!, 4);
}

function demoSignIns(): DemoSignIn[] {
  const rows: DemoSignIn[] = [
    { city: null, username: "platform.admin", role: "platform_admin" },
    { city: null, username: "platform.billing", role: "platform_billing" },
  ];
  for (const city of DEMO_CITIES) {
    for (const key of Object.keys(ROLE_OF) as DemoRoleKey[]) {
      rows.push({ city: city.slug, username: `${city.slug}.${key}`, role: ROLE_OF[key] });
    }
  }
  return rows;
}
