// The `sciclients` executable. Ctrl-C is taken over before anything else
// loads: the program (src/main.ts, its clients and their dependencies) takes
// a noticeable moment to load, and a Ctrl-C in that moment must end the run
// as any other does (exit 130, one line), not kill it mid-way.
import { abortOnSigint } from "./interrupt.js";

abortOnSigint();
const { main } = await import("./main.js");
process.exitCode = await main();
