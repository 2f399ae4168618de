// What every command of the command line is given: where to write, the
// services it knows, and how to reach one of them.
import type { ServiceClient } from "@sciclients/core";
import type { ServiceEntry } from "./catalogue-types.js";
import { clientFor } from "./clients.js";
import { abortOnSigint } from "./interrupt.js";

export interface Output {
  write(chunk: string | Uint8Array): void;
  /** Whether it is a terminal (tables and progress may then be drawn). */
  isTTY: boolean;
  /** The stream itself, for a progress bar to draw on (a terminal's cursor moves). */
  stream?: NodeJS.WritableStream;
}

export interface CliContext {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream;
  /** Every service of specs/services.yaml, with its catalogue of operations. */
  services: readonly ServiceEntry[];
  /** Aborted on Ctrl-C: every request and wait of the command listens to it. */
  signal: AbortSignal;
  /** A client of `service` from --base-url / --token, else the service's environment variables and config file. */
  client(service: ServiceEntry, flags: ConnectionFlags): ServiceClient;
}

/** The global flags that say which deployment to reach and with what credential. */
export interface ConnectionFlags {
  baseUrl?: string;
  token?: string;
}

export function processContext(services: readonly ServiceEntry[]): CliContext {
  return {
    stdout: { write: (chunk) => process.stdout.write(chunk), isTTY: process.stdout.isTTY === true },
    stderr: { write: (chunk) => process.stderr.write(chunk), isTTY: process.stderr.isTTY === true, stream: process.stderr },
    stdin: process.stdin,
    signal: abortOnSigint(),
    services,
    client: clientFor,
  };
}
