// Template of categories.js in the generated package (CATEGORIES), and of its
// part of index.cjs. codegen/src/emit/ts.rs writes the categories at the slot,
// one `[key, title, description]` a line. This paragraph is not emitted.

/** Every category, by key, in the spec's order. Frozen. */
const CATEGORIES = /* @__PURE__ */ categoryTable([
  // @slot(categories)
]);
