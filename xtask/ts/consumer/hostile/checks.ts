// The package generated from codegen/tests/specs/hostile, whose codes and texts hold
// quotes, backslashes, backticks, `*/`, `</script>`, `${x}`, U+2028 and tags:
// its declarations still parse, and its literal types are the spec's.
import { ERRORS, type ErrorCode } from "@generated/hostile";

export const sameCodes: Same<ErrorCode, Expected.Code> = true;
type Literals = {
  readonly [C in ErrorCode]: Pick<
    (typeof ERRORS)[C],
    "code" | "httpStatus" | "category" | "retryable"
  >;
};
export const sameLiterals: Same<Literals, Expected.Entries> = true;
type DeprecatedCode = {
  [C in ErrorCode]: (typeof ERRORS)[C] extends { readonly deprecated: string } ? C : never;
}[ErrorCode];
export const sameDeprecated: Same<DeprecatedCode, Expected.DeprecatedCode> = true;
