// Requests wait for a connection here rather than in the http.Agent's queue,
// so that their credentials are read when a connection is free, not before a
// wait that may outlast the token. Only for agents with a finite `maxSockets`.
import { CanceledError, type InternalAxiosRequestConfig } from "axios";

/** One origin's share of an agent: how many requests are out, and who waits. */
export class Limiter {
  #active = 0;
  readonly #waiting: ((granted: boolean) => void)[] = [];
  #head = 0;

  constructor(readonly max: number) {}

  /** Resolves when a connection is free for this request; the caller must `release()` once done. */
  acquire(signal: AbortSignal | undefined): Promise<void> | undefined {
    if (this.#active < this.max) {
      this.#active++;
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CanceledError());
        return;
      }
      const onAbort = () => {
        const index = this.#waiting.indexOf(wake, this.#head);
        if (index >= 0) this.#waiting[index] = () => {};
        reject(new CanceledError());
      };
      const wake = (granted: boolean) => {
        signal?.removeEventListener("abort", onAbort);
        if (granted) resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(wake);
    });
  }

  /** Hands the connection to the next waiting request, or frees it. */
  release(): void {
    while (this.#head < this.#waiting.length) {
      const next = this.#waiting[this.#head++] as (granted: boolean) => void;
      if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
        this.#waiting.splice(0, this.#head);
        this.#head = 0;
      }
      // A cancelled waiter was replaced by a no-op that takes nothing: keep looking.
      if (next.length === 0) continue;
      next(true);
      return;
    }
    this.#active--;
  }
}

const byAgent = new WeakMap<object, Map<string, Limiter>>();

/** The limiter of the agent `config` uses for `origin`, when that agent caps its sockets. */
export function limiterFor(config: InternalAxiosRequestConfig, origin: string): Limiter | undefined {
  const agent = (origin.startsWith("https:") ? config.httpsAgent : config.httpAgent) as { maxSockets?: number } | undefined;
  const max = agent?.maxSockets;
  if (!agent || typeof max !== "number" || !Number.isFinite(max) || max < 1) return undefined;
  let limiters = byAgent.get(agent);
  if (!limiters) {
    limiters = new Map();
    byAgent.set(agent, limiters);
  }
  let limiter = limiters.get(origin);
  if (!limiter) {
    limiter = new Limiter(max);
    limiters.set(origin, limiter);
  }
  return limiter;
}
