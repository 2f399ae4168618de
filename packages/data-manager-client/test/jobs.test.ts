// Starting a Job as the seed document does: {collection: "im-test", job: "nop", version: "1.0.0"}.
import { staticBearer } from "@sciclients/auth";
import { createDataManagerClient, JOBS_APPLICATION_ID, startJobInstance } from "@sciclients/data-manager-client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("startJobInstance", () => {
  it("posts a form for the Jobs application with the Job specification as JSON", async () => {
    let form: Record<string, string> = {};
    server.use(
      http.post("https://dm.test/data-manager-api/instance", async ({ request }) => {
        expect(request.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
        expect(request.headers.get("authorization")).toBe("Bearer t");
        form = Object.fromEntries(new URLSearchParams(await request.text()));
        return HttpResponse.json({ task_id: "task-1", instance_id: "instance-1" }, { status: 201 });
      }),
    );
    const dm = createDataManagerClient({ baseURL: "https://dm.test/data-manager-api", auth: staticBearer("t") });
    const result = await startJobInstance(dm, {
      projectId: "project-00000000-0000-0000-0000-000000000001",
      name: "My Job",
      specification: { collection: "im-test", job: "nop", version: "1.0.0" },
    });
    expect(result).toEqual({ task_id: "task-1", instance_id: "instance-1" });
    expect(form).toEqual({
      application_id: JOBS_APPLICATION_ID,
      project_id: "project-00000000-0000-0000-0000-000000000001",
      as_name: "My Job",
      specification: '{"collection":"im-test","job":"nop","version":"1.0.0"}',
    });
  });

  it("surfaces the Data Manager's error body", async () => {
    server.use(http.post("https://dm.test/data-manager-api/instance", () => HttpResponse.json({ error: "No such job" }, { status: 400 })));
    const dm = createDataManagerClient({ baseURL: "https://dm.test/data-manager-api" });
    await expect(
      startJobInstance(dm, { projectId: "p", name: "x", specification: { collection: "im-test", job: "missing", version: "1.0.0" } }),
    ).rejects.toMatchObject({ status: 400, body: { error: "No such job" }, service: "data-manager" });
  });
});
