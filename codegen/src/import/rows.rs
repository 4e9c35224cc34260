//! From a page's table to spec rows: columns matched, and everything the
//! importer cannot decide flagged at its place on the page.

use std::collections::HashMap;

use super::columns::{ColumnMapping, ColumnMatch, Field, match_columns, names_header};
use super::page::{Page, Pos};
use super::source_table::{Cell, SourceTable};
use super::text::{is_status, is_status_class, looks_like_code};
use super::{OtherRow, Row, Table};
use crate::diagnostic::Diagnostic;

/// The spec table of `source`, or `None` if it has no code or status column.
pub fn table(
    page: &Page,
    source: &SourceTable,
    mappings: &[ColumnMapping],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let columns = match_columns(&source.header, mappings);
    report_columns(page, source, &columns, mappings, diagnostics);
    let status = columns.column_of(Field::StatusCode);
    let code = columns.column_of(Field::ErrorCode);
    let (Some(_), Some(code)) = (status, code) else {
        return None;
    };
    let fields: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| Field::REQUIRED.contains(f) || columns.column_of(*f).is_some())
        .collect();
    // Where each field's text comes from; a missing message takes the description.
    let message_source = columns
        .column_of(Field::ErrorMsg)
        .or_else(|| columns.column_of(Field::Description));
    let sources: Vec<Option<usize>> = fields
        .iter()
        .map(|&f| match f {
            Field::ErrorMsg => message_source,
            _ => columns.column_of(f),
        })
        .collect();
    let mut table = Table {
        fields: fields.clone(),
        rows: Vec::new(),
        other: None,
    };
    // Each row's values, and where it is, to leave out a row that repeats one.
    let mut seen: HashMap<Vec<String>, (Pos, &[Cell])> = HashMap::new();
    for cells in &source.rows {
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        if cells
            .get(code)
            .is_some_and(|c| c.text.eq_ignore_ascii_case("other"))
        {
            table.other = Some(other_row(page, source, &columns, cells, diagnostics));
            continue;
        }
        let values: Vec<String> = sources
            .iter()
            .map(|s| {
                s.and_then(|i| cells.get(i))
                    .map_or_else(String::new, |c| c.text.clone())
            })
            .collect();
        let at = cells.first().map_or(source.at, |c| c.at);
        if let Some((earlier, earlier_cells)) = seen.get(&values) {
            diagnostics.push(repeated_row(
                page,
                source,
                &columns,
                at,
                *earlier,
                earlier_cells,
                cells,
            ));
            continue;
        }
        seen.insert(values.clone(), (at, cells));
        check_row(page, &fields, &values, cells, &sources, diagnostics);
        table.rows.push(Row { at, values });
    }
    if table.rows.is_empty() {
        diagnostics.push(page.warning(source.at, "the table has no rows"));
    }
    Some(table)
}

/// Unknown and repeated columns, a missing message, description or measure,
/// and a missing code or status column (an error).
fn report_columns(
    page: &Page,
    source: &SourceTable,
    columns: &ColumnMatch,
    mappings: &[ColumnMapping],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let header = |i: usize| &source.header[i];
    for mapping in mappings {
        let used = source
            .header
            .iter()
            .any(|cell| names_header(mapping, &cell.text));
        if !used {
            diagnostics.push(
                page.error(
                    source.at,
                    format!(
                        "`--column {}={}`: table {} has no column `{}`",
                        mapping.header,
                        mapping.field.name(),
                        source.number,
                        mapping.header
                    ),
                )
                .with_hint(format!("its columns are: {}", header_list(source))),
            );
        }
    }
    for &i in &columns.unknown {
        diagnostics.push(
            page.warning(
                header(i).at,
                format!(
                    "column {} `{}` is not a spec column: left out",
                    i + 1,
                    header(i).text
                ),
            )
            .with_hint(format!(
                "to keep it, map it: --column '{}=FIELD'",
                header(i).text
            )),
        );
    }
    for &i in &columns.repeated {
        let field = match_columns(std::slice::from_ref(header(i)), mappings).fields[0];
        let name = field.map_or("?", Field::name);
        diagnostics.push(page.warning(
            header(i).at,
            format!(
                "column {} `{}` is a second `{name}` column: left out (the first one is used)",
                i + 1,
                header(i).text
            ),
        ));
    }
    if columns.message_from_first_description {
        if let Some(i) = columns.column_of(Field::ErrorMsg) {
            diagnostics.push(page.warning(
                header(i).at,
                format!("the table has two `{}` columns and no message column: the first (column {}) is taken as error_msg, the second as description", header(i).text, i + 1),
            ));
        }
    }
    for (field, what) in [
        (Field::StatusCode, "status"),
        (Field::ErrorCode, "error-code"),
    ] {
        if columns.column_of(field).is_none() {
            diagnostics.push(
                page.error(
                    source.at,
                    format!("table {} has no {what} column", source.number),
                )
                .with_hint(format!(
                    "its columns are: {}; name the {what} column with --column 'Header={}'",
                    header_list(source),
                    field.name()
                )),
            );
        }
    }
    report_missing_texts(page, source, columns, diagnostics);
}

fn report_missing_texts(
    page: &Page,
    source: &SourceTable,
    columns: &ColumnMatch,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let description = columns.column_of(Field::Description);
    if columns.column_of(Field::ErrorMsg).is_none() {
        let message = match description {
            Some(i) => format!(
                "table {} has no message column: error_msg is filled with the description (column {} `{}`)",
                source.number,
                i + 1,
                source.header[i].text
            ),
            None => format!(
                "table {} has no message column: error_msg is left empty",
                source.number
            ),
        };
        diagnostics.push(
            page.warning(source.at, message).with_hint(
                "if another column holds the message, map it: --column 'Header=error_msg'",
            ),
        );
    }
    for (field, what) in [
        (Field::Description, "description"),
        (Field::HandlingMeasure, "handling-measure"),
    ] {
        if columns.column_of(field).is_none() {
            diagnostics.push(page.warning(
                source.at,
                format!(
                    "table {} has no {what} column: {} is left empty",
                    source.number,
                    field.name()
                ),
            ));
        }
    }
}

fn header_list(source: &SourceTable) -> String {
    source
        .header
        .iter()
        .map(|c| format!("`{}`", c.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The "Other" row: its status and its text (the first text column that has some).
fn other_row(
    page: &Page,
    source: &SourceTable,
    columns: &ColumnMatch,
    cells: &[Cell],
    diagnostics: &mut Vec<Diagnostic>,
) -> OtherRow {
    let at = cells.first().map_or(source.at, |c| c.at);
    let text_of = |field| {
        columns
            .column_of(field)
            .and_then(|i| cells.get(i))
            .map(|c| c.text.clone())
    };
    let status = text_of(Field::StatusCode).unwrap_or_default();
    let text = [Field::ErrorMsg, Field::Description, Field::HandlingMeasure]
        .into_iter()
        .filter_map(text_of)
        .find(|t| !t.is_empty())
        .or_else(|| {
            let code = columns.column_of(Field::ErrorCode)?;
            cells
                .iter()
                .enumerate()
                .find(|(i, c)| *i != code && !c.text.is_empty() && !is_status(&c.text))
                .map(|(_, c)| c.text.clone())
        })
        .unwrap_or_default();
    diagnostics.push(
        page.warning(
            at,
            "the row `Other` is not a code: it is left out of the table",
        )
        .with_hint("it belongs in catalog.yaml, as `other: {http_status, text}`"),
    );
    OtherRow { at, status, text }
}

/// A row whose imported values repeat an earlier row's is left out (gen
/// would refuse it); on a page they may differ in a column left out.
fn repeated_row(
    page: &Page,
    source: &SourceTable,
    columns: &ColumnMatch,
    at: Pos,
    earlier: Pos,
    earlier_cells: &[Cell],
    cells: &[Cell],
) -> Diagnostic {
    let differing: Vec<String> = columns
        .unknown
        .iter()
        .chain(&columns.repeated)
        .filter(|&&i| earlier_cells.get(i).map(|c| &c.text) != cells.get(i).map(|c| &c.text))
        .map(|&i| format!("`{}`", source.header[i].text))
        .collect();
    let how = if differing.is_empty() {
        "the same in every column".to_owned()
    } else {
        format!(
            "they differ only in the column left out, {}",
            differing.join(", ")
        )
    };
    page.warning(
        at,
        format!("this row repeats the row at line {} ({how}): it is left out", earlier.line),
    )
    .with_hint("a spec holds each row once; to keep the difference, map the column with --column 'Header=FIELD'")
}

/// Flags a row's status and code when gen could not take them as they are.
fn check_row(
    page: &Page,
    fields: &[Field],
    values: &[String],
    cells: &[Cell],
    sources: &[Option<usize>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let at = |field: Field| {
        let i = fields.iter().position(|f| *f == field)?;
        sources[i].and_then(|c| cells.get(c)).map(|c| c.at)
    };
    let value = |field: Field| {
        fields
            .iter()
            .position(|f| *f == field)
            .map_or("", |i| values[i].as_str())
    };
    let code = value(Field::ErrorCode);
    let status = value(Field::StatusCode);
    let status_at = at(Field::StatusCode).unwrap_or_default();
    if is_status_class(status) {
        diagnostics.push(
            page.warning(status_at, format!("the status of `{code}` is a class, `{status}`, not one status"))
                .with_hint(format!("gen needs one status: write the one the API returns (e.g. {}00) and keep `{status}` in the description", &status[..1])),
        );
    } else if status.split(['/', ',']).count() > 1
        && status.split(['/', ',']).all(|s| is_status(s.trim()))
    {
        diagnostics.push(
            page.warning(status_at, format!("the row of `{code}` gives several statuses, `{status}`"))
                .with_hint("gen needs one status a row: write one row per status (cases of one code), or keep the one the API returns"),
        );
    } else if !is_status(status) {
        diagnostics.push(
            page.warning(
                status_at,
                format!("the status of `{code}` is `{status}`, not an HTTP status"),
            )
            .with_hint("gen needs a three-digit status: correct it in the table it writes"),
        );
    }
    if !looks_like_code(code) {
        diagnostics.push(
            page.warning(
                at(Field::ErrorCode).unwrap_or_default(),
                format!("`{}` does not look like an error code (one word, at most 64 characters)", code.replace('\n', " ")),
            )
            .with_hint("if the columns are not what the headers say, map them with --column 'Header=field'"),
        );
    }
}
