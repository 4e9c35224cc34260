// Type-level checks of what openapi-typescript generates from an OpenAPI
// document of `cargo xtask gen`, against the npm package generated from the
// same spec. `cargo xtask ci` compiles this file once per checked output,
// with a tsconfig.json that maps the four modules below to that output's
// files (see ../README.md).
import { expectTypeOf } from "expect-type";
import type { components } from "#openapi";
import type { ErrorCode as ErrorCodeEnum } from "#openapi-enum";
import type { AnyErrorCode, ErrorCode } from "#package";
import type { Body, DeprecatedCode, FirstCode, MediaType, Parts, ResponseName, Variant } from "#expected";

type Schemas = components["schemas"];

// `true` if A and B are one type, by the compiler's own identity check (the
// one expect-type's toEqualTypeOf starts with). For unions of hundreds of
// codes it costs a fraction of a second, where toEqualTypeOf, which also
// builds a readable message, takes tens of seconds.
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The document's ErrorCode is the package's: the same codes, no more, no fewer.
export const sameCodes: Same<Schemas["ErrorCode"], ErrorCode> = true;

// The check fails on any difference (each line below must be an error):
// @ts-expect-error one code fewer
export const oneFewer: Same<Exclude<Schemas["ErrorCode"], FirstCode>, ErrorCode> = true;
// @ts-expect-error one code more
export const oneMore: Same<Schemas["ErrorCode"] | "NOT.A.DOCUMENTED.CODE", ErrorCode> = true;
// @ts-expect-error any string
export const anyString: Same<string, ErrorCode> = true;

// With --enum, ErrorCode is a TypeScript enum: its members are named after
// x-enum-varnames (the Rust variants), and its values are the same codes.
export const sameEnumValues: Same<`${ErrorCodeEnum}`, ErrorCode> = true;
export const sameEnumNames: Same<keyof typeof ErrorCodeEnum, Variant> = true;

// AnyErrorCode accepts every string, as the package's does.
expectTypeOf<string>().toExtend<Schemas["AnyErrorCode"]>();
expectTypeOf<string>().toExtend<AnyErrorCode>();
expectTypeOf<ErrorCode>().toExtend<Schemas["AnyErrorCode"]>();

// The body has the fields of the catalog's shape (its definition's, a code an
// AnyErrorCode), and so have the schemas it refers to.
expectTypeOf<Schemas["ErrorResponse"]>().toEqualTypeOf<Body>();
expectTypeOf<Pick<Schemas, keyof Parts>>().toEqualTypeOf<Parts>();

// DeprecatedErrorCode lists the deprecated codes (it is absent when there are none).
type Deprecated = Schemas extends { DeprecatedErrorCode: infer Codes } ? Codes : never;
export const sameDeprecated: Same<Deprecated, DeprecatedCode> = true;

// A response per documented status, each with an ErrorResponse body of the
// shape's media type (application/problem+json for problem details).
export const sameResponses: Same<keyof components["responses"], ResponseName> = true;
expectTypeOf<
  components["responses"][ResponseName]["content"][MediaType]
>().toEqualTypeOf<Schemas["ErrorResponse"]>();
