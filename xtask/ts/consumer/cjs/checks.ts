// A CommonJS consumer of the generated package: `require` resolves to
// index.cjs and index.d.cts. `Expected` comes from from-spec/expected.d.ts.
import expectType = require("expect-type");
import pkg = require("@generated/ts");

const { expectTypeOf } = expectType;
const { ERRORS, ERROR_CODES, lookupError } = pkg;
type ErrorCode = pkg.ErrorCode;

const sameCodes: Same<ErrorCode, Expected.Code> = true;
expectTypeOf<pkg.Category>().toEqualTypeOf<Expected.Category>();

type Literals = {
  readonly [C in ErrorCode]: Pick<
    (typeof ERRORS)[C],
    "code" | "httpStatus" | "category" | "retryable"
  >;
};
const sameLiterals: Same<Literals, Expected.Entries> = true;

declare const first: Expected.FirstCode;
expectTypeOf(ERRORS[first].httpStatus).toEqualTypeOf<
  Expected.Entries[Expected.FirstCode]["httpStatus"]
>();
// @ts-expect-error the status is the code's literal status, not `number`
expectTypeOf(ERRORS[first].httpStatus).toEqualTypeOf<number>();
// @ts-expect-error not a documented code
const unknownCode: ErrorCode = "not a code";
const codeList: Same<typeof ERROR_CODES, readonly ErrorCode[]> = true;
expectTypeOf(lookupError("x" as string)).toEqualTypeOf<pkg.ErrorEntry | undefined>();
const fromWire: unknown = JSON.parse('"x"');
if (pkg.isErrorCode(fromWire)) {
  const narrowed: Same<typeof fromWire, ErrorCode> = true;
}

expectTypeOf(pkg.parseErrorResponse).returns.toEqualTypeOf<pkg.ErrorResponse | undefined>();
expectTypeOf<pkg.ErrorResponse>().toEqualTypeOf<Expected.ErrorResponse>();
const response = pkg.parseErrorResponse("{}");
if (response !== undefined) {
  const wire: Same<typeof response.errorCode, Expected.ErrorResponse["errorCode"]> = true;
  if (pkg.isErrorCode(response.errorCode)) {
    const narrowed: Same<typeof response.errorCode, ErrorCode> = true;
  }
}
expectTypeOf(pkg.errorBody(first)).toEqualTypeOf<Expected.ErrorBody<Expected.FirstCode>>();
expectTypeOf(pkg.readErrorResponse).returns.toEqualTypeOf<pkg.ErrorResponse>();

export = unknownCode;
