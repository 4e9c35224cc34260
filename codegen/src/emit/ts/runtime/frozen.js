// Template of frozen.js in the generated package: the helpers that build its
// frozen values, for categories.js and errors.js, and the first part of
// index.cjs. A module of its own, so that errors.js uses no global: a code's
// entry may be exported there as `Object` or `Set`, which would hide the
// global from code beside it. Only declarations, no top-level code. This
// paragraph is not emitted.

/** Whether `object` has `key` as its own property (never an inherited one such as `__proto__`). */
function hasOwn(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** A frozen object without a prototype: "__proto__" or "toString" are never keys by accident. */
function table(pairs) {
  const result = Object.create(null);
  for (const [key, value] of pairs) {
    result[key] = value;
  }
  return Object.freeze(result);
}

/** The frozen entries, by code. */
function byCode(entries) {
  return table(entries.map((e) => [e.code, e]));
}

/**
 * A frozen entry. `cases` are the table's rows for the code, each
 * `[httpStatus, errorMsg, description, handlingMeasure]`; the entry's own
 * fields are its first case's.
 */
function entry(code, category, retryable, cases, deprecated) {
  const frozenCases = cases.map(([httpStatus, errorMsg, description, handlingMeasure]) =>
    Object.freeze({ httpStatus, errorMsg, description, handlingMeasure }),
  );
  const first = frozenCases[0];
  const result = {
    code,
    httpStatus: first.httpStatus,
    errorMsg: first.errorMsg,
    description: first.description,
    handlingMeasure: first.handlingMeasure,
    category,
    retryable,
    cases: Object.freeze(frozenCases),
  };
  if (deprecated !== undefined) {
    result.deprecated = deprecated;
  }
  return Object.freeze(result);
}

/** The frozen categories, by key, from `[key, title, description]` rows. */
function categoryTable(rows) {
  return table(rows.map(([key, title, description]) => [key, Object.freeze({ title, description })]));
}
