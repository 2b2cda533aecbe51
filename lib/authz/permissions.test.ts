import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES } from "@/db/schema/org-roles";
import { can, grantFor, withinReach } from "./authorize";
import {
  ALL_PERMISSIONS,
  BUILT_IN_PERMISSIONS,
  isPermission,
  PERMISSIONS,
  rolePermissions,
} from "./permissions";

const as = (role: (typeof BUILT_IN_ROLES)[number], userId = "u-1") => ({
  userId,
  permissions: rolePermissions({ builtIn: role, permissions: [] }),
});

describe("the permission catalogue", () => {
  it("describes every permission in resource:action form", () => {
    for (const [key, description] of Object.entries(PERMISSIONS)) {
      expect(key).toMatch(/^[a-z_]+:[a-z_]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it("gives the owner everything and the admin everything but deleting and transferring", () => {
    expect(BUILT_IN_PERMISSIONS.owner).toEqual(ALL_PERMISSIONS);
    expect(ALL_PERMISSIONS.filter((p) => !BUILT_IN_PERMISSIONS.admin.includes(p))).toEqual([
      "org:delete",
      "org:transfer",
    ]);
  });

  it("knows only its own permissions; a custom role's unknown entries are dropped", () => {
    expect(isPermission("projects:read")).toBe(true);
    expect(isPermission("billing:manage")).toBe(false);
    expect(isPermission("__proto__")).toBe(false);
    expect(
      rolePermissions({ builtIn: null, permissions: ["projects:read", "billing:manage"] }),
    ).toEqual(["projects:read"]);
  });

  it("ignores a built-in row's own list (the code defines built-ins)", () => {
    expect(rolePermissions({ builtIn: "viewer", permissions: ["org:delete"] })).not.toContain(
      "org:delete",
    );
  });
});

describe("authorization with the creator rule (ABAC)", () => {
  it("lets a member edit and delete only projects they created", () => {
    const member = as("member");
    expect(grantFor(member, "projects:update")).toBe("own");
    expect(can(member, "projects:update", { createdBy: "u-1" })).toBe(true);
    expect(can(member, "projects:delete", { createdBy: "u-2" })).toBe(false);
    expect(can(member, "projects:delete", { createdBy: null })).toBe(false);
    expect(can(member, "projects:update")).toBe(false);
  });

  it("gives a viewer no creator rights, and admins every project", () => {
    expect(grantFor(as("viewer"), "projects:update")).toBeNull();
    expect(can(as("admin"), "projects:delete", { createdBy: "someone else" })).toBe(true);
  });

  it("keeps roles within the actor's reach (Z7)", () => {
    expect(withinReach(as("admin"), BUILT_IN_PERMISSIONS.member)).toBe(true);
    expect(withinReach(as("admin"), BUILT_IN_PERMISSIONS.owner)).toBe(false);
    expect(withinReach(as("member"), ["members:invite"])).toBe(false);
  });
});
