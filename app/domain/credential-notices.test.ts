import { describe, expect, it } from "vitest";
import { credentialActionNotice, type ChangedCredential } from "./credential-notices";

const credential: ChangedCredential = {
  holderName: "Hana Holder",
  credentialName: "Adult Peer Support Specialist",
  jurisdictionName: "Kentucky",
  number: "KY-APSS-2026-000042",
  status: "suspended",
  validThrough: "November 26, 2027",
  reason: "Complaint under investigation",
  credentialUrl: "https://peerpath.example.org/credentials/KY-APSS-2026-000042",
  verifyUrl: "https://peerpath.example.org/verify/KY-APSS-2026-000042",
};

describe("credentialActionNotice", () => {
  it("tells a suspended holder the board's reason, that the credential is not valid meanwhile and what the public page shows", () => {
    const notice = credentialActionNotice("suspend", credential);
    expect(notice.subject).toBe("Suspended: your Adult Peer Support Specialist credential KY-APSS-2026-000042");
    expect(notice.body).toContain("Dear Hana Holder,");
    expect(notice.body).toContain("Kentucky has suspended your Adult Peer Support Specialist credential KY-APSS-2026-000042.");
    expect(notice.body).toContain("While it is suspended the credential is not valid");
    expect(notice.body).toContain(`its public verification page shows "Suspended"`);
    expect(notice.body).toContain("The board's reason: Complaint under investigation");
    expect(notice.body).toContain(credential.credentialUrl);
    expect(notice.body).toContain(credential.verifyUrl);
  });

  it("tells a reinstated holder the credential is valid again and through when", () => {
    const notice = credentialActionNotice("reinstate", { ...credential, status: "active", reason: "Investigation closed, no finding" });
    expect(notice.subject).toBe("Reinstated: your Adult Peer Support Specialist credential KY-APSS-2026-000042");
    expect(notice.body).toContain("It is valid again through November 26, 2027");
    expect(notice.body).toContain("The board's reason: Investigation closed, no finding");
  });

  it("does not call a credential valid when it expired while suspended", () => {
    const notice = credentialActionNotice("reinstate", { ...credential, status: "expired", validThrough: "November 1, 2026" });
    expect(notice.body).toContain("its expiry date, November 1, 2026, has passed: the credential is expired");
    expect(notice.body).not.toContain("valid again");
  });

  it("tells a revoked holder the reason and that revocation is final", () => {
    const notice = credentialActionNotice("revoke", { ...credential, status: "revoked", reason: "Gross misconduct established" });
    expect(notice.subject).toBe("Revoked: your Adult Peer Support Specialist credential KY-APSS-2026-000042");
    expect(notice.body).toContain("A revocation is final");
    expect(notice.body).toContain(`its public verification page shows "Revoked"`);
    expect(notice.body).toContain("The board's reason: Gross misconduct established");
  });
});
