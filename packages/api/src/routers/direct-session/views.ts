import { notFound, publicDescription, tehranSlot } from "@city137/core";
import { directSessionQuestions, getDirectSession, listDirectSessions, listPublishedDirectSessions, listUpcomingDirectSessions, type Tx } from "@city137/db";

type SessionRow = Awaited<ReturnType<typeof listDirectSessions>>[number];

const shape = (s: SessionRow) => ({
  ...s,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  tehran: tehranSlot(s),
});

/** The console's timetable: from yesterday on, plus every live or ended session not yet published. */
export async function timetable(tx: Tx, p: { tenantId: string; now: Date }) {
  const rows = await listDirectSessions(tx, { tenantId: p.tenantId, since: new Date(p.now.getTime() - 86_400_000) });
  return rows.map(shape);
}

/** One session with its questions and answers, for the operators and the manager. */
export async function sessionWithQuestions(tx: Tx, p: { tenantId: string; id: string; now: Date }) {
  const session = await getDirectSession(tx, { tenantId: p.tenantId, id: p.id });
  if (!session) throw notFound();
  const [row] = (await listDirectSessions(tx, { tenantId: p.tenantId, since: new Date(0) })).filter((s) => s.id === session.id);
  const questions = await directSessionQuestions(tx, { tenantId: p.tenantId, sessionIds: [session.id] });
  return { session: shape(row!), questions: questions.map((q) => ({ ...q, createdAt: q.createdAt.toISOString() })) };
}

/**
 * The portal's page: upcoming sessions and the published ones with their
 * questions and answers. No citizen's name, mobile or tracking code; question
 * and answer redacted like the public messages.
 */
export async function portalSessions(tx: Tx, p: { tenantId: string; now: Date }) {
  const upcoming = await listUpcomingDirectSessions(tx, { tenantId: p.tenantId, now: p.now, limit: 12 });
  const published = await listPublishedDirectSessions(tx, { tenantId: p.tenantId, limit: 12 });
  const questions = await directSessionQuestions(tx, { tenantId: p.tenantId, sessionIds: published.map((s) => s.id) });
  const pub = (s: SessionRow) => ({
    id: s.id,
    managerName: s.managerName,
    managerTitleFa: s.managerTitleFa,
    managerTitleEn: s.managerTitleEn,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    tehran: tehranSlot(s),
    status: s.status,
  });
  return {
    upcoming: upcoming.map(pub),
    published: published.map((s) => ({
      ...pub(s),
      questions: questions
        .filter((q) => q.sessionId === s.id && q.answer)
        .map((q, i) => ({ n: i + 1, question: publicDescription(q.description), answer: publicDescription(q.answer!) })),
    })),
  };
}
