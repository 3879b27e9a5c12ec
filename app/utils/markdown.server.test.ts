import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders headings, emphasis, lists and tables", () => {
    const html = renderMarkdown("### Listen\n\n*Reflect* what you hear.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(html).toContain("<h3>Listen</h3>");
    expect(html).toContain("<em>Reflect</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<td>1</td>");
  });

  it("renders script tags, event handlers, raw HTML and javascript: links inert", () => {
    const html = renderMarkdown(
      [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://example.org" onclick="steal()">raw link</a>',
        "[click](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<img/i);
    expect(html).toContain("click");
  });
});
