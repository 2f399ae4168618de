// dtool READMEs: YAML text that dserver hands out as `{ readme: "<text>" }`.
import { parse } from "yaml";

/** A dataset README: its text, and the text parsed as YAML. */
export interface Readme<Data = unknown> {
  /** The README exactly as stored. */
  text: string;
  /**
   * The README parsed as YAML (YAML 1.2: dates such as `2020-11-08` stay
   * strings): usually an object of the README's fields, `null` for an empty
   * README, `undefined` when the text is not valid YAML (see `yamlError`).
   * `Data` is what the caller expects; it is not checked.
   */
  data: Data | undefined;
  /** Why the text could not be parsed as YAML, when it could not. */
  yamlError?: Error;
}

/**
 * Parses README text as YAML, as `yaml.safe_load` does for the Python client.
 * A README that is not valid YAML (free text, several YAML documents) is not
 * an error: `data` is then `undefined` and `yamlError` says why.
 */
export function parseReadme<Data = unknown>(text: string): Readme<Data> {
  try {
    return { text, data: parse(text) as Data };
  } catch (error) {
    return { text, data: undefined, yamlError: error instanceof Error ? error : new Error(String(error)) };
  }
}
