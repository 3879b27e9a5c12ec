// POST /attempts/:attemptId/answer: saves one answer or flag as it is given (the pages' fetchers post
// here). Answers JSON only: { savedAt } or a 4xx with { error }, also when the form fails its CSRF
// check, so the page can say what happened. A signed-out visitor is still sent to sign in.
//
// In the running server most of these posts never reach Remix: server/answer-save.ts answers them
// first with the same checks in one statement, and hands anything else to the same action as here.
import type { ActionFunctionArgs } from "@remix-run/node";
import { answerSaveAction } from "~/models/answer-save.server";

export const action = ({ request, params }: ActionFunctionArgs) => answerSaveAction(request, params);
