// Names and labels for the exam pages. Kept out of the .server models because pages render them in
// the browser too, where .server modules do not exist.
import { z } from "zod";
import { COURSE_DOMAIN_LABELS, type CourseDomainKey } from "./course-domains";
import type { ItemType } from "./exam-assembly";

export type DbItemStatus = "DRAFT" | "PRETEST" | "LIVE" | "RETIRED";

export const ITEM_STATUSES = ["DRAFT", "PRETEST", "LIVE", "RETIRED"] as const satisfies readonly DbItemStatus[];
export const ITEM_STATUS_LABELS: Record<DbItemStatus, string> = { DRAFT: "Draft", PRETEST: "Pretest", LIVE: "Live", RETIRED: "Retired" };
export const ITEM_TYPE_LABELS: Record<ItemType, string> = { single: "Single answer", multiple: "Multiple answers", "true-false": "True or false" };
export const OPTION_IDS = ["a", "b", "c", "d", "e", "f"] as const;

export const domainLabel = (domain: string) => COURSE_DOMAIN_LABELS[domain as CourseDomainKey] ?? domain;

export const REVIEW_POLICIES = ["none", "incorrect", "full"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
export const REVIEW_POLICY_LABELS: Record<ReviewPolicy, string> = {
  none: "No review: candidates see their result only",
  incorrect: "Review of the items they got wrong, with the rationale",
  full: "Review of every item, with the rationale",
};

/** The statuses a new item or version may start in (retired is only ever reached from another). */
const NEW_ITEM_STATUSES = ["DRAFT", "PRETEST", "LIVE"] as const;
export type NewItemStatus = (typeof NEW_ITEM_STATUSES)[number];
export const NewItemStatusSchema = z.enum(NEW_ITEM_STATUSES, { error: "Choose draft, pretest or live for the status." });
