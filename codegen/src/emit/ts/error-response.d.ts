// Template of the declarations of `parseErrorResponse` (runtime.js) in the
// generated package; codegen/src/emit/ts/declarations.rs writes the service's name at
// `@slot(service)`. This paragraph is not emitted.

/**
 * An error response body of the @slot(service), as {@link parseErrorResponse} reads it.
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

/**
 * Reads an error response body: its text, or the value `JSON.parse` made of it.
 *
 * It accepts the shapes that Huawei Cloud's SDKs accept, in their order: top-level `error_code` and `error_msg`; else top-level `code` and `message`; else an `error` object holding either pair. A code or message counts if it is a non-empty string or a number. `request_id`, `encoded_authorization_message` and `details` are read beside the pair, else at the top level; each entry of `details` is read by the same rules. Only own properties count.
 *
 * Returns `undefined` if the body is not one: text that is not JSON, a value that is not an object, an unknown shape, a `details` entry that is not a body, or nesting deeper than 127 levels. The result is a new object, not frozen; optional fields are absent, not `undefined`.
 */
export declare function parseErrorResponse(body: unknown): ErrorResponse | undefined;
