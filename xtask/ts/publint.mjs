// Lints a package folder with publint and fails on any message, suggestions
// included: `node publint.mjs DIR`.
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error("usage: node publint.mjs PACKAGE_DIR");
  process.exit(2);
}
const { messages, pkg } = await publint({ pkgDir, level: "suggestion", strict: true, pack: "npm" });
for (const message of messages) {
  console.error(`publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
}
if (messages.length > 0) {
  process.exit(1);
}
console.log(`publint: ${pkg.name}@${pkg.version} has no errors, warnings or suggestions`);
