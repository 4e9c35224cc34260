// Template of error-response.js in the generated package (readErrorResponse
// and parseErrorResponse, and the writer that errorBody calls), and of its
// part of index.cjs: the helpers below, then the template of the catalog's
// shape (runtime/shapes/<shape>.js), then `readShape` and `writeBody`, the
// shape's reader and writer (codegen/src/emit/ts/runtime.rs writes those
// two lines). It reads nothing of the table, so that a bundle of
// parseErrorResponse alone holds none of the table's texts (`cargo xtask
// ci` checks that). Its top-level code only declares. The error messages are
// the Rust crate's, word for word: the fixtures of xtask/fixtures/error-bodies/
// check both. This paragraph is not emitted.

/** The most arrays and objects a body may nest, as the Rust crate's parser (serde_json) allows. */
const MAX_NESTING = 127;

/** The value of an own property (never an inherited one such as `__proto__`), or undefined. */
function ownValue(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** An own property's value, with `null` (and `undefined`) as absent. */
function member(object, key) {
  const value = ownValue(object, key);
  return value === null ? undefined : value;
}

/** A JSON object: not null, not an array. */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for messages, as the Rust crate names it: `a number`. */
function kindOf(value) {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  switch (typeof value) {
    case "boolean":
      return "a boolean";
    case "number":
      return "a number";
    case "string":
      return "a string";
    case "object":
      return "an object";
    default:
      return "a value that JSON does not have";
  }
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

/** A non-empty string, or a finite number as its text; else undefined. */
function codeText(value) {
  if (typeof value === "string") {
    return value === "" ? undefined : value;
  }
  return typeof value === "number" ? numberText(value) : undefined;
}

/**
 * A copy of a JSON value: new arrays and objects (own properties only), which the caller may
 * change. An array or object that the value holds several times is copied once (`copies` maps
 * each to its copy): a value of shared objects nested 100 deep is not copied 2^100 times.
 */
function copyJson(value, copies = new Map()) {
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const done = copies.get(value);
  if (done !== undefined) {
    return done;
  }
  let copy;
  if (Array.isArray(value)) {
    copy = [];
    copies.set(value, copy);
    for (const item of value) {
      copy.push(copyJson(item, copies));
    }
  } else {
    copy = {};
    copies.set(value, copy);
    for (const key of Object.keys(value)) {
      Object.defineProperty(copy, key, {
        value: copyJson(value[key], copies),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

/** The error of a body that is not one: its message says what was expected. */
function refused(message) {
  return new TypeError(message);
}

function readErrorResponse(body) {
  // JSON.parse throws a SyntaxError for text that is not JSON.
  const value = typeof body === "string" ? JSON.parse(body) : body;
  if (!nestsWithin(value, MAX_NESTING, new Map())) {
    throw refused("the body nests deeper than " + MAX_NESTING + " levels of arrays and objects");
  }
  return readShape(value);
}

function parseErrorResponse(body) {
  try {
    return readErrorResponse(body);
  } catch {
    return undefined;
  }
}
