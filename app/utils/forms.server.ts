import { z } from "zod";

export type FieldErrors = Record<string, string[]>;

/** Parses form fields with a zod schema; on failure, errors by field name for the page to show. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  formData: FormData,
): { success: true; data: z.infer<T> } | { success: false; errors: FieldErrors } {
  const values: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    values[key] = all.length > 1 ? all : all[0]!;
  }
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (errors[field] ??= []).push(issue.message);
  }
  return { success: false, errors };
}

/** One field's error, in the same shape parseForm returns. */
export const fieldError = (field: string, message: string): FieldErrors => ({ [field]: [message] });
