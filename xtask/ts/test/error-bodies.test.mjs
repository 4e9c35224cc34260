// readErrorResponse, parseErrorResponse and errorBody, as ES module and as
// CommonJS, against the error bodies of the package's shape that the Rust
// crate's ErrorResponse is tested on (xtask/fixtures/error-bodies/<shape>.json),
// and against the model: every code's written body.
//
// `cargo xtask ci` runs it once per package it checks, with
//   PACKAGE      the package's specifier (a link in node_modules), e.g. @generated/ts
//   MODEL_JSON   the path of the model dump (`codegen::emit::ts::model_json`)
//   ERROR_BODIES the fixture of the package's shape
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { PACKAGE, MODEL_JSON, ERROR_BODIES } = process.env;
if (!PACKAGE || !MODEL_JSON || !ERROR_BODIES) {
  throw new Error("set PACKAGE (a package specifier), MODEL_JSON (the model dump) and ERROR_BODIES (the fixture)");
}
const model = JSON.parse(readFileSync(MODEL_JSON, "utf8"));
const fixture = JSON.parse(readFileSync(ERROR_BODIES, "utf8"));
const shape = model.errorBody.shape;
const require = createRequire(import.meta.url);

const formats = {
  "ES module": await import(PACKAGE),
  CommonJS: require(PACKAGE),
};

/** The JSON value of a text, or `undefined` if it is not JSON. */
function jsonValue(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** A body of the package's shape, with one more member at its top level. */
function validBodyWith(key, value) {
  const body = structuredClone(model.writtenBodies[model.codes[0].code]);
  body[key] = value;
  return body;
}

test("the fixture is of the package's shape and has bodies that parse and bodies that do not", () => {
  assert.equal(fixture.shape, shape);
  assert.ok(fixture.cases.some((c) => "expected" in c));
  assert.ok(fixture.cases.some((c) => "error" in c && c.error !== ""));
  assert.ok(fixture.cases.some((c) => jsonValue(c.body) === undefined), "a body that is not JSON");
  assert.ok(fixture.cases.some((c) => c.name.startsWith("another shape: ")), "a body of another shape");
});

for (const [format, pkg] of Object.entries(formats)) {
  const { errorBody, parseErrorResponse, readErrorResponse } = pkg;

  for (const testCase of fixture.cases) {
    test(`${format}: ${testCase.name}`, () => {
      assert.equal("expected" in testCase, !("error" in testCase), "a case has `expected` or `error`");
      const parsed = jsonValue(testCase.body);
      // (A string value would be read as body text again: that is the text case of another body.)
      const inputs = [["the body as text", testCase.body]];
      if (parsed !== undefined && typeof parsed.value !== "string") {
        inputs.push(["the body as a JSON value", parsed.value]);
      }
      for (const [what, input] of inputs) {
        if ("expected" in testCase) {
          // deepStrictEqual tells an absent key from one that is `undefined`.
          assert.deepStrictEqual(parseErrorResponse(input), testCase.expected.parsed, what);
          assert.deepStrictEqual(readErrorResponse(input), testCase.expected.parsed, what);
          assert.equal(readErrorResponse(input).errorCode, testCase.expected.code ?? undefined, what);
          assert.equal(readErrorResponse(input).errorMsg, testCase.expected.message, what);
        } else {
          assert.equal(parseErrorResponse(input), undefined, what);
          assert.throws(
            () => readErrorResponse(input),
            (error) => {
              assert.ok(error instanceof (parsed === undefined ? SyntaxError : TypeError), `${what}: ${error}`);
              assert.ok(error.message.includes(testCase.error), `${what}: ${error.message}`);
              return true;
            },
          );
        }
      }
    });
  }

  test(`${format}: every code's errorBody is its documented body, and reads back as the code`, () => {
    for (const code of model.codes) {
      const body = errorBody(code.code);
      assert.deepStrictEqual(body, model.writtenBodies[code.code], code.code);
      assert.notEqual(errorBody(code.code), body, "a new object each time");
      for (const input of [body, JSON.stringify(body)]) {
        const read = readErrorResponse(input);
        assert.equal(read.errorCode, code.code, JSON.stringify(body));
        assert.equal(read.errorMsg, code.cases[0].errorMsg, JSON.stringify(body));
      }
    }
  });

  test(`${format}: errorBody refuses what is not a documented code`, () => {
    // (The hostile catalog documents `__proto__`.)
    const documented = new Set(model.codes.map((code) => code.code));
    const notCodes = ["", "not a code", "__proto__", "toString", "constructor", 7, undefined, null, {}];
    for (const notCode of notCodes.filter((value) => !documented.has(value))) {
      assert.throws(() => errorBody(notCode), RangeError, String(notCode));
    }
  });

  test(`${format}: text is parsed once: a JSON string holding a body is not a body`, () => {
    const body = JSON.stringify(model.writtenBodies[model.codes[0].code]);
    assert.notEqual(parseErrorResponse(body), undefined);
    assert.equal(parseErrorResponse(JSON.stringify(body)), undefined);
    assert.throws(() => readErrorResponse(JSON.stringify(body)), /must be an object/);
  });

  test(`${format}: values that are not objects are not bodies`, () => {
    const notBodies = [undefined, null, true, 0, 404, "", " ", "null", "404", "[]", "{}", [], {}, Symbol("x"), () => {}];
    for (const value of notBodies) {
      assert.equal(parseErrorResponse(value), undefined, String(value));
    }
    const arrayWithKeys = Object.assign([], model.writtenBodies[model.codes[0].code]);
    assert.equal(parseErrorResponse(arrayWithKeys), undefined);
  });

  test(`${format}: only own properties count, and a polluted prototype changes nothing`, () => {
    const valid = model.writtenBodies[model.codes[0].code];
    assert.equal(parseErrorResponse(Object.create(valid)), undefined);
    assert.equal(parseErrorResponse(`{"__proto__": ${JSON.stringify(valid)}}`), undefined);
    const keys = ["error_code", "error_msg", "code", "message", "error", "details", "request_id", "type", "title", "status", "detail", "instance", "@type", "reason", "domain", "metadata", "target", "innererror"];
    const wanted = readErrorResponse(valid);
    try {
      for (const key of keys) {
        Object.prototype[key] = key === "details" ? [{}] : key === "error" ? { code: "P", message: "p" } : "polluted";
      }
      for (const key of ["errorCode", "errorMsg", "requestId", "extensions", "statusCode"]) {
        Object.defineProperty(Object.prototype, key, {
          configurable: true,
          set() {
            throw new Error("a setter on Object.prototype ran");
          },
        });
      }
      assert.equal(parseErrorResponse({}), undefined);
      assert.equal(parseErrorResponse("{}"), undefined);
      const result = readErrorResponse(JSON.stringify(valid));
      assert.deepStrictEqual({ ...result }, { ...wanted });
      assert.ok(Object.prototype.hasOwnProperty.call(result, "errorCode"));
    } finally {
      for (const key of [...keys, "errorCode", "errorMsg", "requestId", "extensions", "statusCode"]) {
        delete Object.prototype[key];
      }
    }
  });

  test(`${format}: nesting deeper than serde_json allows (127 levels) is not a body`, () => {
    const withDepth = (levels) => validBodyWith("x", JSON.parse(`${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}`));
    assert.notEqual(parseErrorResponse(withDepth(127)), undefined);
    assert.equal(parseErrorResponse(withDepth(128)), undefined);
    assert.throws(() => readErrorResponse(withDepth(128)), /nests deeper than 127 levels/);
    const text = (levels) => JSON.stringify(withDepth(levels));
    assert.notEqual(parseErrorResponse(text(127)), undefined);
    assert.equal(parseErrorResponse(text(128)), undefined);
    // Deeper than any stack: still no exception from parseErrorResponse.
    const deepText = `{"x": ${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    assert.equal(parseErrorResponse(deepText), undefined);
    const cyclic = validBodyWith("x", []);
    cyclic.x.push(cyclic);
    assert.equal(parseErrorResponse(cyclic), undefined);
    // A wide cycle, and objects shared by both parents on every level: still walked quickly.
    const wide = validBodyWith("y", null);
    Object.assign(wide, { x: wide, y: [wide, wide] });
    assert.equal(parseErrorResponse(wide), undefined);
    const sharedToDepth = (levels) => {
      let value = {};
      for (let i = 1; i < levels; i++) {
        value = { left: value, right: value };
      }
      return validBodyWith("x", value);
    };
    assert.notEqual(parseErrorResponse(sharedToDepth(126)), undefined);
    assert.equal(parseErrorResponse(sharedToDepth(127)), undefined);
  });

  test(`${format}: huge strings are read whole`, () => {
    const message = "m".repeat(5_000_000);
    const body = readErrorResponse(validBodyWith("x", message));
    assert.ok(body !== undefined);
    assert.ok(JSON.stringify(body).length > 0);
  });

  test(`${format}: each call gives a new object that the caller may change`, () => {
    const body = JSON.stringify(model.writtenBodies[model.codes[0].code]);
    const first = parseErrorResponse(body);
    const second = parseErrorResponse(body);
    assert.notEqual(first, second);
    assert.ok(!Object.isFrozen(first));
    first.errorMsg = "changed";
    assert.equal(second.errorMsg, model.codes[0].cases[0].errorMsg);
  });

  if (shape === "huawei") {
    huaweiTests(format, pkg);
  }
}

/** The rules of the SDKs' precedence that the fixture does not cover. */
function huaweiTests(format, { parseErrorResponse }) {
  test(`${format}: precedence: the pair's level, then the top level`, () => {
    // Cases the fixture does not cover; the Rust crate gives the same (checked by hand).
    const both = { code: "B", message: "b", error_code: "A", error_msg: "a" };
    assert.deepStrictEqual(parseErrorResponse(both), { errorCode: "A", errorMsg: "a", details: [] });
    const nested = {
      error: { code: "N", message: "m", request_id: "" },
      request_id: "top",
      encoded_authorization_message: "e",
      details: [{ error_code: "D", error_msg: "d" }],
    };
    assert.deepStrictEqual(parseErrorResponse(nested), {
      errorCode: "N",
      errorMsg: "m",
      requestId: "top",
      encodedAuthorizationMessage: "e",
      details: [{ errorCode: "D", errorMsg: "d", details: [] }],
    });
    // A `details` key beside the pair hides the top level's, even if it is not a list.
    const hidden = { error: { code: "N", message: "m", details: null }, details: [{ code: "D", message: "d" }] };
    assert.deepStrictEqual(parseErrorResponse(hidden)?.details, []);
    // A top-level `error` that is not an object, or has no pair, is no body.
    assert.equal(parseErrorResponse({ error: "N" }), undefined);
    assert.equal(parseErrorResponse({ error: { code: "N" }, message: "m" }), undefined);
  });

  test(`${format}: a code or message is a non-empty string or a number`, () => {
    for (const notText of ["", true, null, {}, ["A"]]) {
      assert.equal(parseErrorResponse({ error_code: notText, error_msg: "m" }), undefined, JSON.stringify(notText));
      assert.equal(parseErrorResponse({ code: "A", message: notText }), undefined, JSON.stringify(notText));
    }
    assert.deepStrictEqual(parseErrorResponse({ code: 7, message: 8 }), { errorCode: "7", errorMsg: "8", details: [] });
  });

  test(`${format}: optional fields are absent, not undefined`, () => {
    const result = parseErrorResponse({ code: "A", message: "m", request_id: "", encoded_authorization_message: null });
    assert.deepStrictEqual(Object.keys(result), ["errorCode", "errorMsg", "details"]);
  });

  test(`${format}: numbers are written as the Rust crate writes them`, () => {
    // What the Rust crate's ErrorResponse gives for each JSON number (measured with serde_json 1).
    const written = {
      0: "0",
      "-0": "-0",
      "-0.0": "-0",
      404: "404",
      "-1": "-1",
      "404.0": "404",
      "1e2": "100",
      "4.35": "4.35",
      "0.30000000000000004": "0.30000000000000004",
      "1e-7": "0.0000001",
      "-1.5e-7": "-0.00000015",
      "123e-20": "0.00000000000000000123",
      "1e21": "1000000000000000000000",
      "1180591620717411303424": "1180591620717411300000",
      "-9223372036854775809": "-9223372036854776000",
      "9007199254740991": "9007199254740991",
    };
    for (const [json, text] of Object.entries(written)) {
      const body = `{"code": ${json}, "message": "m"}`;
      assert.equal(parseErrorResponse(body)?.errorCode, text, body);
      assert.equal(parseErrorResponse(JSON.parse(body))?.errorCode, text, `${body} as a value`);
    }
    // Out of range: serde_json fails, JSON.parse gives Infinity, which is no code.
    assert.equal(parseErrorResponse('{"code": 2e308, "message": "m"}'), undefined);
    for (const notJson of [NaN, Infinity, -Infinity, 10n]) {
      assert.equal(parseErrorResponse({ code: notJson, message: "m" }), undefined, String(notJson));
    }
  });

  test(`${format}: details nest as deep as the body may`, () => {
    const withDetails = (levels) => {
      let body = '{"code": "A", "message": "m"}';
      for (let i = 0; i < levels; i++) {
        body = `{"code": "A", "message": "m", "details": [${body}]}`;
      }
      return body;
    };
    assert.notEqual(parseErrorResponse(withDetails(63)), undefined);
    assert.equal(parseErrorResponse(withDetails(64)), undefined);
  });
}
