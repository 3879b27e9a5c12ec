// Markdown to safe HTML, the same way for delivery and for the editor's preview. Raw HTML in the source
// is dropped (remark-rehype without allowDangerousHtml), and rehype-sanitize's GitHub schema removes
// scripts, event handlers and javascript: links from whatever remains.
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
