// parseErrorResponse, as ES module and as CommonJS, against the error bodies
// that the Rust crate's ErrorResponse is tested on: xtask/fixtures/error-bodies.json.
//
// `cargo xtask ci` runs it once per package it checks, with
//   PACKAGE      the package's specifier (a link in node_modules), e.g. @generated/ts
//   ERROR_BODIES the fixture's path (default: found relative to this file)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { PACKAGE } = process.env;
if (!PACKAGE) {
  throw new Error("set PACKAGE (a package specifier)");
}
const fixturePath = process.env.ERROR_BODIES ?? new URL("../../fixtures/error-bodies.json", import.meta.url);
const fixture = JSON.parse(readFileSync(fixturePath, "utf8"));
const require = createRequire(import.meta.url);

const formats = {
  "ES module": (await import(PACKAGE)).parseErrorResponse,
  CommonJS: require(PACKAGE).parseErrorResponse,
};

/** The fixture's snake_case result (the Rust struct's fields) as the TypeScript object. */
function camelCase(expected) {
  const result = { errorCode: expected.error_code, errorMsg: expected.error_msg };
  if ("request_id" in expected) {
    result.requestId = expected.request_id;
  }
  if ("encoded_authorization_message" in expected) {
    result.encodedAuthorizationMessage = expected.encoded_authorization_message;
  }
  result.details = expected.details.map(camelCase);
  return result;
}

/** The JSON value of a text, or `undefined` if it is not JSON. */
function jsonValue(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

test("the fixture has bodies that parse and bodies that do not", () => {
  assert.ok(fixture.cases.some((c) => "expected" in c));
  assert.ok(fixture.cases.some((c) => "error" in c));
  assert.ok(fixture.cases.some((c) => jsonValue(c.body) === undefined), "a body that is not JSON");
});

for (const [format, parseErrorResponse] of Object.entries(formats)) {
  for (const testCase of fixture.cases) {
    test(`${format}: ${testCase.name}`, () => {
      assert.equal("expected" in testCase, !("error" in testCase), "a case has `expected` or `error`");
      const want = "expected" in testCase ? camelCase(testCase.expected) : undefined;
      // deepStrictEqual tells an absent key from one that is `undefined`.
      assert.deepStrictEqual(parseErrorResponse(testCase.body), want, "the body as text");
      const parsed = jsonValue(testCase.body);
      // (A string value would be read as body text again: that is the text case of another body.)
      if (parsed !== undefined && typeof parsed.value !== "string") {
        assert.deepStrictEqual(parseErrorResponse(parsed.value), want, "the body as a JSON value");
      }
    });
  }

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

  test(`${format}: text is parsed once: a JSON string holding a body is not a body`, () => {
    const body = '{"error_code": "AIS.0014", "error_msg": "m"}';
    assert.notEqual(parseErrorResponse(body), undefined);
    assert.equal(parseErrorResponse(JSON.stringify(body)), undefined);
    assert.equal(parseErrorResponse(JSON.stringify(JSON.stringify(body))), undefined);
  });

  test(`${format}: values that are not objects are not bodies`, () => {
    const notBodies = [undefined, null, true, 0, 404, "", " ", "null", "404", "[]", "{}", [], {}, Symbol("x"), () => {}];
    for (const value of notBodies) {
      assert.equal(parseErrorResponse(value), undefined, String(value));
    }
    const arrayWithKeys = Object.assign([], { error_code: "A", error_msg: "m" });
    assert.equal(parseErrorResponse(arrayWithKeys), undefined);
  });

  test(`${format}: only own properties count`, () => {
    const inherited = Object.create({ error_code: "A", error_msg: "m" });
    assert.equal(parseErrorResponse(inherited), undefined);
    assert.equal(parseErrorResponse('{"__proto__": {"error_code": "A", "error_msg": "m"}}'), undefined);
    assert.equal(parseErrorResponse({ ["__proto__"]: { error_code: "A", error_msg: "m" } }), undefined);
    const nested = parseErrorResponse('{"error": {"__proto__": {"request_id": "r"}, "code": "A", "message": "m"}}');
    assert.deepStrictEqual(nested, { errorCode: "A", errorMsg: "m", details: [] });

    const polluted = ["error_code", "error_msg", "error", "details", "request_id", "encoded_authorization_message"];
    try {
      for (const key of polluted) {
        Object.prototype[key] = key === "details" ? [{}] : key === "error" ? { code: "P", message: "p" } : "polluted";
      }
      Object.defineProperty(Object.prototype, "requestId", {
        configurable: true,
        set() {
          throw new Error("a setter on Object.prototype ran");
        },
      });
      assert.equal(parseErrorResponse({}), undefined);
      assert.equal(parseErrorResponse("{}"), undefined);
      const result = parseErrorResponse('{"code": "A", "message": "m", "request_id": "r"}');
      assert.deepStrictEqual({ ...result }, { errorCode: "A", errorMsg: "m", requestId: "r", details: [] });
      assert.ok(Object.prototype.hasOwnProperty.call(result, "requestId"));
      assert.ok(!Object.prototype.hasOwnProperty.call(result, "encodedAuthorizationMessage"));
    } finally {
      for (const key of [...polluted, "requestId"]) {
        delete Object.prototype[key];
      }
    }
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

  test(`${format}: nesting deeper than serde_json allows (127 levels) is not a body`, () => {
    const withDepth = (levels) => `{"code": "A", "message": "m", "x": ${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
    assert.notEqual(parseErrorResponse(withDepth(127)), undefined);
    assert.equal(parseErrorResponse(withDepth(128)), undefined);
    const withDetails = (levels) => {
      let body = '{"code": "A", "message": "m"}';
      for (let i = 0; i < levels; i++) {
        body = `{"code": "A", "message": "m", "details": [${body}]}`;
      }
      return body;
    };
    assert.notEqual(parseErrorResponse(withDetails(63)), undefined);
    assert.equal(parseErrorResponse(withDetails(64)), undefined);
    // Deeper than any stack: still no exception.
    assert.equal(parseErrorResponse(withDepth(200_000)), undefined);
    const cyclic = { code: "A", message: "m", details: [] };
    cyclic.details.push(cyclic);
    assert.equal(parseErrorResponse(cyclic), undefined);
    // A wide cycle, and objects shared by both parents on every level: still walked quickly.
    const wide = { code: "A", message: "m" };
    Object.assign(wide, { x: wide, y: [wide, wide] });
    assert.equal(parseErrorResponse(wide), undefined);
    const sharedToDepth = (levels) => {
      let value = {};
      for (let i = 1; i < levels; i++) {
        value = { left: value, right: value };
      }
      return { code: "A", message: "m", x: value };
    };
    assert.notEqual(parseErrorResponse(sharedToDepth(126)), undefined);
    assert.equal(parseErrorResponse(sharedToDepth(127)), undefined);
  });

  test(`${format}: each call gives a new object that the caller may change`, () => {
    const body = '{"code": "A", "message": "m", "details": [{"code": "B", "message": "n"}]}';
    const first = parseErrorResponse(body);
    const second = parseErrorResponse(body);
    assert.notEqual(first, second);
    assert.ok(!Object.isFrozen(first));
    first.details[0].errorMsg = "changed";
    assert.equal(second.details[0].errorMsg, "n");
  });
}
