// Lint rules of our own for specs/, loaded by redocly.yaml (`pnpm lint:specs`).
//
// pattern-compiles: every schema `pattern` must compile as an ECMAScript regular
// expression in Unicode mode, which is how the tools downstream read it (Ajv in
// Prism, the faker mocks, the browsers' form validation). Redocly itself only
// checks that a pattern is a string, so a pattern such as `[\w-.]` (a range
// Unicode mode refuses) used to surface first as a Prism start-up failure.

/** Why `pattern` does not compile in Unicode mode, or undefined when it does. */
function patternProblem(pattern) {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function PatternCompiles() {
  return {
    Schema(schema, { report, location }) {
      if (typeof schema.pattern !== "string") return;
      const problem = patternProblem(schema.pattern);
      if (problem === undefined) return;
      report({
        message: `pattern ${JSON.stringify(schema.pattern)} is not a valid regular expression in Unicode mode: ${problem}`,
        location: location.child(["pattern"]),
      });
    },
  };
}

export default function sciclientsSpecRules() {
  return {
    id: "sciclients",
    rules: {
      oas3: { "pattern-compiles": PatternCompiles },
      oas2: { "pattern-compiles": PatternCompiles },
    },
  };
}
