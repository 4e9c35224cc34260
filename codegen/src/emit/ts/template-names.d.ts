// Stand-ins for the types that codegen/src/emit/ts/declarations.rs writes
// around the templates, so that `tsc -p codegen/src/emit/ts` checks them on
// their own. Never emitted.

type ErrorCode = string;
type AnyErrorCode = string;
type Category = string;
type HttpStatus = number;
