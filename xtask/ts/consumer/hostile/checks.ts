// The package generated from codegen/tests/specs/hostile, whose codes and texts hold
// quotes, backslashes, backticks, `*/`, `</script>`, `${x}`, U+2028 and tags:
// its declarations still parse, and its literal types are the spec's.
import { expectTypeOf } from "expect-type";
import { ERRORS, type ErrorCode } from "@generated/hostile";

expectTypeOf<ErrorCode>().toEqualTypeOf<Expected.Code>();
type Literals = {
  readonly [C in ErrorCode]: Pick<
    (typeof ERRORS)[C],
    "code" | "httpStatus" | "category" | "retryable"
  >;
};
expectTypeOf<Literals>().toEqualTypeOf<Expected.Entries>();
type DeprecatedCode = {
  [C in ErrorCode]: (typeof ERRORS)[C] extends { readonly deprecated: string } ? C : never;
}[ErrorCode];
expectTypeOf<DeprecatedCode>().toEqualTypeOf<Expected.DeprecatedCode>();
