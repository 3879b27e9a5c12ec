// Reading forms that carry a file. Lives in a .server module: it reads request bodies, which only the
// server does.
//
// The body is parsed by the runtime's own FormData parser (undici's, through Response.formData), not by
// Remix's unstable_parseMultipartFormData: Remix's parser (@web3-storage/multipart-parser) splits the
// Content-Disposition header at every `;` and `=`, even inside the quoted file name, so a browser's upload
// of a file named `a;b.pdf` or `a=b.pdf` failed as a whole. undici reads quoted parameters properly and
// undoes the browser's escaping of `"`, CR and LF (%22, %0D, %0A) as the HTML standard asks.
import { readForm, refuseNulCharacters, validateCsrf } from "./csrf.server";

export class UploadTooLargeError extends Error {}

/**
 * A multipart body that cannot be parsed: cut off, or not what its Content-Type says. A browser's
 * well-formed upload never raises it. Routes answer it on the form (not with an error page), so what
 * the person typed stays on their screen.
 */
export class UnreadableUploadError extends Error {}

/** Room for the form's other fields and the multipart framing, beside the file itself. */
const FIELDS_ALLOWANCE = 64 * 1024;

/**
 * Reads a url-encoded or multipart form and checks its CSRF token. Only `fileField` may be a file (any
 * other file part is dropped); a file over `maxBytes`, or a body over `maxBytes` + 64 KiB, raises
 * UploadTooLargeError, and a body that is not a readable multipart form raises UnreadableUploadError.
 * The body is read with a cap, so no request holds more than that much memory.
 */
export async function readFormWithFile(request: Request, { fileField, maxBytes }: { fileField: string; maxBytes: number }): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) return readForm(request);
  const limit = maxBytes + FIELDS_ALLOWANCE;
  // A declared body far over the limit is refused before a byte of it is read.
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) throw new UploadTooLargeError();
  if (!request.body) throw new UnreadableUploadError("The form has no body.");
  let tooLarge = false;
  let seen = 0;
  const capped = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          tooLarge = true;
          controller.error(new UploadTooLargeError());
        } else controller.enqueue(chunk);
      },
    }),
  );
  let parsed: FormData;
  try {
    parsed = await new Response(capped, { headers: { "Content-Type": contentType } }).formData();
  } catch (error) {
    if (tooLarge) throw new UploadTooLargeError();
    throw new UnreadableUploadError("The multipart form could not be parsed.", { cause: error });
  }
  const formData = new FormData();
  for (const [name, value] of parsed.entries()) {
    if (typeof value === "string") formData.append(name, value);
    else if (name === fileField) {
      if (value.size > maxBytes) throw new UploadTooLargeError();
      formData.append(name, value);
    }
  }
  await validateCsrf(request, formData);
  refuseNulCharacters(formData);
  return formData;
}
