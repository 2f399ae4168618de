import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixTags } from "./tags.ts";

describe("fixes/tags", () => {
  it("renames tags that do not start with a letter, in the tag list and the operations", () => {
    const doc = {
      tags: [{ name: "_oracle" }, { name: "2fa" }, { name: "pets" }],
      paths: { "/a": { get: { tags: ["_oracle", "pets"] } }, "/b": { get: { tags: ["2fa"] } } },
    };
    const changes: Change[] = [];
    fixTags(doc, changes);
    expect(doc.tags.map((t) => t.name)).toEqual(["oracle", "tag-2fa", "pets"]);
    expect(doc.paths["/a"].get.tags).toEqual(["oracle", "pets"]);
    expect(doc.paths["/b"].get.tags).toEqual(["tag-2fa"]);
    expect(changes.map((c) => c.message)).toEqual([
      'tag "_oracle" does not start with a letter: renamed "oracle"',
      'tag "2fa" does not start with a letter: renamed "tag-2fa"',
    ]);
  });
});
