import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { renderSections } from "~/models/module.server";
import { readForm } from "~/utils/csrf.server";
import { requirePermission } from "~/utils/permissions.server";

// The editor's live preview: the same split into sections and the same sanitizing as delivery.
const PreviewSchema = z.string().max(200_000);

export const loader = () => new Response("Post Markdown to preview it.", { status: 405 });

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "author:modules");
  const formData = await readForm(request);
  const markdown = PreviewSchema.safeParse(formData.get("body") ?? "");
  if (!markdown.success) return json({ sections: [], error: "The text is too long to preview (200,000 characters at most)." }, { status: 400 });
  return json({ sections: renderSections(markdown.data), error: null });
}
