//! The text of a rendered page, copied from a browser (the seed's
//! `error-codes-page.txt`): paragraphs separated by blank lines, the
//! table's header a paragraph per column, then every cell a paragraph.
//!
//! Rows are found by their status and code: a row starts where a status
//! paragraph (`400`, `5XX`) and a code paragraph (`AIS.0012`) stand in the
//! places of the status and code columns. A row with more paragraphs than
//! cells cannot be split with certainty: when the page repeats its message
//! in the description (as the seed does on every row), the one split that
//! repeats it is taken; otherwise the extra paragraphs go to the last text
//! column. Both are flagged.

use super::columns::{ColumnMapping, Field, field_of_mapped_header, match_columns};
use super::page::{Page, Pos};
use super::source_table::{Cell, SourceTable};
use super::status::{self, Status};
use super::text::{is_status_class, join_wrapped, looks_like_code};
use crate::diagnostic::Diagnostic;

/// Splits with more candidates than this are not searched for a repetition.
const MAX_SPLITS: usize = 10_000;

pub fn tables(
    page: &Page,
    mappings: &[ColumnMapping],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceTable> {
    let paragraphs = paragraphs(page);
    let Some((header_start, width)) = find_header(&paragraphs, mappings) else {
        return Vec::new();
    };
    let header: Vec<Cell> = paragraphs[header_start..header_start + width].to_vec();
    let columns = match_columns(&header, mappings);
    let (Some(status), Some(code)) = (
        columns.column_of(Field::StatusCode),
        columns.column_of(Field::ErrorCode),
    ) else {
        return Vec::new();
    };
    let body = &paragraphs[header_start + width..];
    let starts = row_starts(body, status, code);
    if starts.first() != Some(&0) {
        if let Some(first) = body.first() {
            diagnostics.push(
                page.warning(first.at, "the text after the table's header does not start with a row (a status, then a code): it is left out")
                    .with_hint("a row starts with a paragraph per cell: the status (e.g. 400), the code, then the texts"),
            );
        }
    }
    let text_columns: Vec<usize> = (0..width).filter(|&i| i != status && i != code).collect();
    let message = columns.column_of(Field::ErrorMsg);
    let description = columns.column_of(Field::Description);
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([body.len()]).collect();
    let row_paragraphs: Vec<&[Cell]> = starts
        .iter()
        .zip(&ends)
        .map(|(&s, &e)| &body[s..e])
        .collect();
    // Whether every row that fits its cells repeats its message in the description.
    let repeats = match (message, description) {
        (Some(m), Some(d)) => {
            let fitting: Vec<&&[Cell]> =
                row_paragraphs.iter().filter(|p| p.len() == width).collect();
            !fitting.is_empty() && fitting.iter().all(|p| p[m].text == p[d].text)
        }
        _ => false,
    };
    let mut rows = Vec::new();
    for paragraphs in row_paragraphs {
        let sizes = if paragraphs.len() > width {
            let split = split_row(
                paragraphs,
                &text_columns,
                width,
                repeats.then_some((message, description)),
            );
            diagnostics.push(flag_split(page, paragraphs, &header, &split, code));
            split.sizes
        } else {
            if paragraphs.len() < width && !paragraphs[code].text.eq_ignore_ascii_case("other") {
                diagnostics.push(page.warning(
                    paragraphs[0].at,
                    format!(
                        "the row of `{}` has {} paragraphs for {width} cells: the last {} are left empty",
                        paragraphs[code].text,
                        paragraphs.len(),
                        width - paragraphs.len()
                    ),
                ));
            }
            vec![1; width]
        };
        rows.push(cells_of(paragraphs, &sizes, width));
    }
    let mut grid = vec![header];
    grid.extend(rows);
    vec![SourceTable::from_grid(
        paragraphs[header_start].at,
        None,
        grid,
        1,
    )]
}

/// The page's paragraphs: runs of non-blank lines, wraps joined.
fn paragraphs(page: &Page) -> Vec<Cell> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut at = Pos::default();
    for (i, line) in page.lines().into_iter().enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(Cell::new(join_wrapped(current.drain(..)), at));
            }
            continue;
        }
        if current.is_empty() {
            let column = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
            at = Pos::new(i + 1, column);
        }
        current.push(line);
    }
    if !current.is_empty() {
        paragraphs.push(Cell::new(join_wrapped(current), at));
    }
    paragraphs
}

/// The first run of at least two paragraphs that are all headers, name
/// both a status and a code column, and no field twice (a title such as
/// "Error Codes" just before the header is not one of its columns): its
/// start and length.
fn find_header(paragraphs: &[Cell], mappings: &[ColumnMapping]) -> Option<(usize, usize)> {
    let is_header = |c: &Cell| field_of_mapped_header(&c.text, mappings).is_some();
    (0..paragraphs.len()).find_map(|i| {
        let run = paragraphs[i..].iter().take_while(|c| is_header(c)).count();
        let columns = match_columns(&paragraphs[i..i + run], mappings);
        (run >= 2
            && columns.repeated.is_empty()
            && columns.column_of(Field::StatusCode).is_some()
            && columns.column_of(Field::ErrorCode).is_some())
        .then_some((i, run))
    })
}

/// Where rows start in the body: status and code in their columns' places,
/// each row at least long enough to hold both.
fn row_starts(body: &[Cell], status: usize, code: usize) -> Vec<usize> {
    let is_start = |i: usize| {
        body.get(i + status)
            .is_some_and(|c| status::read(&c.text) != Status::Unread || is_status_class(&c.text))
            && body.get(i + code).is_some_and(|c| looks_like_code(&c.text))
    };
    let min_len = status.max(code) + 1;
    let mut starts = Vec::new();
    let mut i = 0;
    while i < body.len() {
        if is_start(i) {
            starts.push(i);
            i += min_len;
        } else {
            i += 1;
        }
    }
    starts
}

/// How a row's paragraphs were split among its cells.
struct Split {
    /// Paragraphs per cell.
    sizes: Vec<usize>,
    /// Whether the split is the one where message and description repeat each other.
    by_repetition: bool,
}

/// Splits a row with more paragraphs than cells. `repetition` is the
/// message and description columns when the page repeats one in the other.
fn split_row(
    paragraphs: &[Cell],
    text_columns: &[usize],
    width: usize,
    repetition: Option<(Option<usize>, Option<usize>)>,
) -> Split {
    let extra = paragraphs.len() - width;
    let mut fallback = vec![1; width];
    if let Some(&last) = text_columns.last() {
        fallback[last] += extra;
    }
    let Some((Some(message), Some(description))) = repetition else {
        return Split {
            sizes: fallback,
            by_repetition: false,
        };
    };
    if splits_count(extra, text_columns.len()) > MAX_SPLITS {
        return Split {
            sizes: fallback,
            by_repetition: false,
        };
    }
    let mut repeating = Vec::new();
    for_each_split(extra, text_columns.len(), &mut Vec::new(), &mut |extras| {
        let mut sizes = vec![1; width];
        for (column, more) in text_columns.iter().zip(extras) {
            sizes[*column] += more;
        }
        let cells = cells_of(paragraphs, &sizes, width);
        if cells[message].text == cells[description].text {
            repeating.push(sizes);
        }
    });
    match repeating.as_slice() {
        [one] => Split {
            sizes: one.clone(),
            by_repetition: true,
        },
        _ => Split {
            sizes: fallback,
            by_repetition: false,
        },
    }
}

/// How many ways there are to share `extra` paragraphs among `columns`
/// (C(extra + columns - 1, columns - 1)), saturating.
fn splits_count(extra: usize, columns: usize) -> usize {
    let mut count: usize = 1;
    for k in 1..columns {
        count = count.saturating_mul(extra + k) / k;
    }
    count
}

/// Calls `f` with every way to share `extra` paragraphs among `columns`.
fn for_each_split(
    extra: usize,
    columns: usize,
    prefix: &mut Vec<usize>,
    f: &mut dyn FnMut(&[usize]),
) {
    if prefix.len() + 1 == columns {
        prefix.push(extra);
        f(prefix);
        prefix.pop();
        return;
    }
    if columns == 0 {
        return;
    }
    for here in 0..=extra {
        prefix.push(here);
        for_each_split(extra - here, columns, prefix, f);
        prefix.pop();
    }
}

/// The row's cells: each takes its number of paragraphs, one per line.
fn cells_of(paragraphs: &[Cell], sizes: &[usize], width: usize) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(width);
    let mut next = 0;
    for &size in sizes {
        let taken = &paragraphs[next.min(paragraphs.len())..(next + size).min(paragraphs.len())];
        let at = taken
            .first()
            .or(paragraphs.last())
            .map_or(Pos::default(), |c| c.at);
        let text: Vec<&str> = taken.iter().map(|c| c.text.as_str()).collect();
        cells.push(Cell::new(text.join("\n"), at));
        next += size;
    }
    cells
}

fn flag_split(
    page: &Page,
    paragraphs: &[Cell],
    header: &[Cell],
    split: &Split,
    code: usize,
) -> Diagnostic {
    let shares: Vec<String> = split
        .sizes
        .iter()
        .zip(header)
        .filter(|(size, _)| **size > 1)
        .map(|(size, cell)| format!("{size} to `{}`", cell.text))
        .collect();
    let code = paragraphs.get(code).map_or("", |c| c.text.as_str());
    let why = if split.by_repetition {
        "the only split in which the message and the description repeat each other, as on every other row of the page"
    } else {
        "a guess: the extra paragraphs go to the last text column"
    };
    page.warning(
        paragraphs[0].at,
        format!(
            "the row of `{code}` has {} paragraphs for {} cells and cannot be split with certainty: split as {} ({why})",
            paragraphs.len(),
            header.len(),
            shares.join(", ")
        ),
    )
    .with_hint("check this row against the page, and correct the table the importer writes if the split is wrong")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<SourceTable>, Vec<Diagnostic>) {
        let page = Page::new("page.txt", text);
        let mut diagnostics = Vec::new();
        let tables = tables(&page, &[], &mut diagnostics);
        (tables, diagnostics)
    }

    fn texts(row: &[Cell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    const HEADER: &str = "Intro text.\n\nStatus Code\n\nError Code\n\nDescription\n\nDescription\n\nHandling Measure\n\n";

    #[test]
    fn rows_start_at_a_status_and_a_code() {
        let text = format!(
            "{HEADER}400\n\nA.1\n\nBad.\n\nBad.\n\nFix.\n\n5XX\n\nA.2\n\nDown.\n\nDown.\n\nWait.\n"
        );
        let (tables, diagnostics) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let t = &tables[0];
        assert_eq!(t.header.len(), 5);
        assert_eq!(t.at, Pos::new(3, 1));
        assert_eq!(texts(&t.rows[1]), ["5XX", "A.2", "Down.", "Down.", "Wait."]);
        assert_eq!(t.rows[1][0].at, Pos::new(23, 1));
    }

    #[test]
    fn a_row_with_more_paragraphs_is_split_where_the_message_repeats() {
        let text = format!(
            "{HEADER}400\n\nA.1\n\nBad.\n\nBad.\n\nFix.\n\n400\n\nA.2\n\n1. One.\n\n2. Two.\n\n1. One.\n\n2. Two.\n\na: x\n\nb: y\n\nc: z\n"
        );
        let (tables, diagnostics) = read(&text);
        assert_eq!(
            texts(&tables[0].rows[1]),
            [
                "400",
                "A.2",
                "1. One.\n2. Two.",
                "1. One.\n2. Two.",
                "a: x\nb: y\nc: z"
            ]
        );
        assert_eq!(diagnostics.len(), 1);
        let message = &diagnostics[0].message;
        assert!(message.contains("9 paragraphs for 5 cells"), "{message}");
        assert!(
            message.contains("2 to `Description`, 2 to `Description`, 3 to `Handling Measure`"),
            "{message}"
        );
        assert!(message.contains("repeat each other"), "{message}");
    }

    #[test]
    fn without_a_repetition_the_split_is_a_flagged_guess() {
        let text = "Status Code\n\nError Code\n\nError Message\n\nSolution\n\n400\n\nA.1\n\nBad.\n\nFix.\n\nMore.\n";
        let (tables, diagnostics) = read(text);
        assert_eq!(
            texts(&tables[0].rows[0]),
            ["400", "A.1", "Bad.", "Fix.\nMore."]
        );
        assert!(
            diagnostics[0].message.contains("a guess"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn a_short_row_is_flagged_unless_it_is_the_other_row() {
        let text = format!(
            "{HEADER}400\n\nA.1\n\nBad.\n\n400\n\nOther\n\nIf other codes are displayed, contact support.\n"
        );
        let (tables, diagnostics) = read(&text);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("the last 2 are left empty"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn splits_are_counted_without_listing_them() {
        assert_eq!(splits_count(4, 3), 15);
        assert_eq!(splits_count(0, 3), 1);
        assert_eq!(splits_count(7, 1), 1);
        assert!(splits_count(1_000_000, 50) > MAX_SPLITS);
    }

    #[test]
    fn no_header_no_table() {
        assert!(read("Just text.\n\nMore text.\n").0.is_empty());
    }
}
