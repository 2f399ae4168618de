// `new-client` on a document without operationIds, in a temporary copy of the
// workspace: the functions and hooks carry the names derived from method and
// path (getUsers, getUser, createUser, …), the preparation report records each
// of them, a consumer importing them by name type-checks strictly, and every
// operation answers over HTTP through its function (the operations test).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../lib/workspace.mjs";

const fixture = path.join(import.meta.dirname, "../fixtures/no-operation-ids.yaml");
const ws = makeWorkspace();
afterAll(() => ws.dispose());

// Operation → name, in the order of the document.
const expected: Record<string, string[]> = {
  users: ["getUsers", "createUser", "getUser", "updateUser", "deleteUser", "getUserGroups", "userLogout"],
  groups: ["getGroups", "updateGroup", "patchGroup"],
};

/** The names a generated file exports with `export const`. */
const exportedConsts = (file: string) => [...readFileSync(file, "utf8").matchAll(/^\s*export const (\w+) =/gm)].map((m) => m[1]);

describe("new-client on a document without operationIds", () => {
  it("names every operation from method and path, and records each name in the preparation report", async () => {
    const created = await ws.newClient("realms", fixture, ["--operations-test"]);
    expect(created.code, created.stderr).toBe(0);
    ws.link("realms");
    const report = JSON.parse(readFileSync(path.join(ws.pkg("realms"), "src/generated/prepare-report.json"), "utf8")) as {
      changes: { fix: string; message: string }[];
    };
    const derived = report.changes.filter((c) => c.fix === "operation-id").map((c) => /^missing: derived → "(\w+)"$/.exec(c.message)?.[1]);
    expect(derived.sort()).toEqual(Object.values(expected).flat().sort());
  });

  it("exports the functions and hooks under those names, per tag and in ./functions", () => {
    for (const [tag, names] of Object.entries(expected)) {
      const functions = exportedConsts(path.join(ws.pkg("realms"), `src/generated/functions/${tag}/${tag}.ts`));
      expect(functions.sort()).toEqual([...names].sort());
      const endpoints = exportedConsts(path.join(ws.pkg("realms"), `src/generated/endpoints/${tag}/${tag}.ts`));
      expect(endpoints).toEqual(expect.arrayContaining(names));
    }
    const hooks = readFileSync(path.join(ws.pkg("realms"), "src/generated/endpoints/users/users.ts"), "utf8");
    expect(hooks).toMatch(/export function useGetUsers</);
    expect(hooks).toMatch(/export const useCreateUser = </);
    expect(hooks).toMatch(/export const useUserLogout = </);
  });

  it("a consumer importing them by name type-checks strictly", async () => {
    // A wrong name, or parameters in another order, fail the check.
    writeFileSync(
      path.join(ws.pkg("realms"), "test/derived-names.ts"),
      `import { createRealmsClient } from "@sciclients/realms-client";
import { createUser, deleteUser, getGroups, getUser, getUserGroups, getUsers, patchGroup, updateGroup, updateUser, userLogout } from "@sciclients/realms-client/functions";
import { useGetUser, useGetUsers } from "@sciclients/realms-client/users";
import type { User } from "@sciclients/realms-client";

const client = createRealmsClient({ baseURL: "https://realms.test" });

export async function renameUser(realm: string, id: string, username: string): Promise<User[]> {
  const user = await getUser(realm, id, { client });
  await updateUser(realm, id, { ...user, username }, { client });
  await createUser(realm, { username: \`\${username}-copy\` }, { client });
  await getUserGroups(realm, id, { client });
  await userLogout(realm, id, { client });
  await deleteUser(realm, \`\${id}-old\`, { client });
  await Promise.all([getGroups(realm, { client }), updateGroup(realm, "g", { name: "n" }, { client }), patchGroup(realm, "g", { name: "n" }, { client })]);
  return getUsers(realm, { max: 10 }, { client });
}

export const hooks = [useGetUser, useGetUsers];
`,
    );
    const checked = await ws.typecheck("realms");
    expect(checked.stdout).toBe("");
    expect(checked.code).toBe(0);
  });

  it("every operation answers through its function (smoke and operations tests)", async () => {
    const tested = await ws.test("realms");
    const output = tested.stdout + tested.stderr;
    expect(output).toMatch(/Test Files\s+2 passed/);
    expect(tested.code).toBe(0);
  });
});
