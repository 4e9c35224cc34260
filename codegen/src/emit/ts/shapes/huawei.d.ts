// Template of the declarations of the huawei shape's error bodies
// (ErrorResponse, ErrorBody, readErrorResponse, parseErrorResponse, errorBody)
// in the generated package; codegen/src/emit/ts/declarations.rs writes the
// service's name at `@slot(service)`. This paragraph is not emitted.

/**
 * An error response body of the @slot(service), as {@link parseErrorResponse} reads it: a body in the shape of Huawei Cloud's APIs, as their official SDKs read it (the Go SDK's `core/sdkerr/errors.go`, <https://github.com/huaweicloud/huaweicloud-sdk-go-v3>).
 * Its keys are camelCase: it is not the body's own JSON.
 */
export interface ErrorResponse {
  /**
   * The code (`error_code` or `code`), as the body writes it; a numeric code as its decimal text.
   * Narrow it to a documented {@link ErrorCode} with {@link isErrorCode}.
   */
  errorCode: AnyErrorCode;
  /** The message (`error_msg` or `message`). */
  errorMsg: string;
  /** The request's id (`request_id`), if the body has one. */
  requestId?: string;
  /** Why authorization failed, encoded (`encoded_authorization_message`), if the body has it. */
  encodedAuthorizationMessage?: string;
  /** Further errors (`details`), each read by the same rules; often empty. */
  details: ErrorResponse[];
}

/** The body that {@link errorBody} writes for a code: `{"error_code": <code>, "error_msg": <message>}`. */
export interface ErrorBody<Code extends ErrorCode = ErrorCode> {
  /** The code. */
  error_code: Code;
  /** The error message of the code's first row. */
  error_msg: string;
}

/**
 * Reads an error response body: its text, or the value `JSON.parse` made of it.
 *
 * It accepts the shapes that Huawei Cloud's SDKs accept, in their order: top-level `error_code` and `error_msg`; else top-level `code` and `message`; else an `error` object holding either pair. A code or message counts if it is a non-empty string or a number. `request_id`, `encoded_authorization_message` and `details` are read beside the pair, else at the top level; each entry of `details` is read by the same rules. Only own properties count.
 *
 * The result is a new object, not frozen; optional fields are absent, not `undefined`.
 *
 * @throws {SyntaxError} text that is not JSON.
 * @throws {TypeError} a body that is not one (a value that is not an object, an unknown shape, a `details` entry that is not a body, nesting deeper than 127 levels); the message says what was expected, in the words of the Rust crate's error.
 */
export declare function readErrorResponse(body: unknown): ErrorResponse;

/**
 * Reads an error response body as {@link readErrorResponse} does, or returns `undefined` if it is not one: text that is not JSON, a value that is not an object, an unknown shape, a `details` entry that is not a body, or nesting deeper than 127 levels.
 */
export declare function parseErrorResponse(body: unknown): ErrorResponse | undefined;

/**
 * The documented error body of a code, for a server to send with the code's status (`ERRORS[code].httpStatus`): a new object `{"error_code": <code>, "error_msg": <the message of its first row>}`.
 *
 * @throws {RangeError} a value that is not a documented code.
 */
export declare function errorBody<Code extends ErrorCode>(code: Code): ErrorBody<Code>;
