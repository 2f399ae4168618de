// One operation as a subcommand: its path, query and header parameters and
// its body's top-level fields as typed flags, from the catalogue.
import { Command, Option } from "commander";
import type { BodyField, OperationEntry, ParameterEntry, ServiceEntry, ValueShape } from "./catalogue-types.js";
import type { CliContext } from "./context.js";
import { longWorkFor } from "./long-work.js";
import { kebabCase } from "./names.js";
import { runOperation } from "./run-operation.js";
import { argumentParser, placeholder } from "./values.js";

/** Flags every operation has, which a parameter or body field may not take. */
const RESERVED = new Set(["body", "all-pages", "out", "wait", "quiet", "base-url", "token", "output", "help", "version"]);

/** A flag and what it sets: a parameter (by its place) or a body field. */
export interface FlagBinding {
  attribute: string;
  target: { kind: "parameter"; parameter: ParameterEntry } | { kind: "field"; field: BodyField };
}

function describe(shape: ValueShape & { required: boolean }, where: string): string {
  const notes = [where];
  if (shape.default !== undefined) notes.push(`default: ${JSON.stringify(shape.default)}`);
  if (shape.enum && shape.enum.length > 6) notes.push(`one of: ${shape.enum.join(", ")}`);
  if (shape.type === "array") notes.push("repeat the flag for each value");
  if (shape.type === "object") notes.push("JSON");
  const text = `${shape.description ?? ""} (${notes.join("; ")})`.trim();
  return shape.required ? `[required] ${text}` : text;
}

function flagFor(name: string, taken: Set<string>, fallbackPrefix: string): string | undefined {
  let flag = kebabCase(name);
  if (flag === "" || RESERVED.has(flag) || taken.has(flag)) flag = `${fallbackPrefix}-${flag}`;
  if (RESERVED.has(flag) || taken.has(flag)) return undefined;
  taken.add(flag);
  return flag;
}

export function operationCommand(service: ServiceEntry, operation: OperationEntry, context: CliContext): Command {
  const command = new Command(operation.command)
    .description(operation.summary)
    .helpGroup(`${operation.tag}:`)
    .addHelpText("after", `\n${operation.method} ${operation.path} (operationId ${operation.id})`);
  const bindings: FlagBinding[] = [];
  const taken = new Set<string>();
  for (const parameter of operation.parameters) {
    const flag = flagFor(parameter.name, taken, parameter.in);
    if (!flag) continue;
    const option = new Option(`--${flag} <${placeholder(parameter)}>`, describe(parameter, `${parameter.in} parameter ${parameter.name}`))
      .argParser(argumentParser(parameter))
      .helpGroup("Parameters:");
    if (parameter.required) option.makeOptionMandatory();
    command.addOption(option);
    bindings.push({ attribute: option.attributeName(), target: { kind: "parameter", parameter } });
  }
  const body = operation.body;
  if (body) {
    const structured = /json|multipart|x-www-form-urlencoded/.test(body.contentType);
    command.addOption(
      new Option(
        "--body <json|@file|->",
        structured
          ? `the ${body.contentType} body as JSON: inline, @file.json or - for stdin; the field flags below override its fields${body.required ? " (required)" : ""}`
          : `the ${body.contentType} body: @file or - for stdin${body.required ? " (required)" : ""}`,
      ).helpGroup("Body:"),
    );
    if (structured) {
      for (const field of body.fields) {
        const flag = flagFor(field.name, taken, "body");
        if (!flag) continue;
        const shape = { ...field, required: false };
        const option = new Option(
          `--${flag} <${placeholder(field)}>`,
          describe(shape, `body field ${field.name}${field.required ? ", required" : ""}${field.file ? ", a file to upload" : ""}`),
        )
          .argParser(argumentParser(field))
          .helpGroup("Body:");
        command.addOption(option);
        bindings.push({ attribute: option.attributeName(), target: { kind: "field", field } });
      }
    }
  }
  const work = longWorkFor(service.catalogue.name, operation);
  if (work?.waitHelp) command.addOption(new Option("--wait", work.waitHelp).helpGroup("Long work:"));
  else if (work)
    command.addHelpText(
      "after",
      "\nIts answer is a progress stream: the progress is shown on stderr (--quiet: none) and the last document printed.",
    );
  command
    .addOption(new Option("--all-pages", "follow the service's paging and print every page's entries as one list").helpGroup("Output:"))
    .addOption(new Option("--out <file>", "write the answer to a file (downloads: the bytes) instead of stdout").helpGroup("Output:"))
    .action(async (_options, self: Command) => {
      await runOperation({ service, operation, bindings, options: self.optsWithGlobals(), context });
    });
  return command;
}
