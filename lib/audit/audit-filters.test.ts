import { describe, expect, it } from "vitest";
import { auditQueryString, encodeCursor, parseAuditFilters } from "./audit-filters";

const member = "5b0e8c53-6f1e-4c8e-9a51-3f2f4a7d9c10";
const parse = (params: Record<string, string | string[]>) => parseAuditFilters(params, [member]);

describe("parseAuditFilters", () => {
  it("accepts no filters and empty fields (what an untouched GET form sends)", () => {
    expect(parse({})).toEqual({
      ok: true,
      filters: { actor: null, action: null, from: null, to: null, before: null, after: null },
    });
    expect(parse({ actor: "", action: "", from: "", to: "" }).ok).toBe(true);
  });

  it("accepts a member, a listed action, real days and a cursor", () => {
    const cursor = { time: "2026-11-23T10:11:12.123456Z", id: member };
    const result = parse({
      actor: member,
      action: "project.created",
      from: "2026-02-28",
      to: "2026-02-28",
      before: encodeCursor(cursor),
    });
    expect(result).toEqual({
      ok: true,
      filters: {
        actor: member,
        action: "project.created",
        from: "2026-02-28",
        to: "2026-02-28",
        before: cursor,
        after: null,
      },
    });
  });

  it.each([
    [{ actor: "not-a-uuid" }, "actor", "Choose a member of this organization."],
    [{ actor: "00000000-0000-4000-8000-000000000000" }, "actor", "Choose a member"],
    [{ action: "project.exploded" }, "action", "Choose an action from the list."],
    [{ action: "toString" }, "action", "Choose an action"],
    [{ from: "2026-02-30" }, "from", "Enter a date as YYYY-MM-DD."],
    [{ from: "yesterday" }, "from", "YYYY-MM-DD"],
    [{ to: "1999-12-31" }, "to", "between 2000 and 9999"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to", "The end date is before the start date."],
    [{ before: "2026-01-01_x" }, "before", "This page link is not valid."],
    [{ after: "2026-13-45T99:99:99.000000Z_" + member }, "after", "not valid"],
    [{ action: ["org.updated", "org.created"] }, "action", "Give this filter one value."],
  ] as const)("refuses %j with a message for %s", (params, field, message) => {
    const result = parse(params as Record<string, string | string[]>);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });

  it("refuses both cursors at once", () => {
    const c = encodeCursor({ time: "2026-11-23T10:11:12.123456Z", id: member });
    expect(parse({ before: c, after: c }).ok).toBe(false);
  });
});

describe("auditQueryString", () => {
  it("keeps the filters, drops empty ones, adds one cursor", () => {
    const cursor = { time: "2026-11-23T10:11:12.123456Z", id: member };
    expect(
      auditQueryString({ actor: "", action: "org.updated", from: null, to: "2026-01-02" }),
    ).toBe("?action=org.updated&to=2026-01-02");
    expect(auditQueryString({}, { after: cursor })).toBe(
      `?after=2026-11-23T10%3A11%3A12.123456Z_${member}`,
    );
    expect(auditQueryString({})).toBe("");
  });
});
