// The same as load-entries.mjs through require().
const entries = require("./entries.json");

const loaded = {};
for (const entry of entries) {
  try {
    loaded[entry] = Object.keys(require(entry)).length;
  } catch (error) {
    loaded[entry] = `${error?.code ?? ""} ${error?.message ?? error}`.trim();
  }
}
console.log(JSON.stringify(loaded));
