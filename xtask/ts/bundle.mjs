// Bundles entry files as a frontend's build would, for the bundle checks of
// `cargo xtask ci` and the sizes of `cargo xtask bench` (xtask/src/ts/bundle.rs):
//
//   node bundle.mjs sizes OUT_DIR ENTRY...
//     Each entry with esbuild (`--bundle --minify --format=esm`, for browsers)
//     and with Rollup (@rollup/plugin-node-resolve, then @rollup/plugin-terser),
//     both reading the package's `exports` and `sideEffects`. Writes each
//     bundle to OUT_DIR/<entry name>.<bundler>.js and prints, as JSON, one
//     { entry, bundler, file, minified, gzipped } per bundle (sizes in bytes;
//     gzip at zlib's default level, as `gzip` without options).
//
//   node bundle.mjs side-effects FILE...
//     Bundles `import "FILE"` with Rollup alone, which ignores package.json's
//     `sideEffects` and keeps any top-level code that may have an effect (it
//     honours /* @__PURE__ */). Prints, as JSON, one { file, kept } per file:
//     the code that Rollup kept, "" if the file only declares.
import { build } from "esbuild";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** Warnings fail the run: a bundle that needed one is not what a user gets. */
function failOnWarning(warning) {
  throw new Error(`rollup: ${warning.message}`);
}

async function esbuild(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

async function rollupTerser(entry) {
  const bundle = await rollup({ input: entry, plugins: [nodeResolve()], onwarn: failOnWarning });
  try {
    const { output } = await bundle.generate({ format: "es", plugins: [terser()] });
    return Buffer.from(output[0].code);
  } finally {
    await bundle.close();
  }
}

const BUNDLERS = { esbuild, rollup: rollupTerser };

async function sizes(outDir, entries) {
  mkdirSync(outDir, { recursive: true });
  const results = [];
  for (const entry of entries) {
    const name = basename(entry, extname(entry));
    for (const [bundler, bundle] of Object.entries(BUNDLERS)) {
      const code = await bundle(entry);
      const file = join(outDir, `${name}.${bundler}.js`);
      writeFileSync(file, code);
      results.push({ entry, bundler, file, minified: code.length, gzipped: gzipSync(code).length });
    }
  }
  return results;
}

async function sideEffects(files) {
  const results = [];
  for (const file of files) {
    const id = "\0side-effects-entry";
    const entry = {
      name: "side-effects-entry",
      resolveId: (source) => (source === id ? id : null),
      load: (source) => (source === id ? `import ${JSON.stringify(resolve(file))};\n` : null),
    };
    // An empty bundle is the expected result, not a reason to warn.
    const onwarn = (warning) => warning.code === "EMPTY_BUNDLE" || failOnWarning(warning);
    const bundle = await rollup({ input: id, plugins: [entry], onwarn });
    try {
      const { output } = await bundle.generate({ format: "es" });
      results.push({ file, kept: output[0].code.trim() });
    } finally {
      await bundle.close();
    }
  }
  return results;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "sizes" && args.length >= 2) {
  console.log(JSON.stringify(await sizes(args[0], args.slice(1))));
} else if (mode === "side-effects" && args.length >= 1) {
  console.log(JSON.stringify(await sideEffects(args)));
} else {
  console.error("usage: node bundle.mjs sizes OUT_DIR ENTRY... | node bundle.mjs side-effects FILE...");
  process.exit(2);
}
