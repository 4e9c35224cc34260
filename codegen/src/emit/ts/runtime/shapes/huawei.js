// Template of the huawei shape's reader and writer, which error-response.js
// holds after its helpers: the bodies that Huawei Cloud's official SDKs
// accept, in the Go SDK's order of precedence (huaweicloud-sdk-go-v3,
// core/sdkerr/errors.go), read as the Rust crate's ErrorResponse reads them.
// This paragraph is not emitted.

/** What a Huawei Cloud body must have. */
const HUAWEI_EXPECTED =
  "expected `error_code` and `error_msg`, `code` and `message`, or an `error` object holding one of these pairs";

/** The keys of a code and its message, in the SDKs' order of precedence. */
const HUAWEI_PAIRS = [
  ["error_code", "error_msg"],
  ["code", "message"],
];

/** The code and message of one level: `error_code` + `error_msg`, else `code` + `message`. */
function huaweiPair(level) {
  for (const [codeKey, messageKey] of HUAWEI_PAIRS) {
    const code = codeText(ownValue(level, codeKey));
    const message = codeText(ownValue(level, messageKey));
    if (code !== undefined && message !== undefined) {
      return [code, message];
    }
  }
  return undefined;
}

/** One body or `details` entry, by the SDKs' precedence; throws if it is not one. */
function readHuaweiBody(body) {
  if (!isObject(body)) {
    throw refused("an error response body must be an object; " + HUAWEI_EXPECTED);
  }
  let level = body;
  let found = huaweiPair(body);
  if (found === undefined) {
    const nested = ownValue(body, "error");
    found = isObject(nested) ? huaweiPair(nested) : undefined;
    if (found === undefined) {
      throw refused("unknown error body shape: " + HUAWEI_EXPECTED);
    }
    level = nested;
  }
  // `details` from the level of the code if it has the key (even if it is not a list), else the top level.
  const listed = Object.prototype.hasOwnProperty.call(level, "details") ? level.details : ownValue(body, "details");
  const details = [];
  if (Array.isArray(listed)) {
    for (let i = 0; i < listed.length; i++) {
      try {
        details.push(readHuaweiBody(listed[i]));
      } catch (error) {
        throw refused("details[" + i + "]: " + (error instanceof Error ? error.message : String(error)));
      }
    }
  }
  const requestId = codeText(ownValue(level, "request_id")) ?? codeText(ownValue(body, "request_id"));
  const encodedAuthorizationMessage =
    codeText(ownValue(level, "encoded_authorization_message")) ??
    codeText(ownValue(body, "encoded_authorization_message"));
  // Spread defines own properties (no setter on Object.prototype runs), and absent ones stay absent.
  return {
    errorCode: found[0],
    errorMsg: found[1],
    ...(requestId === undefined ? {} : { requestId }),
    ...(encodedAuthorizationMessage === undefined ? {} : { encodedAuthorizationMessage }),
    details,
  };
}

/** The documented body of a code's entry: `{"error_code", "error_msg"}`. */
function writeHuaweiBody(entry) {
  return { error_code: entry.code, error_msg: entry.errorMsg };
}
