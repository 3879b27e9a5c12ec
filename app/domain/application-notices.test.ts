import { describe, expect, it } from "vitest";
import { decisionNotice, type DecidedApplication } from "./application-notices";

const application: DecidedApplication = {
  traineeName: "Tara Trainee",
  credentialName: "Adult Peer Support Specialist",
  jurisdictionName: "Kentucky",
  kind: "INITIAL",
  reason: null,
  credential: null,
  applicationUrl: "https://peerpath.example.org/applications/app1",
  credentialUrl: null,
};

describe("decisionNotice", () => {
  it("tells an approved trainee the credential's number, last valid day and page", () => {
    const notice = decisionNotice("approve", {
      ...application,
      credential: { number: "KY-APSS-2026-000042", validThrough: "November 26, 2027" },
      credentialUrl: "https://peerpath.example.org/credentials/KY-APSS-2026-000042",
    })!;
    expect(notice.subject).toBe("Approved: your Adult Peer Support Specialist credential, number KY-APSS-2026-000042");
    expect(notice.body).toContain("Kentucky has approved your application for the Adult Peer Support Specialist credential and issued the credential.");
    expect(notice.body).toContain("Your credential number is KY-APSS-2026-000042, valid through November 26, 2027.");
    expect(notice.body).toContain("https://peerpath.example.org/credentials/KY-APSS-2026-000042");
  });

  it("tells a renewed holder the new last valid day", () => {
    const notice = decisionNotice("approve", {
      ...application,
      kind: "RENEWAL",
      credential: { number: "KY-APSS-2025-000001", validThrough: "December 26, 2027" },
      credentialUrl: "https://peerpath.example.org/credentials/KY-APSS-2025-000001",
    })!;
    expect(notice.subject).toBe("Renewed: your Adult Peer Support Specialist credential KY-APSS-2025-000001 is valid through December 26, 2027");
    expect(notice.body).toContain("Kentucky has approved the renewal of your Adult Peer Support Specialist credential.");
  });

  it("gives the board's reason for a denial and its words for a request, with the application's address", () => {
    const denied = decisionNotice("deny", { ...application, reason: "The exam letter is for another person." })!;
    expect(denied.subject).toBe("Not approved: your application for the Adult Peer Support Specialist credential");
    expect(denied.body).toContain("The board's reason: The exam letter is for another person.");
    expect(denied.body).toContain(application.applicationUrl);
    const request = decisionNotice("request-info", { ...application, kind: "RENEWAL", reason: "Send the ethics certificate." })!;
    expect(request.subject).toBe("More information needed: the renewal of your Adult Peer Support Specialist credential");
    expect(request.body).toContain("The board asks: Send the ethics certificate.");
    expect(request.body).toContain(application.applicationUrl);
  });

  it("sends nothing when a review only starts", () => {
    expect(decisionNotice("start-review", application)).toBeNull();
  });
});
