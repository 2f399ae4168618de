// The request pipeline every client shares, run as a wrapper around axios's
// adapter, so that it acts at the moment a request is sent (after every
// interceptor, and after waiting for a connection slot):
// - credentials are read from the provider right then, and go to the client's
//   own origin only, redirects included (redirects are followed here, not by
//   the transport, so that every header the provider set is dropped on the way
//   to another origin);
// - a refusal of the credentials (401, or what the client's
//   `credentialsRefused` says) for credentials older than the current ones is
//   sent again with the current ones, and one for the current ones asks the
//   provider to renew them (both bounded);
// - connect, idle and (opt-in) total timeouts end a stalled request with a
//   timeout error, response streams included.
//
// It loads lazily (pipeline.ts attaches it), with operation.ts. It imports
// axios, types and modules only lazy modules reach; what it uses of the rest
// of the package comes in `kit` (see pipeline.ts for why).
import axios, {
  type AxiosAdapter,
  AxiosError,
  AxiosHeaders,
  type AxiosResponse,
  CanceledError,
  type InternalAxiosRequestConfig,
} from "axios";
import type { AuthError as AuthErrorClass } from "./auth-error.js";
import type { CredentialsProvider } from "./credentials.js";
import type { Limiter } from "./limiter.js";
import { lend as lendOperation } from "./operation.js";
import type { CredentialsRefused, PipelineKit, PipelineSettings } from "./pipeline.js";
import { redactStrings } from "./redact-request.js";
import { rememberCredentials, secretsOf } from "./secrets.js";

export { sendOperation, toApiError } from "./operation.js";

type Config = InternalAxiosRequestConfig;

// The connection limiter serves agents that cap their sockets (Node). It shares no code with the
// rest of the package and loads on first use, so that browser bundles leave it in a chunk that is
// never fetched. Once loaded it is kept here: later requests do not wait for it.
let limiterModule: typeof import("./limiter.js") | undefined;
async function loadLimiter(): Promise<typeof import("./limiter.js")> {
  limiterModule ??= await import("./limiter.js");
  return limiterModule;
}

/** True when an agent `config` may use caps its sockets (limiter.ts then decides, per origin). */
function cappedAgent(config: Config): boolean {
  return typeof config.httpAgent?.maxSockets === "number" || typeof config.httpsAgent?.maxSockets === "number";
}

/** How often one request's credentials are refused before it fails: once for stale credentials, once after a renewal, once more for a renewal racing another. */
const MAX_REFUSALS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The code of the ApiError for a redirect a browser request does not follow. */
const REDIRECT_REFUSED = "redirect_refused";
const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/** What the rest of the package lends the pipeline. */
let kit: PipelineKit;
/** Called once by the loader (pipeline.ts), before anything else here. */
export function lend(given: PipelineKit): void {
  kit = given;
  lendOperation(given);
}

export async function dispatch(config: Config, inner: unknown, settings: PipelineSettings): Promise<AxiosResponse> {
  const adapter = axios.getAdapter(inner as Parameters<typeof axios.getAdapter>[0], config) as AxiosAdapter & { adapterName?: string };
  const limiter = cappedAgent(config) ? (await loadLimiter()).limiterFor(config, targetOrigin(config, settings)) : undefined;
  if (limiter) await limiter.acquire(config.signal as AbortSignal | undefined);
  const slot: Slot = { limiter, kept: false };
  const total = new Deadline(config);
  try {
    return await run(config, adapter, settings, total, slot);
  } catch (error) {
    throw scrub(total.error(config) ?? error, config);
  } finally {
    total.stop();
    if (!slot.kept) limiter?.release();
  }
}

/** The connection slot a request holds; a response stream keeps it until the stream ends. */
interface Slot {
  limiter: Limiter | undefined;
  kept: boolean;
}

async function run(config: Config, adapter: AxiosAdapter, settings: PipelineSettings, total: Deadline, slot: Slot) {
  const provider = settings.provider();
  const carried: Record<string, string>[] = [];
  if (provider) rememberCredentials(config, provider, carried);
  const maxRedirects = config.maxRedirects ?? 10;
  let attempt = config;
  let redirects = 0;
  let refusals = 0;
  let renewed = false;
  const { AuthError } = kit;
  for (;;) {
    let attached: Record<string, string> | undefined;
    if (provider && settings.origin && targetOrigin(attempt, settings) === settings.origin) {
      attached = await credentials(provider, config, settings.service);
      for (const name in attached) attempt.headers.set(name, attached[name]);
      carried.push(attached);
    }
    const response = await send(attempt, adapter, attached, total, slot);
    const status = response.status;
    const location = REDIRECT_STATUSES.has(status) && maxRedirects > 0 ? header(response, "location") : undefined;
    if (location) {
      if (++redirects > maxRedirects) {
        throw new AxiosError(`Stopped after ${maxRedirects} redirects`, "ERR_FR_TOO_MANY_REDIRECTS", config, response.request, response);
      }
      const next = redirected(attempt, status, location, attached);
      if (next) {
        discard(response.data);
        attempt = next;
        continue;
      }
    }
    const refused = provider !== undefined && attached !== undefined && (await refusesCredentials(response, settings.credentialsRefused));
    if (refused && provider && attached && refusals < MAX_REFUSALS && replayable(attempt.data)) {
      refusals++;
      discard(response.data);
      const current = await credentials(provider, config, settings.service);
      // Refused credentials older than the current ones (renewed while this request waited): send the current ones.
      if (!sameHeaders(current, attached)) continue;
      // The current ones were refused: renew them, once per request.
      if (!renewed) {
        renewed = true;
        await credentials(provider, config, settings.service, { headers: attached, status });
        for (const name in attached) attempt.headers.delete(name);
        continue;
      }
    }
    if (refused && refusals > 0) {
      throw new AuthError(`The API refused the renewed credentials (HTTP ${status})`, {
        code: "unauthorized",
        provider: provider?.kind,
        service: settings.service,
        status,
        secrets: secretsOf(config),
      });
    }
    response.config = config;
    const validate = config.validateStatus;
    if (!status || !validate || validate(status)) return response;
    const code = status >= 500 ? "ERR_BAD_RESPONSE" : status >= 400 ? "ERR_BAD_REQUEST" : undefined;
    throw new AxiosError(`Request failed with status code ${status}`, code, config, response.request, response);
  }
}

/**
 * The provider's headers for `config`'s request (renewed ones after `refused`
 * was refused); failures become AuthError, naming `service`.
 */
async function credentials(
  provider: CredentialsProvider,
  config: Config,
  service: string | undefined,
  refused?: { headers: Record<string, string>; status: number },
): Promise<Record<string, string>> {
  const signal = (config.signal as AbortSignal | undefined) ?? undefined;
  const { AuthError } = kit;
  try {
    return await provider.getAuthHeaders(
      refused
        ? { forceRenewal: true, refusedHeaders: refused.headers, refusedStatus: refused.status, signal }
        : signal
          ? { signal }
          : undefined,
    );
  } catch (error) {
    if (error instanceof AuthError) throw withService(error, service);
    throw new AuthError(
      refused ? "The API refused the credentials and renewing them failed" : "Could not get credentials for the request",
      {
        code: "token_request_failed",
        provider: provider.kind,
        service,
        cause: error,
        secrets: provider.secrets?.() ?? [],
      },
    );
  }
}

/**
 * `error` with `service` set, when it has none: a copy, since one provider (and
 * so one error) may serve clients of several services.
 */
function withService(error: AuthErrorClass, service: string | undefined): AuthErrorClass {
  if (service === undefined || error.service !== undefined) return error;
  const copy = Object.create(Object.getPrototypeOf(error)) as AuthErrorClass;
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (descriptor) Object.defineProperty(copy, key, descriptor);
  }
  Object.defineProperty(copy, "service", { value: service, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Whether `response` refused the credentials: 401 by default, else the client's own test, given the body as read. */
async function refusesCredentials(response: AxiosResponse, test: CredentialsRefused | undefined): Promise<boolean> {
  const status = response.status;
  if (!test) return status === 401;
  if (!(status >= 400)) return false;
  return test(status, await readableBody(response));
}

/**
 * An answer's body for a {@link CredentialsRefused} test, without consuming it:
 * JSON parsed, other text as text; streams and binary answers that are not
 * text give undefined.
 */
async function readableBody(response: AxiosResponse): Promise<unknown> {
  let data: unknown = response.data;
  if (data === null || data === undefined) return undefined;
  if (typeof data === "object") {
    if (typeof (data as { pipe?: unknown }).pipe === "function") return undefined;
    if (typeof ReadableStream !== "undefined" && data instanceof ReadableStream) return undefined;
    try {
      if (typeof Blob !== "undefined" && data instanceof Blob) data = await data.text();
      else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) data = new TextDecoder("utf-8", { fatal: true }).decode(data);
      else return data; // already parsed by an adapter of your own
    } catch {
      return undefined;
    }
  }
  if (typeof data !== "string") return undefined;
  const text = data.trim();
  if (text.startsWith("{") || text.startsWith("[") || /json/i.test(header(response, "content-type") ?? "")) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON after all: the text itself
    }
  }
  return data;
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

function header(response: AxiosResponse, name: string): string | undefined {
  const value =
    (response.headers as AxiosHeaders | undefined)?.get?.(name) ?? (response.headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function pageHref(): string | undefined {
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === "string" ? href : undefined;
}

/** The origin a config's request goes to ("" when unknown). */
export function targetOrigin(config: Config, settings: Pick<PipelineSettings, "origin" | "baseURL">): string {
  const url = config.url ?? "";
  const absolute = ABSOLUTE.test(url) && config.allowAbsoluteUrls !== false;
  if (!absolute && config.baseURL === settings.baseURL) return settings.origin;
  const full = absolute || !config.baseURL ? url : `${config.baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
  try {
    const origin = new URL(full, pageHref()).origin;
    return origin === "null" ? "" : origin;
  } catch {
    return "";
  }
}

/** Bodies that can be sent again (not a stream the first attempt consumed). */
function replayable(data: unknown): boolean {
  if (data === null || typeof data !== "object") return true;
  if (typeof (data as { pipe?: unknown }).pipe === "function") return false;
  return !(typeof ReadableStream !== "undefined" && data instanceof ReadableStream);
}

/** Frees the body of a response that will not be read. */
function discard(data: unknown): void {
  if (data === null || typeof data !== "object") return;
  if (typeof ReadableStream !== "undefined" && data instanceof ReadableStream) data.cancel().catch(() => {});
  else (data as { destroy?: () => void }).destroy?.();
}

/**
 * The request a redirect asks for, or undefined when it cannot be followed
 * (not http(s), or a streamed body that cannot be sent again). Every header
 * the provider set is removed (the next attempt adds current ones again when
 * it goes to the client's origin), and so are Authorization, Cookie and
 * Proxy-Authorization when the redirect leaves the origin.
 */
function redirected(attempt: Config, status: number, location: string, attached: Record<string, string> | undefined): Config | undefined {
  const from = new URL(axios.getUri(attempt), pageHref());
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return undefined;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return undefined;
  let method = (attempt.method ?? "get").toLowerCase();
  let data = attempt.data;
  if (status === 303 ? method !== "head" : (status === 301 || status === 302) && method === "post") {
    method = "get";
    data = undefined;
  } else if (!replayable(data)) {
    return undefined;
  }
  const headers = new AxiosHeaders(attempt.headers);
  for (const name in attached) headers.delete(name);
  if (data === undefined) headers.delete(["content-type", "content-length"]);
  if (target.origin !== from.origin) headers.delete(["authorization", "proxy-authorization", "cookie"]);
  return { ...attempt, url: target.href, baseURL: undefined, params: undefined, method, data, headers } as Config;
}

/**
 * One attempt through the real adapter: redirects not followed (they are
 * followed above), every status resolved, connect and idle timeouts armed.
 */
async function send(
  attempt: Config,
  given: AxiosAdapter & { adapterName?: string },
  attached: Record<string, string> | undefined,
  total: Deadline,
  slot: Slot,
): Promise<AxiosResponse> {
  const idle = attempt.idleTimeout ?? 0;
  const connect = attempt.connectTimeout ?? 0;
  const watch = new Watch(idle);
  const node = kit.inNode();
  // In a browser, fetch cannot show where a redirect leads; it drops Authorization on its own when
  // a redirect leaves the origin, but not other headers: with those, redirects are refused instead.
  const manual = node || (attached !== undefined && Object.keys(attached).some((name) => name.toLowerCase() !== "authorization"));
  // XMLHttpRequest follows every redirect, whatever `maxRedirects` says, and sends the headers on
  // to wherever it leads: such requests go through axios's fetch adapter, which asks for
  // `redirect: "manual"` when `maxRedirects` is 0.
  const adapter = manual && !node && given.adapterName === "xhr" ? fetchAdapter(attempt) : given;
  const http = adapter.adapterName === "http" && node;
  // Elsewhere the idle timer needs progress events, which axios's own adapters give; an adapter of
  // your own (a stub, a mock) keeps its own time.
  const watched = idle > 0 && !http && isAxiosAdapter(adapter, attempt);
  if (watched) watch.start(total);
  // The attempt's config is changed for the adapter and put back after (cheaper than a copy):
  // every status resolves, no timeout or redirect of the adapter's own, our signal.
  const { validateStatus, timeout, signal, maxRedirects, transport, onDownloadProgress, onUploadProgress } = attempt;
  const config = attempt as Config & { transport?: unknown };
  config.validateStatus = null;
  config.timeout = 0;
  config.signal = total.signal(signal as AbortSignal | undefined);
  if (manual) config.maxRedirects = 0;
  if (http) config.transport = nodeTransport(connect, watch);
  else if (watched) {
    config.onDownloadProgress = (event) => {
      watch.reset();
      onDownloadProgress?.(event);
    };
    // fetch reports upload progress only by streaming the body, which browsers allow over HTTP/2
    // alone (an HTTP/1.1 request fails): not asked for unless the caller asked.
    if (adapter !== fetchOf(attempt) || onUploadProgress)
      config.onUploadProgress = (event) => {
        watch.reset();
        onUploadProgress?.(event);
      };
  }
  let response: AxiosResponse;
  try {
    response = await adapter(config);
  } catch (error) {
    watch.stop();
    throw total.error(attempt) ?? watch.error(attempt) ?? error;
  } finally {
    Object.assign(config, { validateStatus, timeout, signal, maxRedirects, transport, onDownloadProgress, onUploadProgress });
  }
  // fetch's answer to a redirect it was told not to follow: status 0, no Location to read.
  if (response.status === 0 && manual && !node) {
    discard(response.data);
    throw new AxiosError(
      "the server answered with a redirect, which is not followed: a browser does not show where it leads, and the credentials are never forwarded to another origin",
      REDIRECT_REFUSED,
      attempt,
      response.request,
    );
  }
  if (attempt.responseType === "stream" && response.data && typeof response.data === "object") {
    response.data = watch.follow(response.data, attempt, slot);
  } else {
    watch.stop();
  }
  return response;
}

/** axios's fetch adapter; where there is no fetch, the request is refused rather than sent by XMLHttpRequest. */
function fetchAdapter(config: Config): AxiosAdapter & { adapterName?: string } {
  try {
    return axios.getAdapter("fetch", config) as AxiosAdapter & { adapterName?: string };
  } catch {
    throw new AxiosError(
      "this browser has no fetch, and XMLHttpRequest would send the credentials on through redirects: the request is not sent",
      REDIRECT_REFUSED,
      config,
      undefined,
      undefined,
    );
  }
}

/** True for axios's xhr and fetch adapters. */
function isAxiosAdapter(adapter: AxiosAdapter & { adapterName?: string }, config: Config): boolean {
  return adapter.adapterName === "xhr" || adapter === fetchOf(config);
}

/** axios's fetch adapter, or undefined where there is none. */
function fetchOf(config: Config): AxiosAdapter | undefined {
  try {
    return axios.getAdapter("fetch", config);
  } catch {
    return undefined;
  }
}

type Builtin = { request(options: unknown, callback: unknown): NodeRequest };
type NodeRequest = {
  setTimeout(ms: number, callback: () => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  destroy(error?: Error): void;
};

/** A Node built-in module (`node:http`…), loaded without an import that bundlers would follow (this code runs in browsers too). */
function nodeBuiltin<T>(id: string): T {
  return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as T;
}

/** Node's http(s).request, arming the connect timeout on the socket and the idle timeout on the request. */
function nodeTransport(connect: number, watch: Watch): { request(options: { protocol?: string }, callback: unknown): NodeRequest } {
  return {
    request(options, callback) {
      const module = nodeBuiltin<Builtin>(options.protocol === "https:" ? "node:https" : "node:http");
      const req = module.request(options, callback);
      watch.attach(req);
      if (connect > 0) {
        req.once("socket", (socket: { connecting?: boolean; once(event: string, listener: () => void): void }) => {
          if (!socket.connecting) return;
          const timer = setTimeout(() => watch.fire(`could not connect within ${connect} ms`), connect);
          socket.once("connect", () => clearTimeout(timer));
          req.once("close", () => clearTimeout(timer));
        });
      }
      return req;
    },
  };
}

/** The idle timeout of one attempt (and its response stream), and the connect timeout's way to fail it. */
class Watch {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reason: string | undefined;
  #request: NodeRequest | undefined;
  #stream: { destroy?(error: Error): void } | undefined;
  #fail: ((error: Error) => void) | undefined;
  #done = false;

  constructor(readonly idle: number) {}

  /** Node: the socket itself reports idleness (reading or writing resets it). */
  attach(request: NodeRequest): void {
    this.#request = request;
    // After the adapter's own setup, which resets the socket timeout when axios's `timeout` is 0.
    if (this.idle > 0) queueMicrotask(() => request.setTimeout(this.idle, () => this.fire(`no data for ${this.idle} ms (idle timeout)`)));
  }

  /** Elsewhere: a timer that progress events reset, failing the attempt through the deadline's signal. */
  start(total: Deadline): void {
    this.#fail = (error) => total.abort(error);
    total.arm();
    this.reset();
  }

  reset(): void {
    if (this.#done || this.#request) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.fire(`no data for ${this.idle} ms (idle timeout)`), this.idle);
  }

  fire(reason: string): void {
    if (this.#done) return;
    this.#reason = reason;
    this.#done = true;
    const error = new AxiosError(reason, "ETIMEDOUT");
    this.#stream?.destroy?.(error);
    if (this.#request) this.#request.destroy(error);
    else this.#fail?.(error);
  }

  stop(): void {
    this.#done = true;
    clearTimeout(this.#timer);
  }

  error(config: Config): AxiosError | undefined {
    return this.#reason === undefined ? undefined : new AxiosError(this.#reason, "ETIMEDOUT", config);
  }

  /** Keeps watching a response stream until it ends, and frees the connection slot then. */
  follow(data: object, config: Config, slot: Slot): unknown {
    slot.kept = slot.limiter !== undefined;
    const end = () => {
      this.stop();
      if (slot.kept) slot.limiter?.release();
      slot.kept = false;
    };
    if (typeof ReadableStream !== "undefined" && data instanceof ReadableStream) {
      let controller: TransformStreamDefaultController | undefined;
      this.#stream = { destroy: (error) => controller?.error(this.error(config) ?? error) };
      return data.pipeThrough(
        new TransformStream({
          start: (c) => {
            controller = c;
          },
          transform: (chunk, c) => {
            this.reset();
            c.enqueue(chunk);
          },
          flush: end,
        }),
      );
    }
    const stream = data as { destroy?(error: Error): void; once?(event: string, listener: () => void): void };
    this.#stream = { destroy: (error) => stream.destroy?.(this.error(config) ?? error) };
    stream.once?.("close", end);
    return data;
  }
}

/** The opt-in total timeout (`timeout`) of a request, over all its attempts, and the abort signal of each attempt. */
class Deadline {
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reason: Error | undefined;

  constructor(config: Config) {
    const ms = config.timeout ?? 0;
    if (ms > 0) this.#timer = setTimeout(() => this.abort(new AxiosError(`no complete answer within ${ms} ms (timeout)`, "ETIMEDOUT")), ms);
  }

  /** Makes the attempts abortable by this deadline (an idle timer may fail them through it). */
  arm(): void {
    if (!this.#controller) this.#controller = new AbortController();
  }

  /** The signal an attempt is sent with: the caller's, and ours when a timer may abort it. */
  signal(caller: AbortSignal | undefined): AbortSignal | undefined {
    if (this.#timer !== undefined) this.arm();
    if (!this.#controller) return caller;
    if (!caller) return this.#controller.signal;
    if (caller.aborted) return caller;
    const controller = this.#controller as AbortController;
    caller.addEventListener("abort", () => controller.abort(caller.reason), { once: true });
    return controller.signal;
  }

  abort(reason: Error): void {
    this.#reason = reason;
    if (!this.#controller) this.#controller = new AbortController();
    this.#controller.abort(new CanceledError(reason.message));
  }

  error(config: Config): AxiosError | undefined {
    return this.#reason ? new AxiosError(this.#reason.message, "ETIMEDOUT", config) : undefined;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/** What any axios error leaving the pipeline shows of the credentials: nothing. */
function scrub(error: unknown, config: Config): unknown {
  if (!axios.isAxiosError(error)) return error;
  error.config = config;
  const secrets = secretsOf(config);
  if (secrets.length > 0) {
    for (const [name, value] of Object.entries(config.headers ?? {})) {
      if (typeof value === "string" && secrets.includes(value)) config.headers.set(name, "[REDACTED]");
    }
    // A server may repeat what it was sent in its error answer.
    if (error.response) error.response.data = redactStrings(error.response.data, (text) => kit.redactSecrets(text, secrets));
  }
  // The raw request objects stay reachable but out of enumeration: loggers and inspect() would walk
  // into sockets and raw request heads that repeat the headers.
  for (const holder of [error, error.response]) {
    if (holder && "request" in holder)
      Object.defineProperty(holder, "request", { value: holder.request, enumerable: false, configurable: true, writable: true });
  }
  return error;
}
