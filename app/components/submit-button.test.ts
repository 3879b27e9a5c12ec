import { describe, expect, it } from "vitest";
import { formBeingSent } from "./submit-button";

describe("formBeingSent", () => {
  it("holds a form that changes something from its sending until its answer is shown", () => {
    expect(formBeingSent({ state: "submitting", formMethod: "POST" })).toBe(true);
    // The action answered with a redirect (or data) and the page is loading: a second press would
    // carry the action out again.
    expect(formBeingSent({ state: "loading", formMethod: "POST" })).toBe(true);
    expect(formBeingSent({ state: "loading", formMethod: "delete" })).toBe(true);
  });

  it("lets go once the page is idle, and never holds a link or a filter form", () => {
    expect(formBeingSent({ state: "idle" })).toBe(false);
    expect(formBeingSent({ state: "loading" })).toBe(false);
    expect(formBeingSent({ state: "loading", formMethod: "GET" })).toBe(false);
    expect(formBeingSent({ state: "submitting", formMethod: "GET" })).toBe(false);
  });
});
