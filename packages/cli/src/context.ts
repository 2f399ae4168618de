// What every command of the command line is given: where to write, the
// services it knows, and how to reach one of them.
import type { ServiceClient } from "@sciclients/core";
import type { ServiceEntry } from "./catalogue-types.js";
import { clientFor } from "./clients.js";

export interface Output {
  write(chunk: string | Uint8Array): void;
  /** Whether it is a terminal (tables and progress may then be drawn). */
  isTTY: boolean;
}

export interface CliContext {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream;
  /** Every service of specs/services.yaml, with its catalogue of operations. */
  services: readonly ServiceEntry[];
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
    stderr: { write: (chunk) => process.stderr.write(chunk), isTTY: process.stderr.isTTY === true },
    stdin: process.stdin,
    services,
    client: clientFor,
  };
}
