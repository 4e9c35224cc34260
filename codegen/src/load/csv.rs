//! CSV tables, read with `csv-core`, the parser of the `csv` crate.
//!
//! `csv-core` reads one field at a time and says how many bytes of the text
//! it consumed, so each cell keeps the exact place where it starts (the `csv`
//! crate's `Reader` gives only the start of a record). It accepts any input
//! ("a parse over no parse"); what RFC 4180 does not allow is reported here,
//! from each field's source text: a `"` inside an unquoted field, text after
//! a closing quote, a quoted field that is never closed, a CR that does not
//! end a line. Records end at LF only, so that a stray CR stays in its cell
//! (reported) instead of splitting the row; the CR of a CRLF is taken off
//! the field before it.

use csv_core::{ReadFieldResult, Reader, ReaderBuilder, Terminator};

use super::raw::{Quoting, RawCell, RawRow, RawSpec, RawTable};
use super::source::{Pos, Positions};

const QUOTE_HINT: &str = "a field that holds a `\"`, a `,` or a line break is written in quotes, with each `\"` in it doubled: \"say \"\"hi\"\", then go\"";

/// One field: its text, and the byte range of its source (without the `,`
/// or line end after it).
struct Field {
    value: String,
    start: usize,
    end: usize,
    quoted: bool,
}

/// The fields of a text, record by record.
struct Records<'t> {
    text: &'t str,
    reader: Reader,
    /// Byte offset of the next field.
    at: usize,
    /// Where `csv-core` writes a field's unquoted text.
    buffer: Vec<u8>,
    /// Whether `csv-core` has been given input yet.
    started: bool,
}

impl<'t> Records<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            reader: ReaderBuilder::new()
                .terminator(Terminator::Any(b'\n'))
                .build(),
            at: 0,
            buffer: vec![0; 1024],
            started: false,
        }
    }

    /// The next record's fields, or `None` at the end of the text.
    fn next_record(&mut self) -> Option<Vec<Field>> {
        let bytes = self.text.as_bytes();
        // `csv-core` skips empty lines; skipping them here keeps `at` on the
        // first field's first byte.
        while bytes.get(self.at) == Some(&b'\n') {
            self.at += 1;
        }
        let mut fields = Vec::new();
        loop {
            let start = self.at;
            let mut written = 0;
            let (record_end, separated) = loop {
                let mut input = bytes.get(self.at..).unwrap_or_default();
                if !self.started {
                    // `csv-core` drops a BOM at the start of its first input;
                    // the file's own BOM is gone already, so another is text.
                    input = input.get(..1).unwrap_or_default();
                    self.started = true;
                }
                let output = self.buffer.get_mut(written..).unwrap_or_default();
                let (result, read, wrote) = self.reader.read_field(input, output);
                self.at += read;
                written += wrote;
                match result {
                    // An empty input next tells `csv-core` that the text ends.
                    ReadFieldResult::InputEmpty => {}
                    ReadFieldResult::OutputFull => {
                        self.buffer.resize(self.buffer.len() * 2, 0);
                    }
                    // With input left, the field ended at a `,` or a line end,
                    // which `csv-core` consumed.
                    ReadFieldResult::Field { record_end } => break (record_end, !input.is_empty()),
                    ReadFieldResult::End => return None,
                }
            };
            let mut end = if separated { self.at - 1 } else { self.at };
            // The CR of a CRLF ends the line; `csv-core` kept it as text.
            if separated && record_end && end > start && bytes[end - 1] == b'\r' {
                end -= 1;
                written -= 1;
            }
            fields.push(Field {
                value: String::from_utf8_lossy(&self.buffer[..written]).into_owned(),
                start,
                end,
                quoted: bytes.get(start) == Some(&b'"') && start < end,
            });
            if record_end {
                return Some(fields);
            }
        }
    }
}

/// Where the closing quote of a quoted field's source is, if it has one:
/// the first `"` after the opening one that is not a doubled `""`.
/// (`csv-core` does not tell where a quoted field's quotes end.)
fn closing_quote(source: &str) -> Option<usize> {
    let mut from = 1;
    loop {
        let quote = from + source.get(from..)?.find('"')?;
        if source.get(quote + 1..)?.starts_with('"') {
            from = quote + 2;
        } else {
            return Some(quote);
        }
    }
}

/// A syntax problem: where, what, and the hint.
type Problem = (usize, String, &'static str);

/// The problems of text that is read as is (an unquoted field, or what
/// follows a closing quote), from byte `offset` of the file: its first `"`,
/// and every CR (one that ends a line is not part of a field).
fn unquoted_problems(text: &str, offset: usize, problems: &mut Vec<Problem>) {
    let quote = text.find('"');
    let mut stray_crs = text.match_indices('\r').map(|(i, _)| i).peekable();
    // In file order: the quote among the CRs.
    while let Some(cr) = stray_crs.next_if(|&cr| quote.is_none_or(|q| cr < q)) {
        problems.push(stray_cr(offset + cr));
    }
    if let Some(quote) = quote {
        problems.push((
            offset + quote,
            "malformed CSV: a `\"` inside a field that does not start with one".into(),
            QUOTE_HINT,
        ));
    }
    problems.extend(stray_crs.map(|cr| stray_cr(offset + cr)));
}

fn stray_cr(offset: usize) -> Problem {
    (
        offset,
        "malformed CSV: a carriage return (CR) that does not end a line".into(),
        "end lines with LF or CRLF; delete the stray CR",
    )
}

/// Checks a field's source; `false` if it is a quoted field that is never
/// closed (it took the rest of the file, so its record means nothing).
fn field_problems(text: &str, field: &mut Field, problems: &mut Vec<Problem>) -> bool {
    let source = text.get(field.start..field.end).unwrap_or_default();
    if !field.quoted {
        unquoted_problems(source, field.start, problems);
        return true;
    }
    let Some(close) = closing_quote(source) else {
        problems.push((
            field.start,
            "malformed CSV: this quoted field is never closed".into(),
            "a `\"` inside a quoted field is written `\"\"`; is one not doubled, or is the closing quote missing?",
        ));
        return false;
    };
    let after = close + 1;
    if after < source.len() {
        problems.push((
            field.start + after,
            "malformed CSV: text after the closing quote of a quoted field".into(),
            QUOTE_HINT,
        ));
        let tail = &source[after..];
        unquoted_problems(tail, field.start + after, problems);
        // Keep the closing quote in the text, as the source shows it.
        let inner = field.value.len().saturating_sub(tail.len());
        if field.value.is_char_boundary(inner) {
            field.value.insert(inner, '"');
        }
    }
    true
}

/// A table's header, rows and syntax problems.
struct Table {
    header: Option<Vec<RawCell>>,
    rows: Vec<RawRow>,
    problems: Vec<(Pos, String, &'static str)>,
}

fn read_table(text: &str) -> Table {
    let mut records = Records::new(text);
    let mut positions = Positions::new(text);
    let mut problems: Vec<Problem> = Vec::new();
    let mut header: Option<Vec<RawCell>> = None;
    let mut rows = Vec::new();
    while let Some(fields) = records.next_record() {
        let mut closed = true;
        let mut end = 0;
        let mut cells: Vec<RawCell> = Vec::with_capacity(fields.len());
        for mut field in fields {
            closed &= field_problems(text, &mut field, &mut problems);
            cells.push(RawCell {
                column: String::new(),
                pos: positions.at(field.start),
                quoting: if field.quoted {
                    Quoting::CsvQuoted
                } else {
                    Quoting::Verbatim
                },
                value: field.value,
            });
            end = field.end;
        }
        let end = positions.at(end);
        let is_blank = matches!(cells.as_slice(), [only] if only.quoting == Quoting::Verbatim && only.value.trim().is_empty());
        if is_blank || !closed {
            continue;
        }
        let Some(names) = &header else {
            for cell in &mut cells {
                cell.column.clone_from(&cell.value);
            }
            header = Some(cells);
            continue;
        };
        for (i, cell) in cells.iter_mut().enumerate() {
            cell.column = names
                .get(i)
                .map_or_else(|| (i + 1).to_string(), |h| h.value.clone());
        }
        rows.push(RawRow {
            pos: cells.first().map_or(end, |c| c.pos),
            cells,
            end,
            not_text: Vec::new(),
        });
    }
    // Problems come in file order, so one more pass places them all.
    let mut positions = Positions::new(text);
    let problems = problems
        .into_iter()
        .map(|(offset, message, hint)| (positions.at(offset), message, hint))
        .collect();
    Table {
        header,
        rows,
        problems,
    }
}

pub(super) fn parse_csv_table(spec: &mut RawSpec, file: usize) -> Option<RawTable> {
    let table = read_table(&spec.files[file].text);
    for (pos, message, hint) in table.problems {
        spec.push_error(file, pos, message, hint);
    }
    let Some(header) = table.header else {
        let pos = spec.files[file].start();
        spec.push_error(
            file,
            pos,
            "the table is empty",
            &format!(
                "a CSV table starts with a header line: {}",
                crate::validate::REQUIRED_COLUMNS.join(",")
            ),
        );
        return None;
    };
    Some(RawTable {
        file,
        pos: header.first().map_or(Pos::START, |c| c.pos),
        header: Some(header),
        rows: table.rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as (text, line, column).
    type Scanned = (String, usize, usize);

    /// Every record's fields and every problem's place, as the loader sees them.
    fn scan(text: &str) -> (Vec<Vec<Scanned>>, Vec<(usize, usize)>) {
        let mut records = Records::new(text);
        let mut positions = Positions::new(text);
        let mut problems = Vec::new();
        let mut scanned = Vec::new();
        while let Some(fields) = records.next_record() {
            let mut record = Vec::new();
            for mut field in fields {
                field_problems(text, &mut field, &mut problems);
                let pos = positions.at(field.start);
                record.push((field.value, pos.line, pos.column));
            }
            scanned.push(record);
        }
        let mut positions = Positions::new(text);
        let problems = problems
            .into_iter()
            .map(|(offset, _, _)| {
                let pos = positions.at(offset);
                (pos.line, pos.column)
            })
            .collect();
        (scanned, problems)
    }

    fn owned(fields: &[(&str, usize, usize)]) -> Vec<Scanned> {
        fields
            .iter()
            .map(|&(v, l, c)| (v.to_owned(), l, c))
            .collect()
    }

    #[test]
    fn fields_keep_their_positions() {
        let (records, problems) = scan("a,bc,\"d,e\"\r\n\"x\ny\",\"q\"\"\",\nlast");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            records,
            [
                owned(&[("a", 1, 1), ("bc", 1, 3), ("d,e", 1, 6)]),
                owned(&[("x\ny", 2, 1), ("q\"", 3, 4), ("", 3, 10)]),
                owned(&[("last", 4, 1)]),
            ]
        );
    }

    #[test]
    fn malformed_quoting_is_reported_where_it_is() {
        let (_, problems) = scan("a,b\"c\n\"x\"y,z\n\"open");
        assert_eq!(problems, [(1, 4), (2, 4), (3, 1)]);
    }

    #[test]
    fn line_ends_blank_lines_and_a_second_bom() {
        let (records, problems) = scan("\n\u{feff}a,\"b\"\r\n\r\n\n c\rd,e\r");
        assert_eq!(
            records,
            [
                owned(&[("\u{feff}a", 2, 1), ("b", 2, 4)]),
                owned(&[("", 3, 1)]),
                owned(&[(" c\rd", 5, 1), ("e\r", 5, 5)]),
            ]
        );
        // The CR inside ` c\rd` and the one that ends the text.
        assert_eq!(problems, [(5, 3), (5, 6)]);
    }

    #[test]
    fn the_closing_quote_of_a_field() {
        assert_eq!(closing_quote("\"ab\""), Some(3));
        assert_eq!(closing_quote("\"a\"\"b\"x"), Some(5));
        assert_eq!(closing_quote("\"a\"\""), None);
        assert_eq!(closing_quote("\""), None);
    }
}
