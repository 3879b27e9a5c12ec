// Serves an uploaded certificate inline. The Content-Type is the one sniffed from the bytes at upload
// (PDF, PNG or JPEG only), and nosniff stops a browser from guessing anything else.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { canViewDocument } from "~/domain/hour-entries";
import { documentAccess, documentContent } from "~/models/documents.server";
import { forbidden, invariantFound, requireUser } from "~/utils/permissions.server";

const DocumentIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/** inline; filename="..." with an ASCII fallback and the exact name in RFC 5987 form. */
function contentDisposition(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\;]/g, "_") || "certificate";
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = DocumentIdParam.safeParse(params.documentId);
  const access = invariantFound(parsed.success ? await documentAccess(parsed.data) : null, "There is no document at this address.");
  if (!canViewDocument(access, viewer)) throw forbidden("This document belongs to someone else. Only they, the board reviewing it and administrators can open it.");
  const document = await documentContent(parsed.data!);
  return new Response(document.content, {
    headers: {
      "Content-Type": document.mimeType,
      "Content-Length": String(document.content.length),
      "Content-Disposition": contentDisposition(document.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
