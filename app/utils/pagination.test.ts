import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pageCount, pageFrom, pageOfPagesText, pastLastPageText } from "./pagination";

describe("pagination", () => {
  it("reads the page from the address, falling back to the first on nonsense", () => {
    expect(pageFrom(new Request("http://localhost/hours?page=3"))).toEqual({ page: 3, skip: 2 * PAGE_SIZE, take: PAGE_SIZE });
    expect(pageFrom(new Request("http://localhost/hours?page=zero")).page).toBe(1);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(PAGE_SIZE + 1)).toBe(2);
  });

  it("says a page past the last is past the end, instead of the list's 'nothing yet' words", () => {
    expect(pastLastPageText(999, 3)).toBe("Page 999 is past the end of this list, which has 1 page.");
    expect(pastLastPageText(4, 2 * PAGE_SIZE + 1)).toBe("Page 4 is past the end of this list, which has 3 pages.");
  });

  it("leaves the list's own words when it is really empty, or the page is within it", () => {
    expect(pastLastPageText(999, 0)).toBeNull();
    expect(pastLastPageText(1, 0)).toBeNull();
    expect(pastLastPageText(3, 2 * PAGE_SIZE + 1)).toBeNull();
  });

  it("names the page in a caption only when it is one of the list's pages", () => {
    expect(pageOfPagesText(2, 3)).toBe(", page 2 of 3");
    expect(pageOfPagesText(1, 1)).toBe("");
    expect(pageOfPagesText(99999, 3)).toBe("");
  });
});
