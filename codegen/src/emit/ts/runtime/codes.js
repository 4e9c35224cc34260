// Template of codes.js in the generated package (ERROR_CODES, isErrorCode),
// and of its part of index.cjs. codegen/src/emit/ts.rs writes the codes at the
// slot, one a line. Only the codes: a bundle of isErrorCode holds no other text
// of the table (`cargo xtask ci` checks its size). This paragraph is not emitted.

/**
 * Every documented error code, in the table's order. Frozen.
 * @type {readonly string[]}
 */
const ERROR_CODES = /* @__PURE__ */ Object.freeze([
  // @slot(codes)
]);

/** The documented codes, for isErrorCode: a Set has no inherited members such as `__proto__`. */
const DOCUMENTED = /* @__PURE__ */ new Set(ERROR_CODES);

function isErrorCode(value) {
  return typeof value === "string" && DOCUMENTED.has(value);
}
