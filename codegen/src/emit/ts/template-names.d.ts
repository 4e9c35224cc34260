// Stand-ins for the types that codegen/src/emit/ts/declarations.rs writes
// around the templates, so that `tsc -p codegen/src/emit/ts` checks them on
// their own. Never emitted.

type ErrorCode = string;
type AnyErrorCode = string;
type Category = string;
type HttpStatus = number;

// The reader and the writer of the catalog's shape, which runtime.rs names
// after the shape's template (`readGoogleBody`, `writeGoogleBody`).
declare function readShape(body: unknown): object;
declare function writeBody(entry: { code: string; httpStatus: number; errorMsg: string }): object;
