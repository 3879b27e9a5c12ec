import crypto from "node:crypto";
import { prisma } from "./db.server";

let cached: string | undefined;

/**
 * The secret that signs cookies. SESSION_SECRET wins when set; otherwise one is generated on first use
 * and kept in the database, so every instance on the same database signs alike.
 */
export async function signingSecret(): Promise<string> {
  if (cached) return cached;
  if (process.env.SESSION_SECRET) return (cached = process.env.SESSION_SECRET);
  const generated = crypto.randomBytes(32).toString("base64url");
  await prisma.appSetting.upsert({
    where: { key: "signing-secret" },
    create: { key: "signing-secret", value: generated },
    update: {},
  });
  const setting = await prisma.appSetting.findUniqueOrThrow({ where: { key: "signing-secret" } });
  return (cached = setting.value);
}
