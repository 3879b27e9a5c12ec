import { describe, expect, it } from "vitest";
import { focusTargetAfter } from "./navigation-focus";

describe("focusTargetAfter", () => {
  it("focuses the new page's heading when the pathname changed, whatever brought it", () => {
    expect(focusTargetAfter({ pathnameChanged: true })).toBe("heading");
    expect(focusTargetAfter({ pathnameChanged: true, formMethod: "POST" })).toBe("heading");
    expect(focusTargetAfter({ pathnameChanged: true, formMethod: "GET" })).toBe("heading");
  });

  it("focuses the answer of a form posted to the same page", () => {
    expect(focusTargetAfter({ pathnameChanged: false, formMethod: "POST" })).toBe("outcome");
    expect(focusTargetAfter({ pathnameChanged: false, formMethod: "delete" })).toBe("outcome");
  });

  it("keeps a filter form's control, and focuses the heading after a link to another page of the list", () => {
    expect(focusTargetAfter({ pathnameChanged: false, formMethod: "GET" })).toBe("control");
    expect(focusTargetAfter({ pathnameChanged: false })).toBe("heading");
  });
});
