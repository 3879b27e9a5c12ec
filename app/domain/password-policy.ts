import { z } from "zod";

// NIST SP 800-63B: length over composition rules, and refuse passwords known to be common.
const COMMON = new Set([
  "password", "password1", "password123", "123456789", "1234567890", "qwertyuiop", "iloveyou1",
  "letmein123", "welcome123", "recovery123", "peerpath123", "passw0rd123", "abc1234567", "qwerty1234",
]);

export const PASSWORD_MIN_LENGTH = 10;

export const PasswordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for your password`)
  .max(200, "Use at most 200 characters for your password")
  .refine((password) => !COMMON.has(password.toLowerCase()), "That password is too common; choose another")
  .refine((password) => new Set(password).size >= 4, "Use more different characters in your password");
