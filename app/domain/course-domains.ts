// The course's own four training domains (the IC&RC Peer Recovery domains). Each jurisdiction maps
// them onto its own domains through a crosswalk (see requirements).

export const COURSE_DOMAIN_KEYS = [
  "advocacy",
  "mentoring-education",
  "recovery-wellness-support",
  "ethical-responsibility",
] as const;

export type CourseDomainKey = (typeof COURSE_DOMAIN_KEYS)[number];

export const COURSE_DOMAIN_LABELS: Record<CourseDomainKey, string> = {
  advocacy: "Advocacy",
  "mentoring-education": "Mentoring and education",
  "recovery-wellness-support": "Recovery and wellness support",
  "ethical-responsibility": "Ethical responsibility",
};

/** SAMHSA Core Competencies for Peer Workers in Behavioral Health Services (2015), categories 1-12. */
export const SAMHSA_CATEGORIES: Record<number, string> = {
  1: "Engages peers in collaborative and caring relationships",
  2: "Provides support",
  3: "Shares lived experiences of recovery",
  4: "Personalizes peer support",
  5: "Supports recovery planning",
  6: "Links to resources, services and supports",
  7: "Provides information about skills related to health, wellness and recovery",
  8: "Helps peers to manage crises",
  9: "Values communication",
  10: "Supports collaboration and teamwork",
  11: "Promotes leadership and advocacy",
  12: "Promotes growth and development",
};

/** Hours are kept as whole minutes so sums never drift. */
export const hoursToMinutes = (hours: number) => Math.round(hours * 60);
export const minutesToHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
export const formatHours = (minutes: number) => {
  const hours = minutesToHours(minutes);
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
};
