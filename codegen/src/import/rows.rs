//! From a page's code tables to spec rows: columns matched, statuses read
//! as numbers (a cell with several gives a row for each), heading rows and
//! the "Other" row set apart, and everything the importer cannot decide
//! flagged at its place on the page.

use std::collections::HashMap;

use super::columns::{ColumnMapping, ColumnMatch, Field, match_columns};
use super::page::{Page, Pos};
use super::report;
use super::source_table::{Cell, SourceTable};
use super::status::{self, Status};
use super::text::{is_status_class, looks_like_code};
use super::{OtherRow, Row, Table};
use crate::diagnostic::Diagnostic;

/// The rows imported so far on the page, each by its values in every spec
/// field (as gen compares rows): where it is, its table's number and cells.
type Seen<'s> = HashMap<[String; 8], (Pos, usize, &'s [Cell])>;

/// The spec tables of `sources`: those with an error-code column. A row
/// that repeats an earlier one, of its table or another, is left out.
pub fn tables(
    page: &Page,
    sources: &[&SourceTable],
    mappings: &[ColumnMapping],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Table> {
    let mut seen = Seen::new();
    sources
        .iter()
        .filter_map(|source| table(page, source, mappings, &mut seen, diagnostics))
        .collect()
}

/// Where each field of a table's rows takes its text.
struct Layout {
    fields: Vec<Field>,
    /// The column of each field (a missing message takes the description).
    sources: Vec<Option<usize>>,
    status: Option<usize>,
    code: usize,
}

impl Layout {
    fn new(columns: &ColumnMatch, code: usize) -> Self {
        let status = columns.column_of(Field::StatusCode);
        let fields: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|&f| {
                (Field::REQUIRED.contains(&f) && (f != Field::StatusCode || status.is_some()))
                    || columns.column_of(f).is_some()
            })
            .collect();
        let message_source = columns
            .column_of(Field::ErrorMsg)
            .or_else(|| columns.column_of(Field::Description));
        let sources = fields
            .iter()
            .map(|&f| match f {
                Field::ErrorMsg => message_source,
                _ => columns.column_of(f),
            })
            .collect();
        Self {
            fields,
            sources,
            status,
            code,
        }
    }

    fn index(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == field)
    }
}

/// The spec table of `source`, or `None` (and an error) if it has no code column.
fn table<'s>(
    page: &Page,
    source: &'s SourceTable,
    mappings: &[ColumnMapping],
    seen: &mut Seen<'s>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Table> {
    report::unused_mappings(page, source, mappings, diagnostics);
    let columns = match_columns(&source.header, mappings);
    let Some(code) = columns.column_of(Field::ErrorCode) else {
        diagnostics.push(report::no_code_column(page, source));
        return None;
    };
    report::columns(page, source, &columns, mappings, diagnostics);
    let layout = Layout::new(&columns, code);
    let mut table = Table {
        number: source.number,
        at: source.at,
        caption: source.title.clone(),
        heading: source.heading.clone(),
        has_status: layout.status.is_some(),
        fields: layout.fields.clone(),
        rows: Vec::new(),
        other: None,
    };
    let mut group: Option<String> = None;
    for cells in &source.rows {
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        if let Some(heading) = heading_row(cells) {
            diagnostics.push(
                page.warning(cells[0].at, format!("the row `{}` spans the table: it is a heading, not a code, and is left out", heading.replace('\n', " ")))
                    .with_hint("it names the group of the rows under it, up to the next such row: to keep it, add it to their category or description"),
            );
            group = Some(heading.to_owned());
            continue;
        }
        if is_other_row(cells, code) {
            table.other = Some(other_row(page, source, &layout, cells, diagnostics));
            continue;
        }
        let at = cells.first().map_or(source.at, |c| c.at);
        let values: Vec<String> = layout
            .sources
            .iter()
            .map(|s| {
                s.and_then(|i| cells.get(i))
                    .map_or_else(String::new, |c| c.text.clone())
            })
            .collect();
        check_code(page, &layout, &values, cells, diagnostics);
        let cases = with_statuses(page, &layout, values, cells, diagnostics);
        let split = cases.len() > 1;
        for values in cases {
            let key = Field::ALL.map(|f| {
                layout
                    .index(f)
                    .map_or_else(String::new, |i| values[i].clone())
            });
            if let Some((earlier, number, earlier_cells)) = seen.get(&key) {
                let status = layout.index(Field::StatusCode).map(|i| values[i].as_str());
                diagnostics.push(repeated_row(
                    page,
                    (source, &columns),
                    (at, status.filter(|_| split)),
                    (*earlier, *number),
                    earlier_cells,
                    cells,
                ));
                continue;
            }
            seen.insert(key, (at, source.number, cells));
            table.rows.push(Row {
                at,
                values,
                group: group.clone(),
            });
        }
    }
    if table.rows.is_empty() {
        diagnostics.push(page.warning(source.at, "the table has no rows"));
    }
    Some(table)
}

/// The text of a row that is one cell spanning the whole table (a reader
/// copies a spanning cell into each place it covers), or whose only text
/// is its first cell, and no code: a heading over the rows under it.
fn heading_row(cells: &[Cell]) -> Option<&str> {
    let (first, rest) = cells.split_first()?;
    if first.text.is_empty() || rest.is_empty() {
        return None;
    }
    let spans = rest
        .iter()
        .all(|c| c.at == first.at && c.text == first.text);
    let alone = rest.iter().all(|c| c.text.is_empty()) && !looks_like_code(&first.text);
    (spans || alone).then_some(first.text.as_str())
}

/// `Other` (or `Other:`), case aside.
fn is_other(text: &str) -> bool {
    text.trim_end_matches(['.', ':'])
        .eq_ignore_ascii_case("other")
}

/// The page's "Other" row: `Other` in the code column, or as the row's
/// first text beside a code cell that holds no code (the text for other
/// codes, as in a table whose first column is a category).
fn is_other_row(cells: &[Cell], code: usize) -> bool {
    let code_cell = cells.get(code).map_or("", |c| c.text.as_str());
    is_other(code_cell)
        || (cells
            .iter()
            .find(|c| !c.text.is_empty())
            .is_some_and(|c| is_other(&c.text))
            && !looks_like_code(code_cell))
}

/// The "Other" row: its status and its text (the first text column that
/// has some, else the first other cell that is text).
fn other_row(
    page: &Page,
    source: &SourceTable,
    layout: &Layout,
    cells: &[Cell],
    diagnostics: &mut Vec<Diagnostic>,
) -> OtherRow {
    let at = cells.first().map_or(source.at, |c| c.at);
    let text_of = |field| {
        let i = layout.index(field)?;
        layout.sources[i]
            .and_then(|c| cells.get(c))
            .map(|c| c.text.clone())
    };
    let status = layout
        .status
        .and_then(|i| cells.get(i))
        .map_or_else(String::new, |c| match status::read(&c.text) {
            Status::One(status) => status.to_string(),
            _ => c.text.clone(),
        });
    let text = [Field::ErrorMsg, Field::Description, Field::HandlingMeasure]
        .into_iter()
        .filter_map(text_of)
        .find(|t| !t.is_empty())
        .or_else(|| {
            cells
                .iter()
                .enumerate()
                .find(|(i, c)| {
                    Some(*i) != layout.status
                        && !c.text.is_empty()
                        && !is_other(&c.text)
                        && status::read(&c.text) == Status::Unread
                })
                .map(|(_, c)| c.text.clone())
        })
        .unwrap_or_default();
    diagnostics.push(
        page.warning(
            at,
            "the row `Other` is not a code: it is left out of the table",
        )
        .with_hint(if layout.status.is_some() {
            "it belongs in catalog.yaml, as `other: {http_status, text}`"
        } else {
            "it belongs in catalog.yaml, as `other: {text}`"
        }),
    );
    OtherRow { at, status, text }
}

/// The row's values once per status its status cell gives: the status as
/// a number (`400 Bad Request` is 400), one row for each of several
/// statuses (flagged: the page gives one text for all of them), or the
/// cell as written (flagged) if it is no status the importer reads.
fn with_statuses(
    page: &Page,
    layout: &Layout,
    values: Vec<String>,
    cells: &[Cell],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Vec<String>> {
    let (Some(column), Some(index)) = (layout.status, layout.index(Field::StatusCode)) else {
        return vec![values];
    };
    let at = cells.get(column).map_or(Pos::FILE, |c| c.at);
    let code = layout
        .index(Field::ErrorCode)
        .map_or("", |i| values[i].as_str());
    let written = values[index].as_str();
    let statuses = match status::read(written) {
        Status::One(status) => vec![status],
        Status::Several(statuses) => {
            let listed: Vec<String> = statuses.iter().map(u16::to_string).collect();
            diagnostics.push(
                page.warning(at, format!(
                    "the row of `{code}` gives several statuses, `{}`: imported as {} rows, one per status ({}), cases of one code",
                    written.replace('\n', " "),
                    statuses.len(),
                    listed.join(", ")
                ))
                .with_hint("the page gives one text for all of them: add to each row's description when the API returns its status"),
            );
            statuses
        }
        Status::Unread => {
            flag_status(page, at, code, written, diagnostics);
            return vec![values];
        }
    };
    statuses
        .into_iter()
        .map(|status| {
            let mut values = values.clone();
            values[index] = status.to_string();
            values
        })
        .collect()
}

/// A status cell that is no status the importer reads: gen will refuse it.
fn flag_status(page: &Page, at: Pos, code: &str, status: &str, diagnostics: &mut Vec<Diagnostic>) {
    let diagnostic = if is_status_class(status) {
        page.warning(at, format!("the status of `{code}` is a class, `{status}`, not one status"))
            .with_hint(format!("gen needs one status: write the one the API returns (e.g. {}00) and keep `{status}` in the description", &status[..1]))
    } else {
        page.warning(
            at,
            format!(
                "the status of `{code}` is `{}`, not an HTTP status",
                status.replace('\n', " ")
            ),
        )
        .with_hint("gen needs a status from 100 to 599: correct it in the table it writes")
    };
    diagnostics.push(diagnostic);
}

/// Flags a code that gen could not take as it is.
fn check_code(
    page: &Page,
    layout: &Layout,
    values: &[String],
    cells: &[Cell],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let code = layout
        .index(Field::ErrorCode)
        .map_or("", |i| values[i].as_str());
    if !looks_like_code(code) {
        let at = cells.get(layout.code).map_or(Pos::FILE, |c| c.at);
        diagnostics.push(
            page.warning(
                at,
                format!("`{}` does not look like an error code (one word, at most 64 characters)", code.replace('\n', " ")),
            )
            .with_hint("if the columns are not what the headers say, map them with --column 'Header=field'"),
        );
    }
}

/// A row whose imported values repeat an earlier row's is left out (gen
/// would refuse it); on a page they may differ in a column left out. `case`
/// is the status of a row made of a cell of several statuses.
fn repeated_row(
    page: &Page,
    (source, columns): (&SourceTable, &ColumnMatch),
    (at, case): (Pos, Option<&str>),
    (earlier, earlier_table): (Pos, usize),
    earlier_cells: &[Cell],
    cells: &[Cell],
) -> Diagnostic {
    let how = if earlier_table == source.number {
        let differing: Vec<String> = columns
            .unknown
            .iter()
            .chain(&columns.repeated)
            .filter(|&&i| earlier_cells.get(i).map(|c| &c.text) != cells.get(i).map(|c| &c.text))
            .map(|&i| format!("`{}`", source.header[i].text))
            .collect();
        if differing.is_empty() {
            "the same in every column".to_owned()
        } else {
            format!(
                "they differ only in the column left out, {}",
                differing.join(", ")
            )
        }
    } else {
        format!("of table {earlier_table}, the same in every spec column")
    };
    let what = case.map_or_else(
        || "this row".to_owned(),
        |status| format!("the {status} case of this row"),
    );
    page.warning(
        at,
        format!(
            "{what} repeats the row at line {} ({how}): it is left out",
            earlier.line
        ),
    )
    .with_hint("a spec holds each row once; to keep the difference, map the column with --column 'Header=FIELD'")
}
