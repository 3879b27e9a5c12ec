/**
 * The whole percent a progress bar shows for `value` of `max`: 100 only once the value reaches the
 * maximum, 0 only at nothing, so 499.75 of 500 hours is 99% and 0.25 of 500 is 1%.
 */
export function progressPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  if (value >= max) return 100;
  // value * 100 first: 57 / 100 * 100 is 56.99999999999999 in floating point, 5700 / 100 is 57.
  return Math.min(99, Math.max(1, Math.floor((value * 100) / max)));
}
