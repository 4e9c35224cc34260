// Template of the declarations of the error-object shape's error bodies
// (ErrorResponse, ErrorBody, readErrorResponse, parseErrorResponse, errorBody)
// in the generated package; codegen/src/emit/ts/declarations.rs writes the
// service's name at `@slot(service)`. This paragraph is not emitted.

/**
 * An error response body of the @slot(service), as {@link parseErrorResponse} reads it: an error object of the Microsoft REST API Guidelines (<https://github.com/microsoft/api-guidelines/blob/vNext/azure/Guidelines.md#handling-errors>), which is OData's JSON error format, `{"error": {"code", "message", "target", "details", "innererror"}}`.
 * Its keys are camelCase: it is not the body's own JSON.
 */
export interface ErrorResponse {
  /**
   * The code (`error.code`), as the body writes it.
   * Narrow it to a documented {@link ErrorCode} with {@link isErrorCode}.
   */
  errorCode: AnyErrorCode;
  /** The message (`error.message`), for developers. */
  errorMsg: string;
  /** The target of the error (`target`), such as the name of the property in error, if the body has one. */
  target?: string;
  /** The errors that led to this one (`details`), each an error object read by the same rules; often empty. */
  details: ErrorResponse[];
  /**
   * More specific information (`innererror`), a copy of the object, if the body has one: its `code` and its own `innererror` hold ever more specific codes; the guidelines ask clients to use the deepest one that they understand.
   */
  innererror?: Record<string, unknown>;
}

/** The body that {@link errorBody} writes for a code: `{"error": {"code": <code>, "message": <message>}}`. */
export interface ErrorBody<Code extends ErrorCode = ErrorCode> {
  /** The error object. */
  error: {
    /** The code. */
    code: Code;
    /** The error message of the code's first row. */
    message: string;
  };
}

/**
 * Reads an error response body: its text, or the value `JSON.parse` made of it.
 *
 * It accepts an object whose `error` is an error object: `code` (a non-empty string) and `message` (a string) are required; `target` (a string), `details` (an array of error objects, each read by the same rules) and `innererror` (an object) are optional, `null` counts as absent, and other members are ignored. Only own properties count.
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
 * The documented error body of a code, for a server to send with the code's status (`ERRORS[code].httpStatus`): a new object `{"error": {"code": <code>, "message": <the message of its first row>}}`.
 *
 * @throws {RangeError} a value that is not a documented code.
 */
export declare function errorBody<Code extends ErrorCode>(code: Code): ErrorBody<Code>;
