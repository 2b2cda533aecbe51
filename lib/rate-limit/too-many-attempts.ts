/** "Too many attempts. Try again in 4 seconds." — with an optional way out appended. */
export function tooManyAttemptsMessage(retryAfterSeconds: number, orElse?: string): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`
      : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `Too many attempts. Try again in ${wait}${orElse ? `, or ${orElse}` : ""}.`;
}
