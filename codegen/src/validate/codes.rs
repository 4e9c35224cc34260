//! Codes: rows grouped by code, and what must hold across rows (no
//! identical rows, agreeing editorial columns, unique derived names).

use std::collections::HashMap;

use super::rows::Row;
use super::{UNCLASSIFIED, Validator};
use crate::load::Pos;
use crate::model::{Case, Category, Code};
use crate::names;

/// A code being assembled from its rows.
struct Draft {
    code: Code,
    file: usize,
    /// Where the code's first row writes the code.
    pos: Pos,
    category: Option<(usize, Pos)>,
    retryable: Option<(bool, Pos)>,
}

impl Validator<'_> {
    /// Groups rows into codes (first appearance order) and checks what must
    /// hold across rows: no identical rows, agreeing editorial columns, unique
    /// derived names.
    pub(super) fn codes(&mut self, rows: Vec<Row>, categories: &mut Vec<Category>) -> Vec<Code> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for row in rows {
            if let Some(&i) = index.get(&row.code) {
                let earlier = &drafts[i];
                if let Some(same) = earlier.code.cases.iter().find(|c| same_row(c, &row.case)) {
                    let message = format!(
                        "this row repeats the row of `{}` at {}:{}",
                        row.code, same.origin.file, same.origin.line
                    );
                    self.error(row.file, row.pos, message, "delete one of the two rows");
                    continue;
                }
                self.merge_editorial(&mut drafts[i], &row);
                drafts[i].code.cases.push(row.case);
                continue;
            }
            index.insert(row.code.clone(), drafts.len());
            let prefix = names::prefix(&row.code);
            drafts.push(Draft {
                code: Code {
                    rust_variant: names::rust_variant(&row.code),
                    anchor: names::anchor(&row.code),
                    number: 0, // set by `numbers::number`
                    prefix,
                    code: row.code,
                    category: 0,
                    retryable: false,
                    deprecated: row.deprecated,
                    cases: vec![row.case],
                },
                file: row.file,
                pos: row.code_pos,
                category: row.category,
                retryable: row.retryable,
            });
        }
        // Codes with no category go to "unclassified", added only when used.
        if drafts.iter().any(|d| d.category.is_none())
            && !categories.iter().any(|c| c.key == UNCLASSIFIED)
        {
            categories.push(Category {
                key: UNCLASSIFIED.into(),
                rust_variant: names::category_variant(UNCLASSIFIED),
                title: "Not classified".into(),
                description: "The spec does not say what a caller should do about these codes; read their handling measure.".into(),
                retryable: false,
            });
        }
        let unclassified = categories
            .iter()
            .position(|c| c.key == UNCLASSIFIED)
            .unwrap_or(0);
        for draft in &mut drafts {
            let category = draft.category.map_or(unclassified, |(i, _)| i);
            draft.code.category = category;
            draft.code.retryable = draft.retryable.map_or_else(
                || categories.get(category).is_some_and(|c| c.retryable),
                |(b, _)| b,
            );
        }
        self.check_names(&drafts);
        drafts.into_iter().map(|d| d.code).collect()
    }

    /// A repeated code's rows may leave category, retryable and deprecated
    /// empty, or repeat the first row's; a different value is an error.
    fn merge_editorial(&mut self, draft: &mut Draft, row: &Row) {
        let first = draft.code.primary().origin.clone();
        let first_row = format!("{}:{}", first.file, first.line);
        match (draft.category, row.category) {
            (None, Some(category)) => draft.category = Some(category),
            (Some((a, _)), Some((b, pos))) if a != b => {
                self.error(
                    row.file,
                    pos,
                    format!(
                        "`{}` is in another category in its first row, at {first_row}",
                        row.code
                    ),
"a code has one category: make its rows agree, or leave the column empty on later rows",
);
            }
            _ => {}
        }
        match (draft.retryable, row.retryable) {
            (None, Some(retryable)) => draft.retryable = Some(retryable),
            (Some((a, _)), Some((b, pos))) if a != b => {
                self.error(
                    row.file,
                    pos,
                    format!(
                        "`{}` has another `retryable` in its first row, at {first_row}",
                        row.code
                    ),
"a code is retryable or not: make its rows agree, or leave the column empty on later rows",
);
            }
            _ => {}
        }
        match (&draft.code.deprecated, &row.deprecated) {
            (None, Some(note)) => draft.code.deprecated = Some(note.clone()),
            (Some(a), Some(b)) if a != b => {
                self.error(
                    row.file,
                    row.pos,
                    format!(
                        "`{}` has another deprecation note in its first row, at {first_row}",
                        row.code
                    ),
"a code has one deprecation note: make its rows agree, or leave the column empty on later rows",
);
            }
            _ => {}
        }
    }

    /// Derived names must be unique: two codes with one Rust variant or one
    /// anchor is an error that names both rows. One prefix spelled in two
    /// cases is a warning, once per spelling.
    fn check_names(&mut self, drafts: &[Draft]) {
        let mut variants: HashMap<&str, usize> = HashMap::new();
        let mut anchors: HashMap<&str, usize> = HashMap::new();
        // Lower-cased prefix → the spellings seen, each with its first code.
        let mut prefixes: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, draft) in drafts.iter().enumerate() {
            let code = &draft.code;
            let mut clashes: Vec<(usize, String)> = Vec::new();
            let first_variant = *variants.entry(&code.rust_variant).or_insert(i);
            if first_variant != i {
                clashes.push((
                    first_variant,
                    format!("Rust variant `{}`", code.rust_variant),
                ));
            }
            let first_anchor = *anchors.entry(&code.anchor).or_insert(i);
            if first_anchor != i {
                let j = first_anchor;
                let what = format!("Markdown anchor `#{}`", code.anchor);
                match clashes.iter_mut().find(|(k, _)| *k == j) {
                    Some((_, names)) => *names += &format!(" and {what}"),
                    None => clashes.push((j, what)),
                }
            }
            for (j, names) in clashes {
                let other = &drafts[j];
                let message = format!(
                    "the codes `{}` ({}) and `{}` ({}) have the same {names}",
                    other.code.code,
                    self.row_location(other),
                    code.code,
                    self.row_location(draft),
                );
                self.error(
                    draft.file,
                    draft.pos,
                    message,
                    "derived names must be unique; is one of the two codes mistyped?",
                );
            }
            if let Some(prefix) = &code.prefix {
                let spellings = prefixes.entry(prefix.to_lowercase()).or_default();
                let known = spellings
                    .iter()
                    .any(|&j| drafts[j].code.prefix.as_deref() == Some(prefix));
                if !known {
                    spellings.push(i);
                    if let Some(&first) = spellings.first().filter(|&&j| j != i) {
                        let other = &drafts[first];
                        let other_prefix = other.code.prefix.clone().unwrap_or_default();
                        let message = format!(
                            "the prefix `{prefix}` of `{}` is spelled `{other_prefix}` in `{}` ({})",
                            code.code,
                            other.code.code,
                            self.row_location(other)
                        );
                        self.warning(
                            draft.file,
                            draft.pos,
                            message,
                            "one service's prefix is usually spelled one way; check the source page",
                        );
                    }
                }
            }
        }
    }

    /// `file:line` of a code's first row.
    fn row_location(&self, draft: &Draft) -> String {
        format!("{}:{}", self.raw.files[draft.file].display, draft.pos.line)
    }
}

/// Two rows are the same when status and texts are the same.
fn same_row(a: &Case, b: &Case) -> bool {
    a.http_status == b.http_status
        && a.error_msg == b.error_msg
        && a.description == b.description
        && a.handling_measure == b.handling_measure
}
