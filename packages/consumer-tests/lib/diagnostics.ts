// tsc's plain output (`--pretty false`) as a list of diagnostics.

export interface Diagnostic {
  /** As tsc printed it, relative to the folder it ran in. */
  file: string;
  code: string;
  /** The whole diagnostic, continuation lines included. */
  text: string;
}

const START = /^(?<file>[^\s(][^(]*)\(\d+,\d+\): error (?<code>TS\d+): /;
const GLOBAL = /^error (?<code>TS\d+): /;

export function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split("\n")) {
    const match = START.exec(line) ?? GLOBAL.exec(line);
    if (match?.groups) diagnostics.push({ file: match.groups.file ?? "", code: match.groups.code ?? "", text: line });
    else if (line.trim() && diagnostics.length > 0) {
      const last = diagnostics[diagnostics.length - 1];
      if (last) last.text += `\n${line}`;
    }
  }
  return diagnostics;
}
