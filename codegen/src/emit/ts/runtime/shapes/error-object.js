// Template of the error-object shape's reader and writer, which
// error-response.js holds after its helpers: the error object of the
// Microsoft REST API Guidelines (OData's JSON error format), read as the Rust
// crate's ErrorResponse reads it. This paragraph is not emitted.

/** What an error object body must be. */
const ERROR_OBJECT_EXPECTED =
  "expected an error object (Microsoft REST API guidelines): {\"error\": {\"code\": \"...\", \"message\": \"...\"}}, " +
  "with `target`, `details` and `innererror` optional";

/** A body: an object whose `error` is an error object; throws if it is not one. */
function readErrorObjectBody(body) {
  if (!isObject(body)) {
    throw refused("an error response body must be an object; " + ERROR_OBJECT_EXPECTED);
  }
  const error = member(body, "error");
  if (error === undefined) {
    throw refused("unknown error body shape: " + ERROR_OBJECT_EXPECTED);
  }
  if (!isObject(error)) {
    throw refused("`error` must be an object, not " + kindOf(error) + "; " + ERROR_OBJECT_EXPECTED);
  }
  return readErrorObject(error, "error");
}

/** One error object, at `at` in the body (`error`, `error.details[0]`). */
function readErrorObject(error, at) {
  const mistyped = (name, type, value) =>
    refused("`" + at + "." + name + "` must be " + type + ", not " + kindOf(value) + "; " + ERROR_OBJECT_EXPECTED);
  const code = member(error, "code");
  if (typeof code !== "string" && code !== undefined) {
    throw mistyped("code", "a string", code);
  }
  if (code === undefined || code === "") {
    throw refused("`" + at + ".code` is missing or empty; " + ERROR_OBJECT_EXPECTED);
  }
  const message = member(error, "message");
  if (message === undefined) {
    throw refused("`" + at + ".message` is missing; " + ERROR_OBJECT_EXPECTED);
  }
  if (typeof message !== "string") {
    throw mistyped("message", "a string", message);
  }
  const target = member(error, "target");
  if (target !== undefined && typeof target !== "string") {
    throw mistyped("target", "a string", target);
  }
  const listed = member(error, "details");
  if (listed !== undefined && !Array.isArray(listed)) {
    throw mistyped("details", "an array", listed);
  }
  const details = (listed ?? []).map((item, i) => {
    const place = "" + at + ".details[" + i + "]";
    if (!isObject(item)) {
      throw refused("`" + place + "` must be an error object, not " + kindOf(item) + "; " + ERROR_OBJECT_EXPECTED);
    }
    return readErrorObject(item, place);
  });
  const innererror = member(error, "innererror");
  if (innererror !== undefined && !isObject(innererror)) {
    throw mistyped("innererror", "an object", innererror);
  }
  return {
    errorCode: code,
    errorMsg: message,
    ...(target === undefined ? {} : { target }),
    details,
    ...(innererror === undefined ? {} : { innererror: copyJson(innererror) }),
  };
}

/** The documented body of a code's entry: `{"error": {"code", "message"}}`. */
function writeErrorObjectBody(entry) {
  return { error: { code: entry.code, message: entry.errorMsg } };
}
