import { describe, expect, it } from "vitest";
import { errorTitle } from "./error-titles";

describe("errorTitle", () => {
  it("names each refusal in the visitor's words", () => {
    expect(errorTitle(403)).toBe("Not allowed");
    expect(errorTitle(404)).toBe("Not found");
    expect(errorTitle(405)).toBe("Not available this way");
    expect(errorTitle(409)).toBe("Cannot be done right now");
    expect(errorTitle(410)).toBe("This link is no longer valid");
    expect(errorTitle(413)).toBe("Too large");
  });

  it("never calls a refusal a fault on our side; only a server error is one", () => {
    expect(errorTitle(422)).toBe("This cannot be done");
    expect(errorTitle(500)).toBe("Something went wrong");
    expect(errorTitle(503)).toBe("Something went wrong");
  });
});
