// Template of the declarations of the problem-details shape's error bodies
// (ErrorResponse, ErrorBody, readErrorResponse, parseErrorResponse, errorBody)
// in the generated package; codegen/src/emit/ts/declarations.rs writes the
// service's name at `@slot(service)` and the code's member (a name of ASCII
// letters, digits and `_`) at each `@slot(code member)`. This paragraph is
// not emitted.

/**
 * An error response body of the @slot(service), as {@link parseErrorResponse} reads it: a problem details object of RFC 9457 (<https://www.rfc-editor.org/rfc/rfc9457>), media type `application/problem+json`, whose code is the extension member `@slot(code member)`.
 * Its keys are camelCase, and the members that RFC 9457 does not define are in `extensions`: it is not the body's own JSON.
 */
export interface ErrorResponse {
  /**
   * The code (the member `@slot(code member)`: a non-empty string, or a number as its decimal text), if the body has one.
   * Narrow it to a documented {@link ErrorCode} with {@link isErrorCode}.
   */
  errorCode?: AnyErrorCode;
  /** The message: `detail`, else `title`, else empty. */
  errorMsg: string;
  /** The URI reference that identifies the problem type (`type`), if the body has one; absent, it is `about:blank`. */
  type?: string;
  /** A short, human-readable summary of the problem type (`title`), if the body has one. */
  title?: string;
  /** The HTTP status (`status`), if the body has one. */
  status?: number;
  /** A human-readable explanation of this occurrence of the problem (`detail`), if the body has one. */
  detail?: string;
  /** The URI reference that identifies this occurrence of the problem (`instance`), if the body has one. */
  instance?: string;
  /** The other members (RFC 9457's extension members), copies, by name. */
  extensions: Record<string, unknown>;
}

/**
 * The body that {@link errorBody} writes for a code: `{"type": "about:blank", "title": <the status's reason phrase, or the message>, "status": <status>, "detail": <message>, "@slot(code member)": <code>}`.
 */
export type ErrorBody<Code extends ErrorCode = ErrorCode> = {
  /** `about:blank`: the problem has no more to say than its HTTP status. */
  type: "about:blank";
  /** The reason phrase of the status (as RFC 9457 asks of `about:blank`), or the message for a status that has none. */
  title: string;
  /** The code's HTTP status. */
  status: number;
  /** The error message of the code's first row. */
  detail: string;
} & { [Member in CodeMember]: Code };

/** The extension member that holds the code. */
type CodeMember = "@slot(code member)";

/**
 * Reads an error response body: its text, or the value `JSON.parse` made of it.
 *
 * It accepts an object with at least one of `type`, `title`, `status`, `detail`, `instance` and the code's member. As RFC 9457 asks, a member whose value is not of its type (a string; for `status`, an integer from 100 to 599) is ignored; the code is a non-empty string or a number. Only own properties count.
 *
 * The result is a new object, not frozen; optional fields are absent, not `undefined`.
 *
 * @throws {SyntaxError} text that is not JSON.
 * @throws {TypeError} a body that is not one (a value that is not an object, a body of another shape, nesting deeper than 127 levels); the message says what was expected, in the words of the Rust crate's error.
 */
export declare function readErrorResponse(body: unknown): ErrorResponse;

/**
 * Reads an error response body as {@link readErrorResponse} does, or returns `undefined` if it is not one.
 */
export declare function parseErrorResponse(body: unknown): ErrorResponse | undefined;

/**
 * The documented error body of a code, for a server to send with the code's status (`ERRORS[code].httpStatus`) and the media type `application/problem+json`: a new `about:blank` problem of that status, whose `detail` is the message of the code's first row, with the code in `@slot(code member)`.
 *
 * @throws {RangeError} a value that is not a documented code.
 */
export declare function errorBody<Code extends ErrorCode>(code: Code): ErrorBody<Code>;
