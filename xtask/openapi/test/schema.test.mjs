// The JSON Schema of the error body (`error-response.schema.json`), compiled
// by Ajv for draft 2020-12 in strict mode: the documented bodies validate,
// the others do not. `cargo xtask ci` runs this once per checked output:
//
//   SCHEMA        the JSON Schema
//   OPENAPI       the OpenAPI document beside it (its examples must validate)
//   ERROR_BODIES  the fixture of error bodies (xtask/fixtures/error-bodies.json)
//   EXAMPLE_BODY  optional: a file holding the spec's example body
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const read = (variable) => {
  const path = process.env[variable];
  assert.ok(path, `set ${variable}`);
  return readFileSync(path, "utf8");
};
const schema = JSON.parse(read("SCHEMA"));
const openapi = JSON.parse(read("OPENAPI"));
const fixture = JSON.parse(read("ERROR_BODIES"));

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const errors = () => ajv.errorsText(validate.errors);

// The fixture's cases whose body is of the documented shape: top-level
// `error_code` and `error_msg`, both non-empty strings (other keys beside
// them are allowed). The fixture's other cases are of the other shapes that
// the SDKs read (`code` + `message`, a nested `error`), or not error bodies
// at all: the schema must reject every one. A case added to the fixture
// fails here until it is listed or found invalid.
const DOCUMENTED_SHAPE = new Set([
  "top-level error_code and error_msg",
  "top-level error_code and error_msg, with a status",
  "top-level error_code and error_msg with request_id",
  "a documented code",
  "top-level and nested codes disagree: top level wins",
  "both pairs at the top level: error_code and error_msg win",
  "repeated keys: the last one wins",
]);

test("the schema is draft 2020-12 and its root is the error body", () => {
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(schema.required, ["error_code", "error_msg"]);
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

test("fixture bodies of the documented shape validate, the others do not", () => {
  const names = new Set(fixture.cases.map((c) => c.name));
  for (const name of DOCUMENTED_SHAPE) assert.ok(names.has(name), `not in the fixture: ${name}`);
  let checked = 0;
  for (const { name, body, expected } of fixture.cases) {
    let value;
    try {
      value = JSON.parse(body);
    } catch {
      continue; // Not JSON: nothing to validate.
    }
    checked += 1;
    if (DOCUMENTED_SHAPE.has(name)) {
      // The SDKs read it as a body of the documented shape too.
      assert.equal(expected?.error_code, value.error_code, name);
      assert.ok(validate(value), `${name}: ${errors()}`);
    } else {
      assert.ok(
        !validate(value),
        `${name}: validates, but it is not of the documented shape; ` +
          "if it is, add its name to DOCUMENTED_SHAPE",
      );
    }
  }
  assert.ok(checked >= DOCUMENTED_SHAPE.size + 5, `only ${checked} JSON bodies`);
});

test("bodies that break the documented shape do not validate", () => {
  const valid = { error_code: "X.0001", error_msg: "m" };
  assert.ok(validate(valid), errors());
  const invalid = {
    "no error_msg": { error_code: "X.0001" },
    "no error_code": { error_msg: "m" },
    "a numeric error_code": { error_code: 400, error_msg: "m" },
    "a null error_code": { error_code: null, error_msg: "m" },
    "an empty error_code": { error_code: "", error_msg: "m" },
    "an empty error_msg": { error_code: "X.0001", error_msg: "" },
    "a numeric error_msg": { error_code: "X.0001", error_msg: 1 },
    "a numeric request_id": { ...valid, request_id: 7 },
    "details that is not an array": { ...valid, details: valid },
    "a details entry without error_msg": { ...valid, details: [{ error_code: "X.0002" }] },
    "a details entry of the other shape": { ...valid, details: [{ code: "X.0002", message: "m" }] },
    "an array": [valid],
  };
  for (const [name, body] of Object.entries(invalid)) {
    assert.ok(!validate(body), `${name} validates`);
  }
  const nested = { ...valid, request_id: "r", encoded_authorization_message: "e", details: [valid], extra: {} };
  assert.ok(validate(nested), errors());
});
