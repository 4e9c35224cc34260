// Template of the google shape's reader and writer, which error-response.js
// holds after its helpers: AIP-193's errors of HTTP/JSON APIs, a
// google.rpc.Status whose code is the `reason` of its ErrorInfo detail, read
// as the Rust crate's ErrorResponse reads it. codegen/src/emit/ts/runtime.rs
// writes the catalog's ErrorInfo domain at `@slot(domain)` and the
// google.rpc.Code name of each of its statuses at `@slot(status names)`.
// This paragraph is not emitted.

/** The `@type` of an ErrorInfo detail. */
const GOOGLE_ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

/** The ErrorInfo domain of the table's codes. */
const GOOGLE_DOMAIN = /* @slot(domain) */ "";

/** The google.rpc.Code name of each of the table's statuses that has one; any other is UNKNOWN. */
const GOOGLE_STATUS_NAMES = {
  /* @slot(status names) */
};

/** What a google body must be. */
const GOOGLE_EXPECTED =
  "expected a google.rpc.Status body (AIP-193): {\"error\": {\"code\": <HTTP status>, \"message\": \"...\", " +
  "\"status\": \"...\", \"details\": [...]}}, whose code is the `reason` of its " +
  "`type.googleapis.com/google.rpc.ErrorInfo` detail";

/** A body: an object whose `error` is a google.rpc.Status; throws if it is not one. */
function readGoogleBody(body) {
  if (!isObject(body)) {
    throw refused("an error response body must be an object; " + GOOGLE_EXPECTED);
  }
  const error = member(body, "error");
  if (error === undefined) {
    throw refused("unknown error body shape: " + GOOGLE_EXPECTED);
  }
  if (!isObject(error)) {
    throw refused("`error` must be an object, not " + kindOf(error) + "; " + GOOGLE_EXPECTED);
  }
  const statusCode = member(error, "code");
  if (statusCode === undefined) {
    throw refused("`error.code` is missing; " + GOOGLE_EXPECTED);
  }
  if (typeof statusCode !== "number") {
    throw refused("`error.code` must be an HTTP status, a number, not " + kindOf(statusCode) + "; " + GOOGLE_EXPECTED);
  }
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw refused(
      "`error.code` must be an HTTP status, an integer from 100 to 599, not " + numberText(statusCode) + "; " + GOOGLE_EXPECTED,
    );
  }
  const message = member(error, "message");
  if (message === undefined) {
    throw refused("`error.message` is missing; " + GOOGLE_EXPECTED);
  }
  if (typeof message !== "string") {
    throw refused("`error.message` must be a string, not " + kindOf(message) + "; " + GOOGLE_EXPECTED);
  }
  const status = member(error, "status");
  if (status !== undefined && typeof status !== "string") {
    throw refused("`error.status` must be a string, not " + kindOf(status) + "; " + GOOGLE_EXPECTED);
  }
  const listed = member(error, "details");
  if (listed !== undefined && !Array.isArray(listed)) {
    throw refused("`error.details` must be an array, not " + kindOf(listed) + "; " + GOOGLE_EXPECTED);
  }
  let info;
  const details = [];
  (listed ?? []).forEach((item, i) => {
    const type = isObject(item) ? ownValue(item, "@type") : undefined;
    if (typeof type !== "string") {
      throw refused(
        "`error.details[" + i + "]` must be an object with an `@type` string (a google.protobuf.Any); " + GOOGLE_EXPECTED,
      );
    }
    if (info === undefined && type === GOOGLE_ERROR_INFO) {
      info = readGoogleErrorInfo(item, "error.details[" + i + "]");
    } else {
      details.push(copyJson(item));
    }
  });
  return {
    ...(info === undefined ? {} : { errorCode: info.reason }),
    errorMsg: message,
    statusCode,
    ...(status === undefined ? {} : { status }),
    ...(info?.domain === undefined ? {} : { domain: info.domain }),
    ...(info?.metadata === undefined ? {} : { metadata: info.metadata }),
    details,
  };
}

/** The ErrorInfo detail at `at`: its reason (the code), domain and metadata. */
function readGoogleErrorInfo(info, at) {
  const reason = member(info, "reason");
  if (reason !== undefined && typeof reason !== "string") {
    throw refused("`" + at + ".reason` must be a string, not " + kindOf(reason) + "; " + GOOGLE_EXPECTED);
  }
  if (reason === undefined || reason === "") {
    throw refused("`" + at + ".reason` is missing or empty; " + GOOGLE_EXPECTED);
  }
  const domain = member(info, "domain");
  if (domain !== undefined && typeof domain !== "string") {
    throw refused("`" + at + ".domain` must be a string, not " + kindOf(domain) + "; " + GOOGLE_EXPECTED);
  }
  const metadata = member(info, "metadata");
  if (metadata !== undefined && !isObject(metadata)) {
    throw refused("`" + at + ".metadata` must be an object, not " + kindOf(metadata) + "; " + GOOGLE_EXPECTED);
  }
  if (metadata !== undefined) {
    for (const value of Object.values(metadata)) {
      if (typeof value !== "string") {
        throw refused("`" + at + ".metadata` must map keys to strings, not to " + kindOf(value) + "; " + GOOGLE_EXPECTED);
      }
    }
  }
  return { reason, domain, metadata: metadata === undefined ? undefined : copyJson(metadata) };
}

/** The documented body of a code's entry: its status, message, the status's name and an ErrorInfo of the code. */
function writeGoogleBody(entry) {
  const status = entry.httpStatus;
  const name = ownValue(GOOGLE_STATUS_NAMES, status) ?? "UNKNOWN";
  return {
    error: {
      code: status,
      message: entry.errorMsg,
      status: name,
      details: [{ "@type": GOOGLE_ERROR_INFO, reason: entry.code, domain: GOOGLE_DOMAIN }],
    },
  };
}
