// Template of the declarations of a code's entry in the generated package
// (index.d.ts, index.d.cts); codegen/src/emit/ts/declarations.rs writes them after the
// `ErrorCode` and `Category` types. This paragraph is not emitted.

/** One row of the table: the status and texts of one case of a code. */
export interface ErrorCase {
  /** The HTTP status of the response ({@link HttpStatus}). */
  readonly httpStatus: HttpStatus;
  /** The `error_msg` the API returns. */
  readonly errorMsg: string;
  /** What the error means. */
  readonly description: string;
  /** What to do about it. */
  readonly handlingMeasure: string;
}

/**
 * A documented error code and everything the table says about it. Its status and
 * texts are its first case's; {@link ErrorEntry.cases} lists every row.
 */
export interface ErrorEntry extends ErrorCase {
  /** The code, as the API writes it. */
  readonly code: ErrorCode;
  /** What a caller should do about the error. */
  readonly category: Category;
  /** Whether sending the same request again later may succeed. */
  readonly retryable: boolean;
  /** Every row the table lists for this code, in table order; never empty. */
  readonly cases: readonly ErrorCase[];
  /** Why the code is deprecated, if it is. */
  readonly deprecated?: string;
}

/** The entry of one code in {@link ERRORS}: an {@link ErrorEntry} with literal types. */
export interface ErrorEntryOf<
  Code extends ErrorCode,
  Status extends HttpStatus,
  Kind extends Category,
  Retryable extends boolean,
> extends ErrorEntry {
  readonly code: Code;
  readonly httpStatus: Status;
  readonly category: Kind;
  readonly retryable: Retryable;
}

/** A category's title and description. */
export interface CategoryInfo {
  /** A short title: what to do. */
  readonly title: string;
  /** What the category means and what a caller should do. */
  readonly description: string;
}
