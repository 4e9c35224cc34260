// Template of error-response.js in the generated package (parseErrorResponse),
// and of its part of index.cjs. codegen/src/emit/ts.rs writes the `@generated`
// notice before it and the export after it. It reads nothing of the table, so
// that a bundle of parseErrorResponse alone holds none of the table's texts
// (`cargo xtask ci` checks that); keep it so when it learns more body shapes.
// Its top-level code only declares. This paragraph is not emitted.

/** The most arrays and objects a body may nest, as the Rust crate's parser (serde_json) allows. */
const MAX_NESTING = 127;

/** The keys of a code and its message, in the SDKs' order of precedence. */
const CODE_AND_MESSAGE_KEYS = [
  ["error_code", "error_msg"],
  ["code", "message"],
];

/** The value of an own property (never an inherited one such as `__proto__`), or undefined. */
function ownValue(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** A JSON object: not null, not an array. */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether a value nests at most `levels` arrays and objects (a cyclic one nests without
 * end). `verified` maps an object to the most levels it was found within, so that an
 * object shared by several parents is walked again only if reached with more levels.
 */
function nestsWithin(value, levels, verified) {
  if (typeof value !== "object" || value === null) {
    return true;
  }
  if (levels === 0) {
    return false;
  }
  if (verified.get(value) >= levels) {
    return true;
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  const within = children.every((child) => nestsWithin(child, levels - 1, verified));
  if (within) {
    verified.set(value, levels);
  }
  return within;
}

/**
 * A number as Rust prints it: integers in full, never an exponent
 * (1e21 is "1000000000000000000000", 1e-7 is "0.0000001"), -0 as "-0".
 * Both languages write the shortest digits that read back as the same number.
 */
function numberText(number) {
  if (!Number.isFinite(number)) {
    return undefined;
  }
  if (Object.is(number, -0)) {
    return "-0";
  }
  const text = String(number);
  const e = text.indexOf("e");
  if (e < 0) {
    return text;
  }
  // String() writes an exponent ("d.ddde+x", "d.ddde-x") from 1e21 up and below 1e-6.
  const sign = number < 0 ? "-" : "";
  const digits = text.slice(sign.length, e).replace(".", "");
  const point = 1 + Number(text.slice(e + 1));
  if (point <= 0) {
    return sign + "0." + "0".repeat(-point) + digits;
  }
  return sign + digits + "0".repeat(point - digits.length);
}

/** A non-empty string or a finite number under an own key, as text; else undefined. */
function textAt(object, key) {
  const value = ownValue(object, key);
  if (typeof value === "string") {
    return value === "" ? undefined : value;
  }
  return typeof value === "number" ? numberText(value) : undefined;
}

/** The code and message of one level: `error_code` + `error_msg`, else `code` + `message`. */
function codeAndMessage(level) {
  for (const [codeKey, messageKey] of CODE_AND_MESSAGE_KEYS) {
    const code = textAt(level, codeKey);
    const message = textAt(level, messageKey);
    if (code !== undefined && message !== undefined) {
      return [code, message];
    }
  }
  return undefined;
}

/** One body or `details` entry, by the SDKs' precedence; undefined if it is not one. */
function readBody(body) {
  if (!isObject(body)) {
    return undefined;
  }
  let level = body;
  let found = codeAndMessage(body);
  if (found === undefined) {
    const nested = ownValue(body, "error");
    if (!isObject(nested)) {
      return undefined;
    }
    level = nested;
    found = codeAndMessage(nested);
    if (found === undefined) {
      return undefined;
    }
  }
  // `details` from the level of the code if it has the key (even if it is not a list), else the top level.
  const listed = Object.prototype.hasOwnProperty.call(level, "details") ? level.details : ownValue(body, "details");
  const details = [];
  if (Array.isArray(listed)) {
    for (let i = 0; i < listed.length; i++) {
      const detail = readBody(listed[i]);
      if (detail === undefined) {
        return undefined;
      }
      details.push(detail);
    }
  }
  const requestId = textAt(level, "request_id") ?? textAt(body, "request_id");
  const encodedAuthorizationMessage =
    textAt(level, "encoded_authorization_message") ?? textAt(body, "encoded_authorization_message");
  // Spread defines own properties (no setter on Object.prototype runs), and absent ones stay absent.
  return {
    errorCode: found[0],
    errorMsg: found[1],
    ...(requestId === undefined ? {} : { requestId }),
    ...(encodedAuthorizationMessage === undefined ? {} : { encodedAuthorizationMessage }),
    details,
  };
}

function parseErrorResponse(body) {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return nestsWithin(value, MAX_NESTING, new Map()) ? readBody(value) : undefined;
}
