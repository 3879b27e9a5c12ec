import type { ProtectedRoute } from "./route-types";

export const PROTECTED: ProtectedRoute[] = [];

// The verification pages, the JWK sets and the status lists are public by design: anyone may check a
// credential. The badge downloads are not public but belong to the credential's holder and issuing
// board, which depends on the credential rather than on a role (and their `:number` parameter would be
// shared with other areas' routes in the table's one parameter map), so they are listed here and
// credential-verification.test.ts proves their rules for every role and for signed-out visitors.
export const PUBLIC: string[] = [
  "verify._index.tsx",
  "verify.$number.tsx",
  "jurisdictions.$code.jwks[.]json.tsx",
  "jurisdictions.$code.status.$purpose.tsx",
  "credentials.$number.badge[.]jwt.tsx",
  "credentials.$number.badge[.]json.tsx",
];
