// The generated package at run time, as ES module and as CommonJS, against the
// model that the code generator dumps (never a copy made by hand).
//
// `cargo xtask ci` runs it once per package it checks, with
//   PACKAGE    the package's specifier (a link in node_modules), e.g. @generated/ts
//   MODEL_JSON the path of the model dump (`codegen::emit::ts::model_json`)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const { PACKAGE, MODEL_JSON } = process.env;
if (!PACKAGE || !MODEL_JSON) {
  throw new Error("set PACKAGE (a package specifier) and MODEL_JSON (the model dump)");
}
const model = JSON.parse(readFileSync(MODEL_JSON, "utf8"));
const require = createRequire(import.meta.url);

/** The API: the names that the package exports besides each code's entry (`model.codes[i].exportName`). */
const API = [
  "CATEGORIES",
  "ERRORS",
  "ERROR_CODES",
  "errorBody",
  "isErrorCode",
  "lookupError",
  "parseErrorResponse",
  "readErrorResponse",
];

/** Names that an object with a prototype would "have": lookups must not see them. */
const INHERITED = ["__proto__", "toString", "constructor", "hasOwnProperty", "valueOf", "__defineGetter__"];

/** What `ERRORS[code]` must equal: the first case's fields, then the rest. */
function expectedEntry(code) {
  const [first] = code.cases;
  const entry = {
    code: code.code,
    httpStatus: first.httpStatus,
    errorMsg: first.errorMsg,
    description: first.description,
    handlingMeasure: first.handlingMeasure,
    category: code.category,
    retryable: code.retryable,
    cases: code.cases,
  };
  if (code.deprecated !== null) {
    entry.deprecated = code.deprecated;
  }
  return entry;
}

/** The global object's own property names and Object.prototype's, to compare before and after an import. */
function globals() {
  return [Reflect.ownKeys(globalThis), Reflect.ownKeys(Object.prototype)].map((keys) => keys.map(String).sort());
}

const before = globals();
const formats = {
  "ES module": await import(PACKAGE),
  CommonJS: require(PACKAGE),
};
const after = globals();

test("importing the package adds nothing to the global object or Object.prototype", () => {
  assert.deepEqual(after, before);
});

test("the two formats are distinct files", () => {
  assert.notEqual(formats["ES module"].ERRORS, formats.CommonJS.ERRORS);
  assert.match(require.resolve(PACKAGE), /\.cjs$/);
  assert.match(import.meta.resolve(PACKAGE), /\.js$/);
});

test("package.json has the spec's name and version", () => {
  const pkg = require(`${PACKAGE}/package.json`);
  assert.equal(pkg.name, model.name);
  assert.equal(pkg.version, model.version);
});

test("an ES module importing index.cjs sees its named exports", async () => {
  const cjs = await import(pathToFileURL(require.resolve(PACKAGE)).href);
  for (const name of [...API, ...model.codes.map((c) => c.exportName)]) {
    assert.ok(name in cjs, `${name} is not a named export of index.cjs`);
    assert.equal(cjs[name], formats.CommonJS[name]);
  }
});

for (const [format, pkg] of Object.entries(formats)) {
  test(`${format}: exports exactly the API and each code's entry by its name`, () => {
    const names = [...API, ...model.codes.map((c) => c.exportName)];
    assert.equal(new Set(names).size, names.length, "no name is exported twice");
    assert.deepEqual(Object.keys(pkg).sort(), names.sort());
  });

  test(`${format}: each code's constant is its entry in ERRORS`, () => {
    for (const code of model.codes) {
      assert.equal(pkg[code.exportName], pkg.ERRORS[code.code], `${code.exportName} is ERRORS[${JSON.stringify(code.code)}]`);
    }
  });

  test(`${format}: ERROR_CODES lists the spec's codes in order`, () => {
    assert.deepEqual([...pkg.ERROR_CODES], model.codes.map((c) => c.code));
  });

  test(`${format}: ERRORS equals the spec, row for row`, () => {
    // Key order is not spec order: JavaScript lists integer-like keys ("1100") first.
    assert.deepEqual(Object.keys(pkg.ERRORS).sort(), model.codes.map((c) => c.code).sort());
    for (const code of model.codes) {
      assert.deepStrictEqual(pkg.ERRORS[code.code], expectedEntry(code), `ERRORS[${JSON.stringify(code.code)}]`);
      assert.equal("deprecated" in pkg.ERRORS[code.code], code.deprecated !== null);
    }
  });

  test(`${format}: CATEGORIES equals the spec`, () => {
    assert.deepEqual(Object.keys(pkg.CATEGORIES), model.categories.map((c) => c.key));
    for (const { key, title, description } of model.categories) {
      assert.deepStrictEqual({ ...pkg.CATEGORIES[key] }, { title, description });
    }
  });

  test(`${format}: every value is frozen, deeply`, () => {
    const frozen = [pkg.ERRORS, pkg.ERROR_CODES, pkg.CATEGORIES, ...Object.values(pkg.CATEGORIES)];
    for (const entry of Object.values(pkg.ERRORS)) {
      frozen.push(entry, entry.cases, ...entry.cases);
    }
    for (const value of frozen) {
      assert.ok(Object.isFrozen(value), `not frozen: ${JSON.stringify(value)}`);
    }
    const [code] = model.codes;
    assert.throws(() => {
      pkg.ERRORS[code.code].httpStatus = 0;
    }, TypeError);
    assert.equal(pkg.ERRORS[code.code].httpStatus, code.cases[0].httpStatus);
  });

  test(`${format}: isErrorCode and lookupError know exactly the spec's codes`, () => {
    const documented = new Set(model.codes.map((c) => c.code));
    for (const code of model.codes) {
      assert.equal(pkg.isErrorCode(code.code), true, code.code);
      assert.equal(pkg.lookupError(code.code), pkg.ERRORS[code.code]);
    }
    const probes = [
      ...INHERITED,
      ...model.codes.flatMap((c) => [c.code.toLowerCase(), c.code.toUpperCase(), ` ${c.code}`, `${c.code} `]),
      "",
      "not a code",
    ];
    for (const probe of probes) {
      assert.equal(pkg.isErrorCode(probe), documented.has(probe), JSON.stringify(probe));
      assert.equal(pkg.lookupError(probe), documented.has(probe) ? pkg.ERRORS[probe] : undefined);
    }
    for (const value of [undefined, null, 12, {}, [], Symbol("x"), new String(model.codes[0].code)]) {
      assert.equal(pkg.isErrorCode(value), false, String(value));
    }
  });

  test(`${format}: the spec's example error body is a body`, () => {
    const response = pkg.parseErrorResponse(model.errorBody.example);
    assert.notEqual(response, undefined, model.errorBody.example);
    assert.deepStrictEqual(pkg.parseErrorResponse(JSON.parse(model.errorBody.example)), response);
  });
}
