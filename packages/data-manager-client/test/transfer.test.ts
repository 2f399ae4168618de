// Uploads and downloads through the real generated functions: a Node Buffer
// named with fileFrom arrives as a file with its name and bytes, upload progress
// is reported, and downloads come back as a Buffer.
import { staticBearer } from "@sciclients/auth";
import { createDataManagerClient, fileFrom } from "@sciclients/data-manager-client";
import { downloadFile, uploadDataset } from "@sciclients/data-manager-client/functions";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const dm = createDataManagerClient({ baseURL: "https://dm.test/data-manager-api", auth: staticBearer("a-token") });

describe("uploads and downloads", () => {
  it("uploads a Buffer as a named file and reports progress", async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    let received: { name: string; size: number; first: number; unit: string | null; auth: string | null } | undefined;
    server.use(
      http.post("https://dm.test/data-manager-api/dataset", async ({ request }) => {
        const form = await request.formData();
        const file = form.get("dataset_file") as File;
        const content = new Uint8Array(await file.arrayBuffer());
        received = {
          name: file.name,
          size: content.length,
          first: content[0] ?? -1,
          unit: form.get("unit_id") as string | null,
          auth: request.headers.get("authorization"),
        };
        return HttpResponse.json({ dataset_id: "dataset-1", dataset_version: 1, task_id: "task-1" }, { status: 201 });
      }),
    );
    const progress: number[] = [];
    const result = await uploadDataset(
      { dataset_file: await fileFrom(bytes, "molecules.sdf"), dataset_type: "chemical/x-mdl-sdfile", unit_id: "unit-1" },
      { client: dm, onUploadProgress: (event) => progress.push(event.loaded) },
    );
    expect(result).toEqual({ dataset_id: "dataset-1", dataset_version: 1, task_id: "task-1" });
    expect(received).toEqual({ name: "molecules.sdf", size: bytes.length, first: 7, unit: "unit-1", auth: "Bearer a-token" });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(bytes.length);
  });

  it("downloads a file's bytes as a Buffer", async () => {
    const content = Buffer.from("line 1\nline 2\u0000binary\u00ff");
    server.use(
      http.get(
        "https://dm.test/data-manager-api/file/:id",
        () => new HttpResponse(content, { headers: { "content-type": "application/octet-stream" } }),
      ),
    );
    const bytes = await downloadFile("file-1", { client: dm });
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(Buffer.compare(bytes as Buffer, content)).toBe(0);
  });
});
