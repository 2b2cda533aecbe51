import { describe, expect, it } from "vitest";
import {
  BUILT_IN_ROLES,
  hasPermission,
  isPermission,
  PERMISSIONS,
  type Permission,
} from "./permissions";

describe("the permission catalogue", () => {
  it("describes every permission in resource:action form", () => {
    for (const [key, description] of Object.entries(PERMISSIONS)) {
      expect(key).toMatch(/^[a-z_]+:[a-z_]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it.each<[string, Permission, boolean]>([
    ["owner", "org:delete", true],
    ["admin", "org:delete", false],
    ["admin", "org:update", true],
    ["member", "org:update", false],
    ["member", "projects:create", true],
    ["viewer", "projects:read", true],
    ["viewer", "projects:create", false],
  ])("%s -> %s is %s", (role, permission, allowed) => {
    expect(hasPermission(role as keyof typeof BUILT_IN_ROLES, permission)).toBe(allowed);
  });

  it("knows only its own permissions, and unknown roles hold none", () => {
    expect(isPermission("projects:read")).toBe(true);
    expect(isPermission("billing:manage")).toBe(false);
    expect(isPermission("__proto__")).toBe(false);
    expect(hasPermission("superuser" as never, "projects:read")).toBe(false);
  });
});
