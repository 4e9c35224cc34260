//! What the importer says about a table's columns: a `--column` that names
//! no column, columns left out, columns read by inference, and the fields
//! the table has no column for.

use super::columns::{ColumnMapping, ColumnMatch, Field, match_columns, names_header};
use super::page::Page;
use super::source_table::SourceTable;
use crate::diagnostic::Diagnostic;

/// Every mapping of `--column` must name a column of the table.
pub fn unused_mappings(
    page: &Page,
    source: &SourceTable,
    mappings: &[ColumnMapping],
    diagnostics: &mut Vec<Diagnostic>,
) {
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
}

/// The error for a table without an error-code column.
pub fn no_code_column(page: &Page, source: &SourceTable) -> Diagnostic {
    page.error(
        source.at,
        format!("table {} has no error-code column", source.number),
    )
    .with_hint(format!(
        "its columns are: {}; name the error-code column with --column 'Header={}'",
        header_list(source),
        Field::ErrorCode.name()
    ))
}

/// Columns left out or read by inference, and the fields without a column.
pub fn columns(
    page: &Page,
    source: &SourceTable,
    columns: &ColumnMatch,
    mappings: &[ColumnMapping],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let header = |i: usize| &source.header[i];
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
    for &i in &columns.inferred {
        let name = columns.fields[i].map_or("?", Field::name);
        diagnostics.push(
            page.warning(
                header(i).at,
                format!("column {} `{}` is read as {name}", i + 1, header(i).text),
            )
            .with_hint(format!(
                "if it holds something else, map it: --column '{}=FIELD'",
                header(i).text
            )),
        );
    }
    if columns.message_from_first_description {
        if let Some(i) = columns.column_of(Field::ErrorMsg) {
            diagnostics.push(page.warning(
                header(i).at,
                format!("the table has two `{}` columns and no message column: the first (column {}) is taken as error_msg, the second as description", header(i).text, i + 1),
            ));
        }
    }
    if columns.column_of(Field::StatusCode).is_none() {
        diagnostics.push(
            page.warning(
                source.at,
                format!(
                    "table {} has no status column: its rows are written without status_code",
                    source.number
                ),
            )
            .with_hint(format!(
                "the catalog then says that its codes carry no HTTP status (`http_status: none`) or gives one for all (`default_http_status: N`); if a column holds the status, map it: --column 'Header={}'",
                Field::StatusCode.name()
            )),
        );
    }
    missing_texts(page, source, columns, diagnostics);
}

fn missing_texts(
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
