// Names the preparation step gives operations without an operationId
// (packages/generator/src/prepare/operation-names.ts), through the preparation's own entry
// (applyFixes): tables of method + path → function name, the fall-backs that
// keep names unique, and operations with an id left as they were.
import { describe, expect, it } from "vitest";
import { applyFixes } from "../../generator/src/prepare/fixes.ts";
import { nameCandidates, sharedPrefixLength } from "../../generator/src/prepare/operation-names.ts";

type Change = { fix: string; pointer: string; message: string };
// biome-ignore lint/suspicious/noExplicitAny: the tests build arbitrary OpenAPI documents.
type Doc = Record<string, any>;

/** `GET /users` → `["get", "/users"]` */
function split(line: string): [string, string] {
  const [method = "", route = ""] = line.split(" ");
  return [method.toLowerCase(), route];
}

/** A document with one operation per `METHOD /path` line (in that order), `ids` giving operationIds. */
function documentOf(lines: string[], ids: Record<string, string> = {}): Doc {
  const paths: Doc = {};
  for (const line of lines) {
    const [method, route] = split(line);
    paths[route] ??= {};
    paths[route][method] = { ...(ids[line] ? { operationId: ids[line] } : {}), responses: { "204": { description: "done" } } };
  }
  return { openapi: "3.0.3", info: { title: "Names", version: "1" }, paths };
}

/** Prepares the document; returns `METHOD /path` → operationId and the recorded changes. */
function prepared(lines: string[], ids: Record<string, string> = {}) {
  const doc = documentOf(lines, ids);
  const changes: Change[] = [];
  applyFixes(doc, changes);
  const names = Object.fromEntries(
    lines.map((line) => {
      const [method, route] = split(line);
      return [line, doc.paths[route][method].operationId];
    }),
  );
  return { names, changes };
}

/** Checks a `[METHOD /path, expected name]` table, all operations in one document. */
function expectNames(table: [string, string][]) {
  const { names } = prepared(table.map(([line]) => line));
  expect(Object.entries(names)).toEqual(table);
}

describe("names derived from method and path", () => {
  it("a Keycloak-like admin API: the shared /admin/realms prefix dropped, items singular, sub-resources composed, actions", () => {
    expectNames([
      ["GET /admin/realms", "getRealms"],
      ["POST /admin/realms", "createRealm"],
      ["GET /admin/realms/{realm}", "getRealm"],
      ["PUT /admin/realms/{realm}", "updateRealm"],
      ["DELETE /admin/realms/{realm}", "deleteRealm"],
      ["GET /admin/realms/{realm}/users", "getUsers"],
      ["POST /admin/realms/{realm}/users", "createUser"],
      ["GET /admin/realms/{realm}/users/count", "getUsersCount"],
      ["GET /admin/realms/{realm}/users/{user-id}", "getUser"],
      ["PUT /admin/realms/{realm}/users/{user-id}", "updateUser"],
      ["DELETE /admin/realms/{realm}/users/{user-id}", "deleteUser"],
      ["GET /admin/realms/{realm}/users/{user-id}/groups", "getUserGroups"],
      ["PUT /admin/realms/{realm}/users/{user-id}/groups/{groupId}", "updateUserGroup"],
      ["DELETE /admin/realms/{realm}/users/{user-id}/groups/{groupId}", "deleteUserGroup"],
      ["POST /admin/realms/{realm}/users/{user-id}/logout", "userLogout"],
      ["POST /admin/realms/{realm}/users/{user-id}/impersonation", "userImpersonation"],
      // A PUT is an update, whatever the last segment says.
      ["PUT /admin/realms/{realm}/users/{user-id}/reset-password", "updateUserResetPassword"],
      ["GET /admin/realms/{realm}/users/{user-id}/role-mappings/realm", "getUserRoleMappingsRealm"],
      ["POST /admin/realms/{realm}/users/{user-id}/role-mappings/realm", "createUserRoleMappingsRealm"],
      ["GET /admin/realms/{realm}/users/{user-id}/role-mappings/clients/{client}/available", "getUserRoleMappingsClientAvailable"],
      ["GET /admin/realms/{realm}/clients/{client-uuid}/roles/{role-name}/composites", "getClientRoleComposites"],
      ["GET /admin/realms/{realm}/roles-by-id/{role-id}", "getRolesById"],
      ["GET /admin/realms/{realm}/groups/{group-id}/children", "getGroupChildren"],
      ["GET /admin/realms/{realm}/attack-detection/brute-force/users/{userId}", "getAttackDetectionBruteForceUser"],
      ["POST /admin/realms/{realm}/authentication/flows/{flowAlias}/copy", "authenticationFlowCopy"],
      ["POST /admin/realms/{realm}/logout-all", "logoutAll"],
      ["POST /admin/realms/{realm}/testSMTPConnection", "testSmtpConnection"],
      ["POST /admin/realms/{realm}/partialImport", "partialImport"],
    ]);
  });

  it("a versioned API: /api/v1 dropped, POST on a collection creates, a plural after an item is a sub-collection", () => {
    expectNames([
      ["GET /api/v1/pets", "getPets"],
      ["POST /api/v1/pets", "createPet"],
      ["GET /api/v1/pets/{petId}", "getPet"],
      ["PATCH /api/v1/pets/{petId}", "updatePet"],
      ["POST /api/v1/pets/{petId}/photos", "createPetPhoto"],
      ["POST /api/v1/pets/{petId}/adopt", "petAdopt"],
      ["GET /api/v1/owners/{ownerId}/pets", "getOwnerPets"],
      ["GET /api/v1/policies/{policy_id}", "getPolicy"],
      // Text after a parameter inside one segment: an action of the item.
      ["POST /api/v1/jobs/{name}:cancel", "jobCancel"],
      ["HEAD /api/v1/pets", "headPets"],
    ]);
  });

  it("GET / is getRoot; with / among the paths no prefix is shared", () => {
    expectNames([
      ["GET /", "getRoot"],
      ["GET /health", "getHealth"],
      ["GET /api/v1/pets", "getApiV1Pets"],
    ]);
  });

  it("a single path keeps its last noun", () => {
    expectNames([["GET /v2/things/{id}", "getThing"]]);
    expectNames([["GET /v2/things/", "getThings"]]);
  });
});

describe("unique names", () => {
  it("a collision falls back to the method as verb, then orval's name, then a number, in document order", () => {
    expectNames([
      ["POST /users", "createUser"],
      ["GET /users/{id}", "getUser"],
      ["PUT /users/{id}", "updateUser"],
      ["PATCH /users/{id}", "patchUser"],
      ["POST /users/{id}", "postUser"],
      ["GET /user/{id}", "getUserId"],
      ["GET /role-mappings", "getRoleMappings"],
      ["GET /roleMappings", "getRoleMappings2"],
      ["GET /role_mappings", "getRoleMappings3"],
    ]);
  });

  it("gives the same names on every run", () => {
    // Paths in document order, methods in the order GET, PUT, POST, DELETE, …, PATCH.
    const lines = ["PUT /a/{x}", "PATCH /a/{x}", "GET /a/{x}", "GET /a/{x}/{y}", "GET /a"];
    expect(prepared(lines).names).toEqual(prepared(lines).names);
    expect(Object.values(prepared(lines).names)).toEqual(["updateA", "patchA", "getA", "getAXY", "getA2"]);
  });

  it("never takes a name an operationId of the document asks for, so operations with an id keep theirs", () => {
    const { names, changes } = prepared(["POST /users", "GET /users", "GET /people"], {
      "GET /users": "listUsers",
      "GET /people": "createUser",
    });
    expect(names).toEqual({ "POST /users": "postUser", "GET /users": "listUsers", "GET /people": "createUser" });
    // Only the derived name is recorded: the ids were already function names.
    expect(changes.filter((c) => c.fix === "operation-id")).toEqual([
      { fix: "operation-id", pointer: "/paths/~1users/post/operationId", message: 'missing: derived → "postUser"' },
    ]);
  });

  it("an operation with an id is named as before: made a function name, keywords suffixed, duplicates numbered", () => {
    const { names } = prepared(["GET /a", "GET /b", "GET /c", "DELETE /c"], {
      "GET /a": "items/list",
      "GET /b": "itemsList",
      "GET /c": "query",
      "DELETE /c": "delete",
    });
    expect(Object.values(names)).toEqual(["itemsList", "itemsList2", "queryOperation", "deleteOperation"]);
  });

  it("records every derived name in the preparation report", () => {
    const { changes } = prepared(["GET /users", "GET /users/{id}"]);
    expect(changes.filter((c) => c.fix === "operation-id").map((c) => c.message)).toEqual([
      'missing: derived → "getUsers"',
      'missing: derived → "getUser"',
    ]);
  });
});

describe("the parts", () => {
  it("candidates: derived name, method as verb, orval's name", () => {
    expect(nameCandidates("patch", "/users/{id}")).toEqual(["updateUser", "patchUser", "patchUsersId"]);
    expect(nameCandidates("get", "/users/{id}")).toEqual(["getUser", "getUsersId"]);
    expect(nameCandidates("post", "/users/{id}/reset-password")).toEqual([
      "userResetPassword",
      "postUserResetPassword",
      "postUsersIdResetPassword",
    ]);
  });

  it("the shared prefix counts parameters as equal whatever their names", () => {
    expect(sharedPrefixLength(["/admin/realms/{realm}/users", "/admin/realms/{name}/groups"])).toBe(3);
    expect(sharedPrefixLength(["/admin/realms", "/admin/realms/{realm}/users"])).toBe(2);
    expect(sharedPrefixLength(["/", "/users"])).toBe(0);
    expect(sharedPrefixLength([])).toBe(0);
  });
});
