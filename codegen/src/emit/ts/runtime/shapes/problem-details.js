// Template of the problem-details shape's reader and writer, which
// error-response.js holds after its helpers: RFC 9457's problem details,
// with the code in an extension member, read as the Rust crate's
// ErrorResponse reads them. codegen/src/emit/ts/runtime.rs writes the
// catalog's code member at `@slot(code member)` and the title of each of its
// statuses that has a reason phrase at `@slot(titles)`. This paragraph is
// not emitted.

/** The extension member that holds the code. */
const PROBLEM_CODE_MEMBER = /* @slot(code member) */ "code";

/** The reason phrase of each of the table's statuses that has one: an about:blank problem's title. */
const PROBLEM_TITLES = {
  /* @slot(titles) */
};

/** The members that RFC 9457 defines. */
const PROBLEM_MEMBERS = ["type", "title", "status", "detail", "instance"];

/** What a problem details body must be. */
const PROBLEM_EXPECTED =
  "expected a problem details object (RFC 9457): `type`, `title`, `status`, `detail` and `instance`, " +
  "with the code in `" + PROBLEM_CODE_MEMBER + "`";

/** A body: a problem details object; throws if it is not one. */
function readProblemDetailsBody(body) {
  if (!isObject(body)) {
    throw refused("an error response body must be an object; " + PROBLEM_EXPECTED);
  }
  // A member whose value is not of its type is ignored (RFC 9457, section 3.1).
  const text = (name) => {
    const value = ownValue(body, name);
    return typeof value === "string" ? value : undefined;
  };
  const status = ownValue(body, "status");
  const found = {
    errorCode: codeText(ownValue(body, PROBLEM_CODE_MEMBER)),
    type: text("type"),
    title: text("title"),
    status: Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined,
    detail: text("detail"),
    instance: text("instance"),
  };
  const present = Object.entries(found).filter(([, value]) => value !== undefined);
  if (present.length === 0) {
    throw refused("unknown error body shape: " + PROBLEM_EXPECTED);
  }
  const extensions = Object.keys(body)
    .filter((key) => !PROBLEM_MEMBERS.includes(key) && key !== PROBLEM_CODE_MEMBER)
    .map((key) => [key, copyJson(body[key])]);
  return {
    ...Object.fromEntries(present),
    errorMsg: found.detail ?? found.title ?? "",
    extensions: Object.fromEntries(extensions),
  };
}

/** The documented body of a code's entry: an about:blank problem of its status, the code in its member. */
function writeProblemDetailsBody(entry) {
  const status = entry.httpStatus;
  return {
    type: "about:blank",
    title: ownValue(PROBLEM_TITLES, status) ?? entry.errorMsg,
    status,
    detail: entry.errorMsg,
    [PROBLEM_CODE_MEMBER]: entry.code,
  };
}
