// Template of errors.js in the generated package (ERRORS, lookupError and
// each code's entry), and of its part of index.cjs. codegen/src/emit/ts.rs
// writes, in errors.js, each code's entry as an exported constant at
// `@slot(entries)` and its name at `@slot(table)`; in index.cjs, nothing at the
// first slot and each entry itself at the second. The code here uses no global
// with a capital letter (an entry may be exported as `Object` or `Set`, which
// would hide it): the helpers come from frozen.js. This paragraph is not
// emitted.

// @slot(entries)

/** Every documented error code's entry, by code. Frozen; it has no prototype. */
const ERRORS = /* @__PURE__ */ byCode([
  // @slot(table)
]);

function lookupError(code) {
  return typeof code === "string" && hasOwn(ERRORS, code) ? ERRORS[code] : undefined;
}
