// The JSON Schema of the error body (`error-response.schema.json`), compiled
// by Ajv for draft 2020-12 in strict mode: the bodies of the catalog's shape
// validate, the others do not. `cargo xtask ci` runs this once per checked output:
//
//   SCHEMA        the JSON Schema
//   OPENAPI       the OpenAPI document beside it (its examples must validate)
//   ERROR_BODIES  the fixture of the catalog's shape (xtask/fixtures/error-bodies/<shape>.json)
//   EXAMPLE_BODY  optional: a file holding the spec's example body
//   PACKAGE_DIR   optional: the npm package beside the document, whose errorBody
//                 of every code must validate and be that code's example
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const read = (variable) => {
  const path = process.env[variable];
  assert.ok(path, `set ${variable}`);
  return readFileSync(path, "utf8");
};
const schema = JSON.parse(read("SCHEMA"));
const openapi = JSON.parse(read("OPENAPI"));
const fixture = JSON.parse(read("ERROR_BODIES"));
const { PACKAGE_DIR } = process.env;

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const errors = () => ajv.errorsText(validate.errors);

test("the schema is draft 2020-12 and its root is the error body", () => {
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(schema.type, "object");
  assert.match(schema.$comment, /^@generated /);
});

test("the spec's example body validates", { skip: !process.env.EXAMPLE_BODY }, () => {
  const body = JSON.parse(read("EXAMPLE_BODY"));
  assert.ok(validate(body), errors());
});

test("the schema's own examples validate", () => {
  assert.ok(schema.examples.length > 0);
  for (const body of schema.examples) assert.ok(validate(body), errors());
});

test("every example of the OpenAPI document validates", () => {
  const examples = Object.entries(openapi.components.examples);
  assert.ok(examples.length >= openapi.components.schemas.ErrorCode.enum.length);
  for (const [name, example] of examples) {
    assert.ok(validate(example.value), `${name}: ${errors()}`);
  }
  for (const body of openapi.components.schemas.ErrorResponse.examples) {
    assert.ok(validate(body), errors());
  }
});

test("the OpenAPI document and the schema list the same codes", () => {
  assert.deepEqual(schema.$defs.ErrorCode.enum, openapi.components.schemas.ErrorCode.enum);
});

test("the fixture's bodies that it marks `validates` validate, and no others", () => {
  let checked = 0;
  for (const { name, body, validates } of fixture.cases) {
    let value;
    try {
      value = JSON.parse(body);
    } catch {
      assert.equal(validates, undefined, `${name}: not JSON, so not marked`);
      continue; // Not JSON: nothing to validate.
    }
    checked += 1;
    assert.equal(typeof validates, "boolean", `${name}: a JSON body says whether it validates`);
    if (validates) {
      assert.ok(validate(value), `${name}: ${errors()}`);
    } else {
      assert.ok(!validate(value), `${name}: validates, but the fixture says it does not`);
    }
  }
  assert.ok(fixture.cases.some((c) => c.validates === true), "a body that validates");
  assert.ok(checked >= 5, `only ${checked} JSON bodies`);
});

test("the first code's body with a member of the wrong type does not validate", () => {
  const [first] = openapi.components.schemas.ErrorCode["x-enum-varnames"];
  const body = openapi.components.examples[first].value;
  assert.ok(validate(body), errors());
  // Every string member that the schema types becomes a number: none of them may be one.
  const mistyped = JSON.parse(JSON.stringify(body), (key, value) => (typeof value === "string" && key !== "" ? 7 : value));
  assert.ok(!validate(mistyped), JSON.stringify(mistyped));
  assert.ok(!validate([body]), "an array");
  assert.ok(!validate({}), "an empty object");
});

test("the npm package's errorBody of every code validates and is the code's example", { skip: !PACKAGE_DIR }, async () => {
  const { errorBody } = await import(pathToFileURL(`${PACKAGE_DIR}/index.js`).href);
  const codes = schema.$defs.ErrorCode.enum;
  const variants = openapi.components.schemas.ErrorCode["x-enum-varnames"];
  codes.forEach((code, i) => {
    const body = errorBody(code);
    assert.ok(validate(body), `${code}: ${errors()}`);
    assert.deepStrictEqual(body, openapi.components.examples[variants[i]].value, code);
  });
});
