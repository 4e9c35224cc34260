// An ES module consumer of the generated package (also compiled with
// `moduleResolution: bundler`). `Expected` comes from from-spec/expected.d.ts,
// which `cargo xtask ci` writes from the spec: nothing here copies the catalog.
import { expectTypeOf } from "expect-type";
import {
  CATEGORIES,
  ERRORS,
  ERROR_CODES,
  errorBody,
  isErrorCode,
  lookupError,
  parseErrorResponse,
  readErrorResponse,
  type AnyErrorCode,
  type Category,
  type CategoryInfo,
  type ErrorCase,
  type ErrorCode,
  type ErrorBody,
  type ErrorEntry,
  type ErrorResponse,
} from "@generated/ts";

// The unions are exactly the spec's codes and category keys (`Same`: see ../same.d.ts).
export const sameCodes: Same<ErrorCode, Expected.Code> = true;
export const sameCategories: Same<Category, Expected.Category> = true;
export const sameKeys: Same<keyof typeof ERRORS, Expected.Code> = true;
export const sameCategoryKeys: Same<keyof typeof CATEGORIES, Expected.Category> = true;
// The check fails on any difference (each line below must be an error):
// @ts-expect-error one code fewer
export const oneFewer: Same<Exclude<ErrorCode, Expected.FirstCode>, Expected.Code> = true;
// @ts-expect-error one code more
export const oneMore: Same<ErrorCode | "not a code", Expected.Code> = true;

// Every entry has its literal code, status, category and retryability.
type Literals = {
  readonly [C in ErrorCode]: Pick<
    (typeof ERRORS)[C],
    "code" | "httpStatus" | "category" | "retryable"
  >;
};
export const sameLiterals: Same<Literals, Expected.Entries> = true;

// Exactly the deprecated codes have a `deprecated` note.
type DeprecatedCode = {
  [C in ErrorCode]: (typeof ERRORS)[C] extends { readonly deprecated: string } ? C : never;
}[ErrorCode];
export const sameDeprecated: Same<DeprecatedCode, Expected.DeprecatedCode> = true;

// One code, through a value, as a user writes it.
declare const first: Expected.FirstCode;
const entry = ERRORS[first];
expectTypeOf(entry.code).toEqualTypeOf<Expected.FirstCode>();
expectTypeOf(entry.httpStatus).toEqualTypeOf<Expected.Entries[Expected.FirstCode]["httpStatus"]>();
expectTypeOf(entry.httpStatus).toBeNumber();
expectTypeOf(entry).toExtend<ErrorEntry>();
// @ts-expect-error the status is the code's literal status, not `number`
expectTypeOf(entry.httpStatus).toEqualTypeOf<number>();
// @ts-expect-error the code is a literal, not `string`
expectTypeOf(entry.code).toEqualTypeOf<string>();

// An unknown literal is not an ErrorCode (a code never holds a space).
// @ts-expect-error not a documented code
const unknownCode: ErrorCode = "not a code";
// @ts-expect-error ERRORS has no entry for it
ERRORS["not a code"];
// But it is an AnyErrorCode, and so is every ErrorCode.
const wireCode: AnyErrorCode = "not a code";
expectTypeOf<ErrorCode>().toExtend<AnyErrorCode>();
expectTypeOf<string>().toExtend<AnyErrorCode>();

// Everything is readonly.
// @ts-expect-error entries are readonly
entry.httpStatus = 500;
// @ts-expect-error ERRORS is readonly
ERRORS[first] = entry;
// @ts-expect-error ERROR_CODES is readonly
ERROR_CODES.push(first);
// @ts-expect-error cases are readonly
entry.cases[0] = entry;

// The shared shapes.
export const codeList: Same<typeof ERROR_CODES, readonly ErrorCode[]> = true;
expectTypeOf<ErrorEntry["cases"]>().toEqualTypeOf<readonly ErrorCase[]>();
expectTypeOf<ErrorEntry["deprecated"]>().toEqualTypeOf<string | undefined>();
expectTypeOf<ErrorEntry>().toExtend<ErrorCase>();
expectTypeOf<ErrorCase>().toEqualTypeOf<{
  readonly httpStatus: number;
  readonly errorMsg: string;
  readonly description: string;
  readonly handlingMeasure: string;
}>();
expectTypeOf(CATEGORIES).toEqualTypeOf<{ readonly [K in Category]: CategoryInfo }>();
expectTypeOf<CategoryInfo>().toEqualTypeOf<{
  readonly title: string;
  readonly description: string;
}>();

// isErrorCode narrows unknown values.
const fromWire: unknown = JSON.parse('"x"');
if (isErrorCode(fromWire)) {
  const narrowed: Same<typeof fromWire, ErrorCode> = true;
}
expectTypeOf(isErrorCode).parameter(0).toBeUnknown();

// lookupError: any string in, maybe an entry out; a known code gives its own entry.
const text: string = wireCode;
expectTypeOf(lookupError(text)).toEqualTypeOf<ErrorEntry | undefined>();
expectTypeOf(lookupError(first)).toEqualTypeOf<(typeof ERRORS)[Expected.FirstCode]>();
// @ts-expect-error a string's entry may be undefined
lookupError(text).httpStatus;

// parseErrorResponse: any value in (text or parsed JSON), maybe a body out.
// readErrorResponse: the same, a body out (or an exception).
expectTypeOf(parseErrorResponse).parameter(0).toBeUnknown();
expectTypeOf(parseErrorResponse).returns.toEqualTypeOf<ErrorResponse | undefined>();
expectTypeOf(readErrorResponse).parameter(0).toBeUnknown();
expectTypeOf(readErrorResponse).returns.toEqualTypeOf<ErrorResponse>();
// The parsed form of the package's shape, exactly: optional fields are absent
// or of their type, never `undefined` (exactOptionalPropertyTypes).
expectTypeOf<ErrorResponse>().toEqualTypeOf<Expected.ErrorResponse>();
const response = parseErrorResponse(JSON.parse('{"code": "x", "message": "y"}'));
// @ts-expect-error the body may not be one
response.errorMsg;
if (response !== undefined) {
  const wire: Same<typeof response.errorCode, Expected.ErrorResponse["errorCode"]> = true;
  expectTypeOf(response.errorMsg).toBeString();
  // Narrowing the code gives the documented entry.
  if (isErrorCode(response.errorCode)) {
    const narrowed: Same<typeof response.errorCode, ErrorCode> = true;
    expectTypeOf(ERRORS[response.errorCode]).toExtend<ErrorEntry>();
  } else {
    // @ts-expect-error not narrowed: ERRORS has no entry for any string
    ERRORS[response.errorCode];
  }
}

// errorBody: a documented code in, the body of the package's shape out, with its code's literal type.
expectTypeOf(errorBody(first)).toEqualTypeOf<ErrorBody<Expected.FirstCode>>();
expectTypeOf<ErrorBody<Expected.FirstCode>>().toEqualTypeOf<Expected.ErrorBody<Expected.FirstCode>>();
export const sameBodies: Same<ErrorBody, Expected.ErrorBody<ErrorCode>> = true;
// @ts-expect-error not a documented code
errorBody("not a code");
// @ts-expect-error a code from the wire must be narrowed first
errorBody(wireCode);

export { unknownCode };
