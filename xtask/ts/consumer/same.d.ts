// `true` if A and B are one type, by the compiler's own identity check (the
// one expect-type's toEqualTypeOf starts with). The checks of the code unions
// use it: for hundreds of codes it costs a fraction of a second, where
// toEqualTypeOf, which also builds a readable message, takes seconds each.
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
