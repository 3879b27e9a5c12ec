// POST /attempts/:attemptId/answer: saves one answer or flag as it is given (the pages' fetchers post
// here). Answers JSON only: { savedAt } or a 4xx with { error }, also when the form fails its CSRF
// check, so the page can say what happened. A signed-out visitor is still sent to sign in.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { AttemptRefusal, AttemptIdParam, saveAnswer, setFlag } from "~/models/exam-attempt.server";
import { readForm } from "~/utils/csrf.server";
import { requirePermission } from "~/utils/permissions.server";

const AnswerPost = z.object({
  itemVersionId: z.string().min(1).max(64),
  intent: z.enum(["answer", "flag", "unflag"]),
  selected: z.array(z.string().min(1).max(20)).max(10),
});

export async function action({ request, params }: ActionFunctionArgs) {
  try {
    const user = await requirePermission(request, "sit:exams");
    const attemptId = AttemptIdParam.safeParse(params.attemptId);
    if (!attemptId.success) return json({ error: "We could not find that exam attempt." }, { status: 404 });
    const formData = await readForm(request);
    const parsed = AnswerPost.safeParse({
      itemVersionId: formData.get("itemVersionId"),
      intent: formData.get("intent") ?? "answer",
      selected: formData.getAll("selected"),
    });
    if (!parsed.success) return json({ error: "This answer could not be read. Reload the page and answer again." }, { status: 400 });
    const { itemVersionId, intent, selected } = parsed.data;
    const target = { attemptId: attemptId.data, candidateId: user.id, itemVersionId };
    const savedAt =
      intent === "answer" ? await saveAnswer({ ...target, selected }) : await setFlag({ ...target, flagged: intent === "flag" });
    return json({ savedAt: savedAt.toISOString() });
  } catch (error) {
    if (error instanceof AttemptRefusal) return json({ error: error.message, finished: error.finished }, { status: error.status });
    // 403 (no permission, or a failed CSRF check) and 400 from readForm, as JSON; redirects stay.
    if (error instanceof Response && error.status >= 400) {
      return json({ error: (await error.text()) || error.statusText }, { status: error.status });
    }
    throw error;
  }
}
