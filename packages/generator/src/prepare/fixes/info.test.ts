import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixInfo } from "./info.ts";

describe("fixes/info", () => {
  it("makes the title one line, the version a string and trims a huge description", () => {
    const doc = {
      openapi: "3.0.3",
      info: { title: "Pets\n  API */", version: 2, description: `${"a".repeat(300)}\n\n${"b".repeat(5000)}` },
      paths: {},
    };
    const changes: Change[] = [];
    fixInfo(doc, changes);
    expect(doc.info).toEqual({ title: "Pets API", version: "2", description: `${"a".repeat(300)}…` });
    expect(changes.map((c) => [c.fix, c.pointer])).toEqual([
      ["info", "/info/title"],
      ["info", "/info/version"],
      ["info", "/info/description"],
    ]);
  });

  it("leaves a tidy info object alone", () => {
    const doc = { openapi: "3.0.3", info: { title: "Pets", version: "1" }, paths: {} };
    const changes: Change[] = [];
    fixInfo(doc, changes);
    expect(doc.info).toEqual({ title: "Pets", version: "1" });
    expect(changes).toEqual([]);
  });
});
