// Template of the declarations of the google shape's error bodies
// (ErrorResponse, ErrorBody, readErrorResponse, parseErrorResponse, errorBody)
// in the generated package; codegen/src/emit/ts/declarations.rs writes the
// service's name at `@slot(service)` and the ErrorInfo domain at
// `@slot(domain)`. This paragraph is not emitted.

/**
 * An error response body of the @slot(service), as {@link parseErrorResponse} reads it: a `google.rpc.Status` in the HTTP/JSON form that Google's AIP-193 defines (<https://google.aip.dev/193>), `{"error": {"code": <HTTP status>, "message", "status", "details"}}`, whose code is the `reason` of its `google.rpc.ErrorInfo` detail.
 * Its keys are camelCase: it is not the body's own JSON.
 */
export interface ErrorResponse {
  /**
   * The code: the `reason` of the first detail of `@type` `type.googleapis.com/google.rpc.ErrorInfo`, if the body has one (AIP-193 requires it; older APIs leave it out).
   * The error's identity is the pair of `reason` and `domain`: when a client receives errors of several services, it compares {@link ErrorResponse.domain} with this package's, `@slot(domain)`.
   * Narrow it to a documented {@link ErrorCode} with {@link isErrorCode}.
   */
  errorCode?: AnyErrorCode;
  /** The message (`error.message`), for developers. */
  errorMsg: string;
  /** The HTTP status that the body states (`error.code`). */
  statusCode: number;
  /** The name of the `google.rpc.Code` (`error.status`), such as `RESOURCE_EXHAUSTED`, if the body has one. */
  status?: string;
  /** The `domain` of the ErrorInfo detail: the service whose code it is, if the detail has one. */
  domain?: string;
  /** The `metadata` of the ErrorInfo detail, a copy, if the detail has it. */
  metadata?: Record<string, string>;
  /** The other details (`LocalizedMessage`, `Help`, `BadRequest`, …), copies, each with its `@type`. */
  details: Record<string, unknown>[];
}

/** The ErrorInfo detail that {@link errorBody} writes. */
export interface ErrorInfoDetail<Code extends ErrorCode = ErrorCode> {
  /** The detail's type. */
  "@type": "type.googleapis.com/google.rpc.ErrorInfo";
  /** The code. */
  reason: Code;
  /** The service whose code it is. */
  domain: string;
}

/**
 * The body that {@link errorBody} writes for a code: `{"error": {"code": <status>, "message": <message>, "status": <name>, "details": [<ErrorInfo>]}}`.
 */
export interface ErrorBody<Code extends ErrorCode = ErrorCode> {
  /** The `google.rpc.Status`. */
  error: {
    /** The code's HTTP status. */
    code: number;
    /** The error message of the code's first row. */
    message: string;
    /** The `google.rpc.Code` name of the status. */
    status: string;
    /** The ErrorInfo detail of the code. */
    details: [ErrorInfoDetail<Code>];
  };
}

/**
 * Reads an error response body: its text, or the value `JSON.parse` made of it.
 *
 * It accepts an object whose `error` is a `google.rpc.Status`: `code` (the HTTP status, an integer from 100 to 599) and `message` (a string) are required; `status` (a string) and `details` (an array of `google.protobuf.Any` objects, each with an `@type` string) are optional, `null` counts as absent, and other members are ignored. The first ErrorInfo detail gives the code (its `reason`, a non-empty string), the `domain` (a string) and the `metadata` (an object of strings); the other details stay in `details`. Only own properties count.
 *
 * The result is a new object, not frozen; optional fields are absent, not `undefined`.
 *
 * @throws {SyntaxError} text that is not JSON.
 * @throws {TypeError} a body that is not one (a value that is not an object, a body of another shape, a member of the wrong type, nesting deeper than 127 levels); the message says what was expected, in the words of the Rust crate's error.
 */
export declare function readErrorResponse(body: unknown): ErrorResponse;

/**
 * Reads an error response body as {@link readErrorResponse} does, or returns `undefined` if it is not one.
 */
export declare function parseErrorResponse(body: unknown): ErrorResponse | undefined;

/**
 * The documented error body of a code, for a server to send with the code's status (`ERRORS[code].httpStatus`): a new object with that status, the message of the code's first row, the `google.rpc.Code` name of the status, and an ErrorInfo detail of the code and the domain `@slot(domain)`.
 *
 * @throws {RangeError} a value that is not a documented code.
 */
export declare function errorBody<Code extends ErrorCode>(code: Code): ErrorBody<Code>;
