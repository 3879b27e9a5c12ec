// Checking a password, with throttling that holds across app instances (attempts live in the database).
import { THROTTLE, throttleVerdict, type ThrottleVerdict } from "~/domain/sign-in-throttle";
import { hashPassword, verifyPassword } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { normalizeEmail } from "./user.server";

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "wrong-credentials" }
  | { ok: false; reason: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> };

// A real hash to verify against for unknown emails, so both paths take the same time.
let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hashPassword(crypto.randomUUID()));

async function verdictFor(email: string, ipAddress: string, now: Date) {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const [lastSuccess, addressFailures] = await Promise.all([
    prisma.signInAttempt.findFirst({
      where: { email, succeeded: true, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    prisma.signInAttempt.findMany({
      where: { ipAddress, succeeded: false, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: THROTTLE.failuresPerAddress,
      select: { createdAt: true },
    }),
  ]);
  const accountFailures = await prisma.signInAttempt.findMany({
    where: { email, succeeded: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: "desc" },
    take: THROTTLE.failuresPerAccount,
    select: { createdAt: true },
  });
  return throttleVerdict(
    accountFailures.map((attempt) => attempt.createdAt),
    addressFailures.map((attempt) => attempt.createdAt),
    now,
  );
}

export async function attemptSignIn(input: { email: string; password: string; ipAddress: string }): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const verdict = await verdictFor(email, input.ipAddress, new Date());
  if (!verdict.allowed) return { ok: false, reason: "throttled", verdict };
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await unknownUserHash()), input.password);
  const succeeded = Boolean(user && valid);
  await prisma.signInAttempt.create({ data: { email, ipAddress: input.ipAddress, succeeded } });
  return succeeded ? { ok: true, userId: user!.id } : { ok: false, reason: "wrong-credentials" };
}
