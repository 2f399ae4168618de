// Runs the built bin (dist/bin.js, built by turbo before the tests) against a loopback server.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../src/generated/services.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const TOKEN = "secret-token-never-printed";
let server: Server;
let base = "";
const seen: { method: string; url: string; auth: string | undefined; body: string }[] = [];

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  seen.push({ method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization, body });
  const url = new URL(req.url ?? "/", base);
  if (url.pathname === "/uris" && req.method === "GET") {
    const page = Number(url.searchParams.get("page") ?? 1);
    const pagination = { total: 3, total_pages: 2, first_page: 1, last_page: 2, page, ...(page < 2 ? { next_page: page + 1 } : {}) };
    res.writeHead(200, { "content-type": "application/json", "x-pagination": JSON.stringify(pagination) });
    res.end(
      JSON.stringify(
        page === 1
          ? [
              { uri: "s3://b/1", name: "one" },
              { uri: "s3://b/2", name: "two" },
            ]
          : [{ uri: "s3://b/3", name: "three" }],
      ),
    );
    return;
  }
  if (url.pathname === "/project/p1/file" && req.method === "PUT") {
    res.writeHead(204);
    res.end();
    return;
  }
  if (url.pathname === "/file/f1") {
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(Buffer.from([0, 1, 2, 255]));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ code: 404, status: "Not Found", message: `no route ${url.pathname}` }));
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? "", SCICLIENTS_ALLOW_HTTP: "1", HOME: "/nonexistent", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sciclients", () => {
  it("prints its version with --version and -V, exit 0", async () => {
    const { version } = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(version);
    }
  });

  it("lists every operation of every service in its help", async () => {
    for (const { catalogue } of services) {
      const { code, stdout } = await run([catalogue.name, "--help"]);
      expect(code).toBe(0);
      const listed = catalogue.operations.filter((op) => new RegExp(`^  ${op.command} `, "m").test(stdout));
      expect(listed.length).toBe(catalogue.operations.length);
    }
  });

  it("follows dserver's X-Pagination with --all-pages and sends the token", async () => {
    const { code, stdout } = await run(["dserver", "list-datasets", "--all-pages", "--base-url", base, "--token", TOKEN]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((d: { name: string }) => d.name)).toEqual(["one", "two", "three"]);
    expect(seen.filter((r) => r.url.startsWith("/uris")).map((r) => r.auth)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it("suggests the nearest operation and exits 2", async () => {
    const { code, stderr } = await run(["dserver", "list-datsets"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Did you mean list-datasets?");
  });

  it("names a missing required parameter and a wrong-typed value, exit 2", async () => {
    const missing = await run(["dserver", "get-dataset-by-uri", "--base-url", base, "--token", TOKEN]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--uri");
    const typed = await run(["dserver", "list-datasets", "--page-size", "ten", "--base-url", base, "--token", TOKEN]);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain("--page-size");
    expect(typed.stderr).toContain("expects an integer");
  });

  it("prints the service, status and message of an API error without the token, exit 1", async () => {
    const { code, stderr, stdout } = await run([
      "dserver",
      "get-dataset-by-uri",
      "--uri",
      "s3://b/x",
      "--base-url",
      base,
      "--token",
      TOKEN,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("dserver answered 404");
    expect(stderr + stdout).not.toContain(TOKEN);
  });

  it("refuses --all-pages where the service does not page", async () => {
    const { code, stderr } = await run([
      "iceprod",
      services.find((s) => s.catalogue.name === "iceprod")?.catalogue.operations[0]?.command ?? "",
      "--all-pages",
      "--base-url",
      base,
      "--token",
      TOKEN,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("iceprod has no paged operations");
  });

  it("uploads a file as multipart and downloads bytes to --out (data-manager)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sciclients-cli-"));
    const upload = join(dir, "mols.sdf");
    writeFileSync(upload, "C1=CC=CC=C1\n$$$$\n");
    const up = await run([
      "data-manager",
      "add-file-to-project",
      "--project-id",
      "p1",
      "--file",
      upload,
      "--path",
      "/in",
      "--base-url",
      `${base}`,
      "--token",
      TOKEN,
    ]);
    expect(up.code).toBe(0);
    const sent = seen.find((r) => r.url.startsWith("/project/p1/file"));
    expect(sent?.body).toContain('filename="mols.sdf"');
    expect(sent?.body).toContain("C1=CC=CC=C1");
    expect(sent?.body).toContain('name="path"');
    const out = join(dir, "got.bin");
    const down = await run(["data-manager", "download-file", "--file-id", "f1", "--out", out, "--base-url", base, "--token", TOKEN]);
    expect(down.code).toBe(0);
    expect([...readFileSync(out)]).toEqual([0, 1, 2, 255]);
  });
});
