import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixBodyParameterNames } from "./body-parameter-names.ts";

const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

describe("fixes/body-parameter-names", () => {
  it("renames a path parameter named like the body's type, for every operation of the route", () => {
    const doc = {
      paths: {
        "/lists/{tasklist}/tasks/{task}": {
          parameters: [{ $ref: "#/components/parameters/Task" }],
          get: { operationId: "getTask", parameters: [param("tasklist")] },
          put: {
            operationId: "updateTask",
            parameters: [param("tasklist")],
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Task" } } } },
          },
        },
      },
      components: { schemas: { Task: { type: "object" } }, parameters: { Task: param("task") } },
    };
    const changes: Change[] = [];
    fixBodyParameterNames(doc, changes);
    const paths = doc.paths as unknown as Record<string, { parameters: unknown[] }>;
    expect(Object.keys(paths)).toEqual(["/lists/{tasklist}/tasks/{task2}"]);
    // The shared component is copied, not changed: other routes may use it under its own name.
    expect(paths["/lists/{tasklist}/tasks/{task2}"]?.parameters).toEqual([param("task2")]);
    expect(doc.components.parameters.Task.name).toBe("task");
    expect(changes).toEqual([
      {
        fix: "body-parameter-name",
        pointer: "/paths/~1lists~1{tasklist}~1tasks~1{task}",
        message: 'path parameter "task" is also the name of the request body\'s argument: the parameter renamed "task2"',
      },
    ]);
  });

  it("reads the body argument of a components/requestBodies entry as <name>Body", () => {
    const doc = {
      paths: {
        "/pets/{petBody}": {
          post: { operationId: "addPet", parameters: [param("petBody")], requestBody: { $ref: "#/components/requestBodies/Pet" } },
        },
      },
      components: { requestBodies: { Pet: { content: { "application/json": { schema: { type: "object" } } } } } },
    };
    const changes: Change[] = [];
    fixBodyParameterNames(doc, changes);
    expect(Object.keys(doc.paths)).toEqual(["/pets/{petBody2}"]);
    expect(changes).toHaveLength(1);
  });

  it("leaves alone names that differ as identifiers (tasklist and a TaskList body) and routes without bodies", () => {
    const doc = {
      paths: {
        "/lists/{tasklist}": {
          put: {
            operationId: "updateList",
            parameters: [param("tasklist")],
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/TaskList" } } } },
          },
        },
        "/tasks/{task}": { get: { operationId: "getTask", parameters: [param("task")] } },
      },
      components: { schemas: { TaskList: { type: "object" } } },
    };
    const before = structuredClone(doc);
    const changes: Change[] = [];
    fixBodyParameterNames(doc, changes);
    expect(doc).toEqual(before);
    expect(changes).toEqual([]);
  });
});
