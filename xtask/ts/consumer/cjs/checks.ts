// A CommonJS consumer of the generated package: `require` resolves to
// index.cjs and index.d.cts. `Expected` comes from from-spec/expected.d.ts.
import expectType = require("expect-type");
import pkg = require("@generated/ts");

const { expectTypeOf } = expectType;
const { ERRORS, ERROR_CODES, lookupError } = pkg;
type ErrorCode = pkg.ErrorCode;

expectTypeOf<ErrorCode>().toEqualTypeOf<Expected.Code>();
expectTypeOf<pkg.Category>().toEqualTypeOf<Expected.Category>();

type Literals = {
  readonly [C in ErrorCode]: Pick<
    (typeof ERRORS)[C],
    "code" | "httpStatus" | "category" | "retryable"
  >;
};
expectTypeOf<Literals>().toEqualTypeOf<Expected.Entries>();

declare const first: Expected.FirstCode;
expectTypeOf(ERRORS[first].httpStatus).toEqualTypeOf<
  Expected.Entries[Expected.FirstCode]["httpStatus"]
>();
// @ts-expect-error the status is the code's literal status, not `number`
expectTypeOf(ERRORS[first].httpStatus).toEqualTypeOf<number>();
// @ts-expect-error not a documented code
const unknownCode: ErrorCode = "not a code";
expectTypeOf(ERROR_CODES).toEqualTypeOf<readonly ErrorCode[]>();
expectTypeOf(lookupError("x" as string)).toEqualTypeOf<pkg.ErrorEntry | undefined>();
const fromWire: unknown = JSON.parse('"x"');
if (pkg.isErrorCode(fromWire)) {
  expectTypeOf(fromWire).toEqualTypeOf<ErrorCode>();
}

expectTypeOf(pkg.parseErrorResponse).returns.toEqualTypeOf<pkg.ErrorResponse | undefined>();
expectTypeOf<pkg.ErrorResponse>().toEqualTypeOf<Expected.ErrorResponse>();
const response = pkg.parseErrorResponse("{}");
if (response !== undefined) {
  expectTypeOf(response.errorCode).toEqualTypeOf<Expected.ErrorResponse["errorCode"]>();
  if (pkg.isErrorCode(response.errorCode)) {
    expectTypeOf(response.errorCode).toEqualTypeOf<ErrorCode>();
  }
}
expectTypeOf(pkg.errorBody(first)).toEqualTypeOf<Expected.ErrorBody<Expected.FirstCode>>();
expectTypeOf(pkg.readErrorResponse).returns.toEqualTypeOf<pkg.ErrorResponse>();

export = unknownCode;
