// The contract: every operation of every client, called through its generated
// functions (each entry point that exports them) and the client's own axios
// instance with credentials from @sciclients/auth, against Stoplight Prism
// mocking that client's spec and validating each request. An operation passes
// when Prism reports no violation and the client returns the typed result.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { isApiError, type ServiceClient } from "@sciclients/core";
import { listOperations, loadSpec } from "@sciclients/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argumentsFor, callOperation, type Outcome, queryMismatch } from "../src/contract.js";
import { type PrismServers, startPrism } from "../src/prism.js";
import { operationsWithFileParts, PRISM_CANNOT_JUDGE, PRISM_PARTLY_JUDGES } from "../src/prism-limits.js";
import { breakArguments } from "../src/probe.js";
import { type LoadedService, loadService, loadServiceEntries, root } from "../src/services.js";
import { formatTable } from "../src/table.js";
import { negativeCases } from "./negative-cases.js";

const entries = loadServiceEntries();
const runStarted = performance.now();

interface Running {
  service: LoadedService;
  client: ServiceClient;
  /** The same server without credentials, for the probe of operations whose inputs are unconstrained. */
  anonymous: ServiceClient;
}

/** Per service and operation: how Prism answered a deliberately broken variant of the call. */
interface ProbeResult {
  what: string;
  rejected: boolean;
  status?: number;
}
const probes = new Map<string, Map<string, ProbeResult | undefined>>(entries.map((e) => [e.name, new Map()]));

let prism: PrismServers | undefined;
let starting: Promise<PrismServers> | undefined;
const running = new Map<string, Running>();
/** Per service: per operation, the outcome through each entry point. */
const outcomes = new Map<string, Map<string, Outcome[]>>(entries.map((e) => [e.name, new Map()]));

beforeAll(async () => {
  // One Prism process serves the five specs; the clients' modules load meanwhile.
  // Kept as soon as it listens, so afterAll stops it even when loading a client fails.
  starting = startPrism(entries.map((e) => path.join(root, e.spec))).then((servers) => {
    prism = servers;
    return servers;
  });
  const [servers, services] = await Promise.all([starting, Promise.all(entries.map(loadService))]);
  for (const service of services) {
    const url = servers.urls.get(path.join(root, service.entry.spec));
    if (!url) throw new Error(`Prism serves no ${service.entry.spec}`);
    running.set(service.entry.name, {
      service,
      client: service.createClient({ baseURL: url, auth: service.auth, timeout: 10_000 }),
      anonymous: service.createClient({ baseURL: url, timeout: 10_000 }),
    });
  }
});

afterAll(async () => {
  // Also when beforeAll failed half-way: wait for a start still under way, then stop.
  await starting?.catch(() => undefined);
  await prism?.stop();
  // Every request and Prism's verdict, to read a failure in detail (git-ignored).
  const report = Object.fromEntries(
    [...outcomes].map(([name, ops]) => [
      name,
      Object.fromEntries(
        [...ops].map(([id, list]) => [id, { calls: list.map(({ result: _r, ...o }) => o), probe: probes.get(name)?.get(id) ?? null }]),
      ),
    ]),
  );
  writeFileSync(path.join(import.meta.dirname, "../.contract-report.json"), `${JSON.stringify(report, null, 2)}\n`);
});

const get = (name: string): Running => {
  const r = running.get(name);
  if (!r) throw new Error(`no Prism or client for ${name}`);
  return r;
};

for (const entry of entries) {
  const operations = listOperations(loadSpec(path.join(root, entry.spec)));

  describe.concurrent(`${entry.package} against Prism mocking ${entry.spec}`, () => {
    for (const op of operations) {
      it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
        const { service, client, anonymous } = get(entry.name);
        const list: Outcome[] = [];
        outcomes.get(entry.name)?.set(op.operationId, list);
        // Through every entry point with the spec's examples, then once more with values generated from the schemas alone.
        const args = argumentsFor(service.doc, op, "examples");
        const generated = argumentsFor(service.doc, op, "generated");
        const calls = [
          ...service.entryPoints.map((point) => ({ point, mode: "examples" as const, args })),
          ...service.entryPoints.slice(0, 1).map((point) => ({ point, mode: "generated" as const, args: generated })),
        ];
        for (const { point, mode, args: sent } of calls) {
          const fn = point.functions.get(op.operationId);
          const outcome = fn
            ? await callOperation({ doc: service.doc, op, fn, client, args: sent })
            : { operationId: op.operationId, method: op.method, path: op.path, passed: false, reason: "no such function", ms: 0 };
          list.push({ ...outcome, entryPoint: point.name, mode });
        }
        // The probe: the same call broken on purpose must be refused, or Prism is not judging this operation.
        const breakage = breakArguments(service.doc, op, args);
        const fn = service.entryPoints[0]?.functions.get(op.operationId);
        if (breakage && fn) {
          const probe = await callOperation({
            doc: service.doc,
            op,
            fn,
            client: breakage.withoutCredentials ? anonymous : client,
            args: breakage.args,
          });
          const expected = breakage.withoutCredentials ? [401] : [400, 422];
          probes.get(entry.name)?.set(op.operationId, {
            what: breakage.what,
            rejected: !probe.passed && probe.status !== undefined && expected.includes(probe.status),
            ...(probe.status !== undefined ? { status: probe.status } : {}),
          });
        } else probes.get(entry.name)?.set(op.operationId, undefined);
        const failures = list.filter((o) => !o.passed).map((o) => `${o.entryPoint} (${o.mode}): ${o.reason}`);
        expect(failures, `${op.operationId} via ${service.entryPoints.map((p) => p.name).join(" and ")}`).toEqual([]);
      });
    }
  });
}

describe("negative contract: invalid input forced through is rejected, and the client surfaces ApiError", () => {
  for (const c of negativeCases) {
    it(`${c.service} ${c.operationId}: ${c.broken} → ${c.status}`, async () => {
      const { service, client: positive } = get(c.service);
      // A client of its own, with an interceptor that only looks: it records what Prism answered.
      const client = service.createClient({ baseURL: positive.baseURL, auth: service.auth, timeout: 10_000 });
      let seen: { status?: number; header?: string; data?: unknown } = {};
      client.axios.interceptors.response.use(undefined, (error) => {
        seen = { status: error?.response?.status, header: error?.response?.headers?.["sl-violations"], data: error?.response?.data };
        return Promise.reject(error);
      });

      const error = await c.call(client).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isApiError(error), `${c.operationId} rejects with ApiError (got ${String(error)})`).toBe(true);
      if (!isApiError(error)) return;
      expect(error.service).toBe(c.service);
      expect(error.status).toBe(c.status);
      expect(error.status).toBe(seen.status);
      // The body Prism sent, parsed: the interceptor sees the raw text, since the client reads and checks JSON itself.
      expect(error.body).toEqual(typeof seen.data === "string" ? JSON.parse(seen.data) : seen.data);
      expect(error.message).toContain(`answered ${c.status}`);

      const violations = (
        c.violationsIn === "body" ? (error.body as { validation?: unknown })?.validation : JSON.parse(seen.header ?? "null")
      ) as { location: string[]; message: string }[] | null;
      expect(Array.isArray(violations), `violations in the ${c.violationsIn}`).toBe(true);
      // Prism's locations: `request.body.name` in the header, `body.name` in its problem+json body.
      const lines = (violations ?? []).map((v) => `${v.location.join(".").replace(/^request\./, "")} ${v.message}`);
      for (const mention of c.mentions)
        expect(
          lines.some((l) => l.includes(mention)),
          `${mention} in ${JSON.stringify(lines)}`,
        ).toBe(true);
      if (c.violationsIn === "body") {
        expect(error.body).toMatchObject({ status: 422, title: expect.any(String), validation: expect.any(Array) });
      }
    });
  }

  it("covers every client", () => {
    expect(new Set(negativeCases.map((c) => c.service))).toEqual(new Set(entries.map((e) => e.name)));
  });
});

describe("what the contract checks besides Prism", () => {
  const op = { operationId: "listDatasets", queryParams: [{ name: "tags" }, { name: "foreign" }] } as Parameters<typeof queryMismatch>[0];

  it("a query parameter sent under another name (Prism ignores undeclared ones) fails the operation", () => {
    expect(queryMismatch(op, "http://127.0.0.1/d?tags%5B%5D=a&tags%5B%5D=b", { tags: ["a", "b"] })).toMatch(
      /undeclared tags\[\]; missing tags/,
    );
    expect(queryMismatch(op, "http://127.0.0.1/d?tags=a&tags=b&foreign=true", { tags: ["a", "b"], foreign: true })).toBeUndefined();
  });
});

describe("Prism judges every operation but the documented ones", () => {
  it("a broken variant of every call is refused, except for the operations listed in src/prism-limits.ts", () => {
    const unjudged: Record<string, Record<string, string>> = {};
    const nothingToBreak: string[] = [];
    for (const [service, ops] of probes) {
      for (const [operationId, probe] of ops) {
        if (probe === undefined) {
          // No constrained input and no credentials required: Prism judges all there is (method and path).
          nothingToBreak.push(`${service} ${operationId}`);
          continue;
        }
        if (probe.rejected) continue;
        unjudged[service] ??= {};
        (unjudged[service] as Record<string, string>)[operationId] = `${probe.what}: Prism answered ${probe.status ?? "nothing"}`;
      }
    }
    const lines = Object.entries(unjudged).flatMap(([service, ops]) =>
      Object.entries(ops).map(([id, why]) => `  ${service} ${id}: ${why}`),
    );
    const documented = Object.entries(PRISM_CANNOT_JUDGE).flatMap(([service, ops]) =>
      Object.entries(ops).map(([id, reason]) => `  ${service} ${id}: ${reason}`),
    );
    console.log(`\nOperations Prism cannot judge (src/prism-limits.ts):\n${documented.length ? documented.join("\n") : "  none"}`);
    if (lines.length) console.log(`Broken calls Prism let through:\n${lines.join("\n")}`);
    console.log(`Public operations without any constrained input (nothing to break): ${nothingToBreak.join(", ") || "none"}`);
    const found = Object.fromEntries(Object.entries(unjudged).map(([s, ops]) => [s, Object.keys(ops).sort()]));
    const listed = Object.fromEntries(Object.entries(PRISM_CANNOT_JUDGE).map(([s, ops]) => [s, Object.keys(ops).sort()]));
    expect(found).toEqual(listed);
  });

  it("the operations Prism judges only partly (file parts of multipart bodies) are the ones listed", () => {
    const found = Object.fromEntries(
      entries
        .map((e) => {
          const doc = loadSpec(path.join(root, e.spec));
          return [e.name, operationsWithFileParts(doc, listOperations(doc)).sort()] as const;
        })
        .filter(([, ops]) => ops.length > 0),
    );
    const listed = Object.fromEntries(Object.entries(PRISM_PARTLY_JUDGES).map(([s, ops]) => [s, Object.keys(ops).sort()]));
    // One line per reason, naming its operations.
    const byReason = new Map<string, string[]>();
    for (const [service, ops] of Object.entries(PRISM_PARTLY_JUDGES)) {
      for (const [id, reason] of Object.entries(ops)) byReason.set(reason, [...(byReason.get(reason) ?? []), `${service} ${id}`]);
    }
    console.log(
      `\nOperations Prism judges only partly:\n${[...byReason].map(([reason, ops]) => `  ${ops.join(", ")}: ${reason}`).join("\n")}`,
    );
    expect(found).toEqual(listed);
  });
});

describe("contract summary", () => {
  it("prints operations passed / total per client; every client at 100%", () => {
    const rows = entries.map((entry) => {
      const total = listOperations(loadSpec(path.join(root, entry.spec))).length;
      const ops = outcomes.get(entry.name) ?? new Map<string, Outcome[]>();
      const points = running.get(entry.name)?.service.entryPoints.map((p) => p.name) ?? [];
      const passed = [...ops.values()].filter((list) => list.length === points.length + 1 && list.every((o) => o.passed)).length;
      return { client: entry.package, passed, total, via: `${points.join(" + ")} (spec examples), ${points[0]} (generated values)` };
    });
    const startup = prism?.startupMs ?? 0;
    console.log(
      `\n${formatTable(rows)}\nPrism: five specs listening after ${startup} ms (one process, pid ${prism?.pid}); contract run so far ${Math.round(performance.now() - runStarted)} ms\n`,
    );
    for (const row of rows) expect(`${row.client} ${row.passed} / ${row.total}`).toBe(`${row.client} ${row.total} / ${row.total}`);
  });
});
