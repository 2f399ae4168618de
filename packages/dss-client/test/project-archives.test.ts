// exportProjectArchive and importProjectArchive against MSW: the archive streamed
// out with progress, the archive uploaded and imported with settings, and the
// failures: an unknown project, an import DSS reports as failed.
import {
  ApiError,
  DssProjectImportError,
  exportProjectArchive,
  importProjectArchive,
  isDssProjectImportError,
} from "@sciclients/dss-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { dss, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

const archive = new Uint8Array(50_000).map((_, i) => (i * 7) % 256);

describe("exportProjectArchive", () => {
  it("posts the export options and streams the zip, reporting bytes as they arrive", async () => {
    let options: unknown;
    server.use(
      http.post("*/projects/CHURN/export", async ({ request }) => {
        options = await request.json();
        return new HttpResponse(archive, { headers: { "content-type": "application/zip", "content-length": String(archive.length) } });
      }),
    );
    const progress: number[] = [];
    const stream = await exportProjectArchive(dss, "CHURN", {
      include: { exportUploads: true, exportSavedModels: true },
      onProgress: (p) => progress.push(p.loaded),
    });
    const received = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(received).toEqual(archive);
    expect(options).toEqual({ exportUploads: true, exportSavedModels: true });
    expect(progress.at(-1)).toBe(archive.length);
  });

  it("an unknown project rejects with an ApiError 404 carrying DSS's message", async () => {
    server.use(
      http.post("*/projects/NOPE/export", () =>
        HttpResponse.json(
          { errorType: "com.dataiku.dip.server.controllers.NotFoundException", message: "Project not found: NOPE" },
          { status: 404 },
        ),
      ),
    );
    await expect(exportProjectArchive(dss, "NOPE")).rejects.toMatchObject({
      name: "ApiError",
      status: 404,
      body: { message: "Project not found: NOPE" },
    });
  });
});

describe("importProjectArchive", () => {
  function importHandlers(result: Record<string, unknown>) {
    const seen: { file?: { name: string; size: number }; settings?: unknown } = {};
    server.use(
      http.post("*/projects/import/upload", async ({ request }) => {
        const file = (await request.formData()).get("file") as File;
        seen.file = { name: file.name, size: file.size };
        return HttpResponse.json({ id: "imp-5mQ2x8" });
      }),
      http.post("*/projects/import/imp-5mQ2x8/process", async ({ request }) => {
        seen.settings = await request.json();
        return HttpResponse.json(result);
      }),
    );
    return seen;
  }

  it("uploads the archive, imports it with the settings and reports each stage", async () => {
    const seen = importHandlers({ success: true, projectKey: "CHURN_TEST" });
    const stages: string[] = [];
    const result = await importProjectArchive(dss, archive, {
      settings: { targetProjectKey: "CHURN_TEST", remapping: { connections: [{ source: "postgres_prod", target: "postgres_dev" }] } },
      onProgress: (stage) => {
        if (stages.at(-1) !== stage) stages.push(stage);
      },
    });
    expect(result).toEqual({ success: true, projectKey: "CHURN_TEST" });
    expect(seen.file).toEqual({ name: "project-export.zip", size: archive.length });
    expect(seen.settings).toEqual({
      targetProjectKey: "CHURN_TEST",
      remapping: { connections: [{ source: "postgres_prod", target: "postgres_dev" }] },
    });
    expect(stages).toEqual(["uploading", "importing"]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /projects/import/upload",
      "POST /projects/import/imp-5mQ2x8/process",
    ]);
  });

  it("sends DSS's placeholder when there are no settings (it refuses an empty object)", async () => {
    const seen = importHandlers({ success: true });
    await importProjectArchive(dss, new Blob([archive]));
    expect(seen.settings).toEqual({ _: "_" });
  });

  it("an import DSS reports as failed rejects with DssProjectImportError and DSS's messages", async () => {
    importHandlers({
      success: false,
      messages: { error: true, messages: [{ severity: "ERROR", message: "Connection postgres_prod does not exist" }] },
    });
    const error = await importProjectArchive(dss, archive, { settings: { targetProjectKey: "CHURN_TEST" } }).catch((e: unknown) => e);
    expect(isDssProjectImportError(error)).toBe(true);
    expect(error).toBeInstanceOf(DssProjectImportError);
    expect((error as Error).message).toBe("DSS could not import the project archive: Connection postgres_prod does not exist");
    expect((error as DssProjectImportError).result.success).toBe(false);
  });

  it("an upload DSS refuses rejects with the ApiError, before any import", async () => {
    server.use(
      http.post("*/projects/import/upload", () =>
        HttpResponse.json({ errorType: "java.lang.IllegalArgumentException", message: "Not a project export" }, { status: 400 }),
      ),
    );
    await expect(importProjectArchive(dss, new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(ApiError);
    expect(requests.map((r) => r.path)).toEqual(["/projects/import/upload"]);
  });
});
