import type { ProtectedRoute } from "./route-types";

export const PROTECTED: ProtectedRoute[] = [{ file: "admin.outbox.tsx", path: "/admin/outbox", roles: ["ADMIN"] }];

// Not public: the certificate is for the credential's holder and its issuing board, which depends on the
// credential rather than on a role, and its `:number` parameter would be shared with other areas' routes
// in the table's one parameter map. credential-files.test.ts proves its rules for every role and for
// signed-out visitors instead.
export const PUBLIC: string[] = ["credentials.$number.certificate[.]pdf.tsx"];
