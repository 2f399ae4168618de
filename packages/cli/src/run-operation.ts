// Runs one operation: builds the request from the flags, sends it through the
// service's client, follows paging when asked, prints the answer.
import { pathParameter } from "@sciclients/core";
import { requestBody } from "./body.js";
import type { OperationEntry, ServiceEntry } from "./catalogue-types.js";
import type { CliContext } from "./context.js";
import { UsageError } from "./errors.js";
import { Interrupted } from "./interrupt.js";
import { longWorkFor } from "./long-work.js";
import type { FlagBinding } from "./operation-command.js";
import { formatOf, printAnswer } from "./output.js";
import { PAGINGS } from "./paging.js";
import { progressOn } from "./progress.js";

export interface RunInput {
  service: ServiceEntry;
  operation: OperationEntry;
  bindings: FlagBinding[];
  options: Record<string, unknown>;
  context: CliContext;
}

const RESPONSE_TYPES = { json: "json", text: "text", binary: "arraybuffer", none: "text" } as const;

export async function runOperation({ service, operation, bindings, options, context }: RunInput): Promise<void> {
  const format = formatOf(options.output);
  const name = service.catalogue.name;
  const paging = options.allPages ? PAGINGS[operation.paging ?? ""] : undefined;
  if (options.allPages && !paging) {
    const paged = service.catalogue.operations.filter((op) => op.paging && PAGINGS[op.paging]).map((op) => op.command);
    throw new UsageError(
      paged.length === 0
        ? `--all-pages: ${name} has no paged operations`
        : `--all-pages: ${name} ${operation.command} is not paged; ${name}'s paged operations are ${paged.join(", ")}`,
    );
  }
  if (options.allPages && options.wait)
    throw new UsageError("--all-pages and --wait do not go together: --wait follows the work, not the pages");
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  const fields = new Map<string, unknown>();
  for (const { attribute, target } of bindings) {
    const value = options[attribute];
    if (value === undefined) continue;
    if (target.kind === "field") fields.set(target.field.name, value);
    else if (target.parameter.in === "path") path[target.parameter.name] = value;
    else if (target.parameter.in === "query") query[target.parameter.name] = value;
    else headers[target.parameter.name] = String(value);
  }
  const body = await requestBody(operation, { body: options.body as string | undefined, fields, stdin: context.stdin });
  const url = operation.path.replace(/\{([^}]+)\}/g, (_, param: string) => pathParameter(path[param], param));
  const client = context.client(service, { baseUrl: options.baseUrl as string | undefined, token: options.token as string | undefined });
  const send = async (params: Record<string, unknown>) => {
    let responseHeaders: Record<string, string> = {};
    const data = await client.send(
      name,
      {
        url,
        method: operation.method,
        operation: operation.id,
        params,
        responseType: RESPONSE_TYPES[operation.answer],
        headers: { ...headers, ...(body && !(body.data instanceof FormData) ? { "Content-Type": body.contentType } : {}) },
        ...(body ? { data: body.data } : {}),
      },
      { client, signal: context.signal, onResponse: (info) => (responseHeaders = info.headers) },
    );
    return { data, headers: responseHeaders };
  };
  const work = longWorkFor(name, operation);
  let data: unknown;
  let answer = operation.answer;
  if (work && (options.wait === true || work.waitHelp === undefined)) {
    data = await work.run({
      client,
      path,
      body: body?.data,
      send: async () => (await send(query)).data,
      progress: (label) => progressOn(context.stderr, label, options.quiet === true),
      signal: context.signal,
    });
    // What a waiter gives is a value (a result, a status, a progress stream's last document), whatever the operation's answer type.
    if (data !== null && typeof data === "object" && !(data instanceof Uint8Array)) answer = "json";
  } else {
    try {
      data = paging ? await paging(send, query) : (await send(query)).data;
    } catch (error) {
      if (context.signal.aborted) {
        throw new Interrupted(`${name} ${operation.command} was cancelled before its answer arrived; the service may still carry it out`);
      }
      throw error;
    }
  }
  await printAnswer(context, data, answer, format, options.out as string | undefined);
}
