import { describe, expect, it } from "vitest";
import { likeLiteral } from "./like-pattern";

describe("likeLiteral", () => {
  it("escapes LIKE's wildcards and its escape character, and nothing else", () => {
    expect(likeLiteral("_")).toBe("\\_");
    expect(likeLiteral("100%")).toBe("100\\%");
    expect(likeLiteral("a\\b")).toBe("a\\\\b");
    expect(likeLiteral("pr-adv.001 'x'")).toBe("pr-adv.001 'x'");
  });
});
