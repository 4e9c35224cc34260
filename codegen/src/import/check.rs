//! The checker: an imported page against a spec's rows, row by row in
//! table order (repeated codes included), for `cargo xtask import --check`.
//!
//! The page's tables are compared in page order, as one run of rows (a
//! spec's table files in their order). Rows are aligned by their code and
//! texts (a Myers diff, `similar`); within a run of differing rows, rows
//! with the same code pair up as "changed", the others are "added" on the
//! page or "removed" from it. The status is compared after alignment, as
//! the importer reads it (`400 Bad Request` is 400, and a cell of several
//! statuses is a row for each); a page's status class (`5XX`) matches any
//! status of its class, and a table without a status column matches any.
//! The page's "Other" row, if it has one, is compared with `other` in
//! `catalog.yaml`.

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::text::status_in_class;
use super::{Field, Pos, Table};
use crate::model::Catalog;

/// One row of the spec, as compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecRow {
    /// Where the row is: `spec/error-codes.csv:12`.
    pub origin: String,
    /// status, code, message, description, measure.
    pub values: [String; 5],
}

/// The spec's rows in table order (table files in order, rows by line).
#[must_use]
pub fn spec_rows(catalog: &Catalog) -> Vec<SpecRow> {
    let mut files: Vec<&str> = Vec::new();
    let mut rows: Vec<(usize, usize, SpecRow)> = Vec::new();
    for code in &catalog.codes {
        for case in &code.cases {
            let file = &case.origin.file;
            let index = files.iter().position(|f| f == file).unwrap_or_else(|| {
                files.push(file);
                files.len() - 1
            });
            let shown = catalog
                .meta
                .spec_files
                .iter()
                .find(|f| f.ends_with(file.as_str()))
                .map_or(file.as_str(), String::as_str);
            rows.push((
                index,
                case.origin.line,
                SpecRow {
                    origin: format!("{shown}:{}", case.origin.line),
                    values: [
                        case.http_status.map(|s| s.to_string()).unwrap_or_default(),
                        code.code.clone(),
                        case.error_msg.clone(),
                        case.description.clone(),
                        case.handling_measure.clone(),
                    ],
                },
            ));
        }
    }
    rows.sort_by_key(|(file, line, _)| (*file, *line));
    rows.into_iter().map(|(_, _, row)| row).collect()
}

/// A difference between the page and the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// A row of the page whose code is in the spec's row at the same place,
    /// with other values: (field, spec's value, page's value).
    Changed {
        at: Pos,
        spec: String,
        code: String,
        fields: Vec<(Field, String, String)>,
    },
    /// A row of the page that the spec does not have.
    Added { at: Pos, values: [String; 5] },
    /// A row of the spec that the page no longer has.
    Removed { spec: String, values: [String; 5] },
    /// The page's "Other" row differs from `other` in `catalog.yaml`.
    Other {
        at: Pos,
        spec: (String, String),
        page: (String, String),
    },
}

/// One row of the page, as compared.
struct PageRow {
    at: Pos,
    /// status, code, message, description, measure (status empty if its
    /// table has no status column).
    values: [String; 5],
    /// Whether its table has a status column: if not, the status is not compared.
    has_status: bool,
}

/// Every difference between the page's tables (in page order, as one run
/// of rows, the order of a spec's table files) and the spec.
#[must_use]
pub fn compare(tables: &[Table], spec: &[SpecRow], catalog: &Catalog) -> Vec<Difference> {
    let page: Vec<PageRow> = tables
        .iter()
        .flat_map(|table| {
            table.rows.iter().map(|row| PageRow {
                at: row.at,
                values: Field::REQUIRED.map(|f| row.get(table, f).to_owned()),
                has_status: table.has_status,
            })
        })
        .collect();
    let key = |values: &[String; 5]| {
        [
            values[1].clone(),
            values[2].clone(),
            values[3].clone(),
            values[4].clone(),
        ]
    };
    let old: Vec<[String; 4]> = spec.iter().map(|r| key(&r.values)).collect();
    let new: Vec<[String; 4]> = page.iter().map(|r| key(&r.values)).collect();
    let mut differences = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal | DiffTag::Replace => {
                let mut unpaired: Vec<usize> = new_range.clone().collect();
                for s in old_range {
                    let code = &spec[s].values[1];
                    match unpaired.iter().position(|&p| page[p].values[1] == *code) {
                        Some(k) => {
                            let p = unpaired.remove(k);
                            if let Some(d) = changed(&spec[s], &page[p]) {
                                differences.push(d);
                            }
                        }
                        None => differences.push(removed(&spec[s])),
                    }
                }
                differences.extend(unpaired.into_iter().map(|p| added(&page[p])));
            }
            DiffTag::Delete => differences.extend(old_range.map(|s| removed(&spec[s]))),
            DiffTag::Insert => differences.extend(new_range.map(|p| added(&page[p]))),
        }
    }
    if let Some((other, has_status)) = tables
        .iter()
        .find_map(|t| t.other.as_ref().map(|other| (other, t.has_status)))
    {
        let spec_status = catalog
            .meta
            .other
            .http_status
            .map_or_else(String::new, |s| s.to_string());
        let status_differs = has_status && !status_matches(&spec_status, &other.status);
        if status_differs || other.text != catalog.meta.other.text {
            differences.push(Difference::Other {
                at: other.at,
                spec: (spec_status, catalog.meta.other.text.clone()),
                page: (other.status.clone(), other.text.clone()),
            });
        }
    }
    differences
}

fn status_matches(spec: &str, page: &str) -> bool {
    spec == page || status_in_class(spec, page)
}

fn changed(spec: &SpecRow, page: &PageRow) -> Option<Difference> {
    let fields: Vec<(Field, String, String)> = Field::REQUIRED
        .iter()
        .zip(spec.values.iter().zip(&page.values))
        .filter(|(field, (s, p))| {
            if **field == Field::StatusCode {
                page.has_status && !status_matches(s, p)
            } else {
                s != p
            }
        })
        .map(|(field, (s, p))| (*field, s.clone(), p.clone()))
        .collect();
    (!fields.is_empty()).then(|| Difference::Changed {
        at: page.at,
        spec: spec.origin.clone(),
        code: page.values[1].clone(),
        fields,
    })
}

fn added(page: &PageRow) -> Difference {
    Difference::Added {
        at: page.at,
        values: page.values.clone(),
    }
}

fn removed(spec: &SpecRow) -> Difference {
    Difference::Removed {
        spec: spec.origin.clone(),
        values: spec.values.clone(),
    }
}

/// The differences as a readable diff: each with its place on the page
/// (or in the spec), `-` for the spec's text and `+` for the page's.
#[must_use]
pub fn render(page: &str, differences: &[Difference]) -> String {
    let mut out = String::new();
    let (mut changed, mut added, mut removed) = (0, 0, 0);
    for difference in differences {
        match difference {
            Difference::Changed {
                at,
                spec,
                code,
                fields,
            } => {
                changed += 1;
                out.push_str(&format!(
                    "{page}:{}:{}: row `{code}` changed on the page (spec: {spec})\n",
                    at.line, at.column
                ));
                for (field, old, new) in fields {
                    out.push_str(&format!("  {}:\n", field.name()));
                    push_lines(&mut out, "  - ", old);
                    push_lines(&mut out, "  + ", new);
                }
            }
            Difference::Added { at, values } => {
                added += 1;
                out.push_str(&format!(
                    "{page}:{}:{}: row `{}` added on the page\n",
                    at.line, at.column, values[1]
                ));
                push_row(&mut out, "  + ", values);
            }
            Difference::Removed { spec, values } => {
                removed += 1;
                out.push_str(&format!(
                    "{spec}: row `{}` removed from the page\n",
                    values[1]
                ));
                push_row(&mut out, "  - ", values);
            }
            Difference::Other {
                at,
                spec,
                page: now,
            } => {
                changed += 1;
                out.push_str(&format!("{page}:{}:{}: the row `Other` changed on the page (spec: catalog.yaml `other`)\n", at.line, at.column));
                push_lines(&mut out, "  - ", &format!("{} {}", spec.0, spec.1));
                push_lines(&mut out, "  + ", &format!("{} {}", now.0, now.1));
            }
        }
    }
    out.push_str(&format!(
        "the page and the spec differ: {changed} changed, {added} added, {removed} removed\n"
    ));
    out
}

fn push_lines(out: &mut String, prefix: &str, text: &str) {
    if text.is_empty() {
        out.push_str(prefix.trim_end());
        out.push_str(" (empty)\n");
    }
    for line in text.lines() {
        out.push_str(prefix);
        out.push_str(&crate::diagnostic::visible(line));
        out.push('\n');
    }
}

/// A row, one field a line (`+ error_msg: text`), a text's further lines
/// aligned under its first.
fn push_row(out: &mut String, prefix: &str, values: &[String; 5]) {
    for (field, value) in Field::REQUIRED.iter().zip(values) {
        let label = format!("{}: ", field.name());
        for (i, line) in value.split('\n').enumerate() {
            let head = if i == 0 {
                label.clone()
            } else {
                " ".repeat(label.len())
            };
            out.push_str(
                &format!("{prefix}{head}{}\n", crate::diagnostic::visible(line))
                    .replace(": \n", ":\n"),
            );
        }
    }
}
