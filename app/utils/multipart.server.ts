// Reading forms that carry a file. Lives in a .server module: Remix's upload helpers are Node-only and
// must stay out of the browser bundle (a route module's top-level code is shared with the client).
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { readForm, validateCsrf } from "./csrf.server";

export class UploadTooLargeError extends Error {}

/**
 * Reads a url-encoded or multipart form and checks its CSRF token. Only `fileField` may be a file (any
 * other file part is dropped unread); a file over `maxBytes` raises UploadTooLargeError.
 */
export async function readFormWithFile(request: Request, { fileField, maxBytes }: { fileField: string; maxBytes: number }): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return readForm(request);
  // A declared body far over the limit is refused before a byte of it is read.
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes + 64 * 1024) throw new UploadTooLargeError();
  const uploadHandler = unstable_createMemoryUploadHandler({
    maxPartSize: maxBytes,
    filter: ({ name, filename }) => filename === undefined || name === fileField,
  });
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, uploadHandler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLargeError();
    throw new Response("The form could not be read.", { status: 400 });
  }
  await validateCsrf(request, formData);
  return formData;
}
