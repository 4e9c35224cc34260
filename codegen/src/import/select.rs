//! Which tables of the page are imported: the one `--table N` names, else
//! every table with an error-code column (a page's tables of parameters or
//! of examples are not). A page with no such table is an error that lists
//! its tables.

use super::Options;
use super::columns::has_code_column;
use super::page::{Page, Pos};
use super::source_table::SourceTable;
use crate::diagnostic::{Diagnostic, plural};

/// The tables to import, in page order; none (and an error) if there is no
/// table to import.
pub fn code_tables<'t>(
    page: &Page,
    tables: &'t [SourceTable],
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<&'t SourceTable> {
    if tables.is_empty() {
        if !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.push(
                page.error(Pos::FILE, "no table found on the page")
                    .with_hint(
                        "the importer reads reStructuredText grid, simple and list tables, Markdown pipe tables, HTML tables, and the text copied from a rendered page (a header paragraph per column, then a paragraph per cell)",
                    ),
            );
        }
        return Vec::new();
    }
    if let Some(n) = options.table {
        return match n.checked_sub(1).and_then(|i| tables.get(i)) {
            Some(table) => vec![table],
            None => {
                diagnostics.push(
                    page.error(
                        Pos::FILE,
                        format!(
                            "there is no table {n}: the page has {}",
                            plural(tables.len(), "table")
                        ),
                    )
                    .with_hint(list_tables(tables)),
                );
                Vec::new()
            }
        };
    }
    let candidates: Vec<&SourceTable> = tables
        .iter()
        .filter(|t| has_code_column(&t.header, &options.columns))
        .collect();
    match (candidates.is_empty(), tables) {
        (false, _) => candidates,
        // The page's one table: its rows say what is missing.
        (true, [only]) => vec![only],
        (true, _) => {
            diagnostics.push(
                page.error(
                    tables[0].at,
                    format!(
                        "none of the page's {} has an error-code column",
                        plural(tables.len(), "table")
                    ),
                )
                .with_hint(format!(
                    "{}; choose one with --table N and name its code column with --column 'Header=error_code'",
                    list_tables(tables)
                )),
            );
            Vec::new()
        }
    }
}

/// One line per table: its number, place, title, headers and row count.
fn list_tables(tables: &[SourceTable]) -> String {
    tables
        .iter()
        .map(|t| {
            let headers: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
            let title = t
                .title
                .as_ref()
                .map_or_else(String::new, |title| format!(" \"{title}\""));
            let rows = plural(t.rows.len(), "row");
            format!(
                "table {} (line {}){title}: {}; {rows}",
                t.number,
                t.at.line,
                headers.join(" | ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
