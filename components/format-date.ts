// Pinned to UTC: the server renders dates without knowing the reader's time zone, and the
// same instant must not print as two different days on the server and in the browser.
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDate(value: Date): string {
  return date.format(value);
}

export function formatDateTime(value: Date): string {
  return `${dateTime.format(value)} UTC`;
}
