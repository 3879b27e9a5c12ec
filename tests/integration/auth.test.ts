import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { NUL_IN_FORM } from "~/utils/csrf.server";
import { loader as traineeLoader } from "~/routes/trainee._index";
import { loader as rootLoader } from "~/root";
import { THROTTLE } from "~/domain/sign-in-throttle";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, setCookies, uniqueEmail, userWithRole } from "./helpers";

const signUp = async (fields: Record<string, string>) => call(signupAction, await postRequest("/signup", fields));
const signIn = async (email: string, password: string, address = "127.0.0.1") =>
  call(loginAction, await postRequest("/login", { email, password }), {}, address);
const sessionFrom = (response: Response) => setCookies(response).find((c) => c.startsWith("peerpath_session="))!.split(";")[0]!;

describe("sign-up", () => {
  it("creates a trainee, signs them in and sends them to their home", async () => {
    const email = uniqueEmail("new");
    const response = await signUp({ name: "Nia New", email, password: "a long walk home", confirmPassword: "a long walk home" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/trainee");
    const cookie = setCookies(response).find((c) => c.startsWith("peerpath_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    expect(user.roles.map((r) => r.role)).toEqual(["TRAINEE"]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const home = await call(traineeLoader, getRequest("/trainee", [sessionFrom(response)]));
    expect(home.status).toBe(200);
  });

  it("refuses a taken email with a clear message and creates nothing", async () => {
    const existing = await userWithRole("TRAINEE");
    const before = await prisma.user.count();
    const response = await signUp({ name: "Copy", email: existing.email.toUpperCase(), password: "another good one", confirmPassword: "another good one" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.email[0]).toMatch(/already exists/);
    expect(await prisma.user.count()).toBe(before);
  });

  it("refuses a weak password and an invalid email", async () => {
    const email = uniqueEmail("weak");
    const weak = await signUp({ name: "Weak", email, password: "short", confirmPassword: "short" });
    expect(weak.status).toBe(400);
    expect((await weak.json()).errors.password[0]).toMatch(/at least 10 characters/);
    const common = await signUp({ name: "Common", email, password: "password123", confirmPassword: "password123" });
    expect((await common.json()).errors.password[0]).toMatch(/too common/);
    const invalid = await signUp({ name: "Bad", email: "not-an-email", password: "a long walk home", confirmPassword: "a long walk home" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors.email[0]).toMatch(/valid email/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a form with a null character, which the database cannot store, with 400 and changes nothing", async () => {
    const email = uniqueEmail("nul");
    const response = await signUp({ name: "Nul\0Name", email, password: "a long walk home", confirmPassword: "a long walk home" });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(NUL_IN_FORM);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a post with a forged CSRF token and changes nothing", async () => {
    const email = uniqueEmail("forged");
    const request = await postRequest("/signup", {
      name: "Forged",
      email,
      password: "a long walk home",
      confirmPassword: "a long walk home",
      csrf: "forged-token-forged-token-forged",
    });
    const response = await call(signupAction, request);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/could not be verified/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a post with no CSRF cookie at all", async () => {
    const email = uniqueEmail("nocookie");
    const request = new Request("http://localhost/signup", {
      method: "POST",
      body: new URLSearchParams({ csrf: "x", name: "N", email, password: "a long walk home", confirmPassword: "a long walk home" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect((await call(signupAction, request)).status).toBe(403);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe("sessions", () => {
  it("treats a tampered session cookie as signed out and clears it", async () => {
    const user = await userWithRole("TRAINEE");
    const signedIn = await signIn(user.email, "correct horse battery");
    const tampered = sessionFrom(signedIn).slice(0, -2) + "zz";
    const page = await call(traineeLoader, getRequest("/trainee", [tampered]));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Ftrainee");
    const root = await call(rootLoader, getRequest("/", [tampered]));
    expect(setCookies(root).some((c) => /^peerpath_session=;/.test(c))).toBe(true);
  });

  it("signs out: the old session no longer opens pages", async () => {
    const user = await userWithRole("TRAINEE");
    const session = sessionFrom(await signIn(user.email, "correct horse battery"));
    expect((await call(traineeLoader, getRequest("/trainee", [session]))).status).toBe(200);
    const out = await call(logoutAction, await postRequest("/logout", {}, [session]));
    expect(out.status).toBe(302);
    expect((await call(traineeLoader, getRequest("/trainee", [session]))).status).toBe(302);
  });
});

describe("sign-in throttling", () => {
  it("locks an account after repeated wrong passwords, even for the right one, and tells the user when to retry", async () => {
    const user = await userWithRole("TRAINEE");
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await signIn(user.email, "wrong password!", `10.0.0.${i}`);
      statuses.push(response.status);
      if (i === 9) expect((await response.json()).formError).toMatch(/Too many failed sign-in attempts for this account. Try again in 15 minutes/);
    }
    expect(statuses).toEqual([...Array(THROTTLE.failuresPerAccount).fill(400), ...Array(10 - THROTTLE.failuresPerAccount).fill(429)]);
    const right = await signIn(user.email, "correct horse battery", "10.0.1.1");
    expect(right.status).toBe(429);
    expect(setCookies(right).some((c) => c.startsWith("peerpath_session="))).toBe(false);
    // Another account is not affected.
    const other = await userWithRole("TRAINEE");
    expect((await signIn(other.email, "correct horse battery", "10.0.1.1")).status).toBe(302);
  });

  it("a success clears the account's count", async () => {
    const user = await userWithRole("TRAINEE");
    for (let i = 0; i < THROTTLE.failuresPerAccount - 1; i++) await signIn(user.email, "wrong password!", "10.1.0.1");
    expect((await signIn(user.email, "correct horse battery", "10.1.0.1")).status).toBe(302);
    for (let i = 0; i < THROTTLE.failuresPerAccount - 1; i++) await signIn(user.email, "wrong password!", "10.1.0.1");
    expect((await signIn(user.email, "correct horse battery", "10.1.0.1")).status).toBe(302);
  });

  it("throttles an address that tries many accounts", async () => {
    const address = "192.0.2.77";
    for (let i = 0; i < THROTTLE.failuresPerAddress; i++) await signIn(uniqueEmail("spray"), "whatever it is", address);
    const user = await userWithRole("TRAINEE");
    const response = await signIn(user.email, "correct horse battery", address);
    expect(response.status).toBe(429);
    expect((await response.json()).formError).toMatch(/from your network/);
    expect((await signIn(user.email, "correct horse battery", "192.0.2.78")).status).toBe(302);
  });

  it("sends a signed-in user back to the page they asked for, but never off-site", async () => {
    const user = await userWithRole("TRAINEE");
    const back = await call(loginAction, await postRequest("/login", { email: user.email, password: "correct horse battery", redirectTo: "/trainee?x=1" }));
    expect(back.headers.get("Location")).toBe("/trainee?x=1");
    const offsite = await call(loginAction, await postRequest("/login", { email: user.email, password: "correct horse battery", redirectTo: "//evil.example" }));
    expect(offsite.headers.get("Location")).toBe("/trainee");
  });
});
