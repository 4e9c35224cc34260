// Template of error-body.js in the generated package (errorBody), and of its
// part of index.cjs. In error-body.js, codegen/src/emit/ts/runtime.rs imports
// lookupError from errors.js (so a bundle of errorBody holds the table) and
// writeBody, the writer of the catalog's shape, from error-response.js.
// This paragraph is not emitted.

function errorBody(code) {
  const entry = lookupError(code);
  if (entry === undefined) {
    throw new RangeError("" + (JSON.stringify(String(code))) + " is not a documented error code");
  }
  return writeBody(entry);
}
