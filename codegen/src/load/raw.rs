//! What the loader produces: tables of positioned cells, the catalog as
//! positioned YAML nodes, and the files they came from, for
//! [`crate::validate`] to check.

use super::source::{Pos, SourceFile};
use crate::diagnostic::Diagnostic;

/// A YAML node with its position; scalars keep their text as written.
#[derive(Clone, Debug)]
pub struct YamlNode {
    pub pos: Pos,
    pub value: YamlValue,
    /// For a scalar: whether its text is exactly the source's characters
    /// from `pos` on (a plain scalar on one line), so that a position inside
    /// it can be computed.
    pub verbatim: bool,
}

#[derive(Clone, Debug)]
pub enum YamlValue {
    /// A scalar's text as written (`400` stays "400", `1.10` stays "1.10").
    Scalar(String),
    /// `~`, `null` or nothing.
    Null,
    Seq(Vec<YamlNode>),
    /// Keys in document order.
    Map(Vec<(YamlNode, YamlNode)>),
}

impl YamlNode {
    /// The value under `key`, if this is a mapping that has it.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        match &self.value {
            YamlValue::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, YamlValue::Scalar(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short name of the node's kind, for messages.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self.value {
            YamlValue::Scalar(_) => "a scalar",
            YamlValue::Null => "null",
            YamlValue::Seq(_) => "a list",
            YamlValue::Map(_) => "a mapping",
        }
    }
}

/// How a cell's text relates to the source characters, so that a position
/// inside the text (say, of a space in a code) can be pointed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quoting {
    /// The text is the source's characters from the cell's position on.
    Verbatim,
    /// A quoted CSV field: the text starts one column after the opening
    /// quote, and each `"` in it is written `""`.
    CsvQuoted,
    /// Anything else (a quoted or folded YAML scalar): only the start is known.
    Opaque,
}

/// One cell of a table row: its column name, its text and where it starts.
#[derive(Clone, Debug)]
pub struct RawCell {
    pub column: String,
    pub value: String,
    pub pos: Pos,
    pub quoting: Quoting,
}

impl RawCell {
    /// Where the character at `char_index` of the value is in the file; the
    /// cell's start when that cannot be known.
    #[must_use]
    pub fn pos_of(&self, char_index: usize) -> Pos {
        let mut pos = self.pos;
        match self.quoting {
            Quoting::Opaque => return pos,
            Quoting::CsvQuoted => pos.column += 1,
            Quoting::Verbatim => {}
        }
        for c in self.value.chars().take(char_index) {
            pos = pos.after(c);
            if c == '"' && self.quoting == Quoting::CsvQuoted {
                pos.column += 1;
            }
        }
        pos
    }
}

/// One row of a table, in file order.
#[derive(Clone, Debug)]
pub struct RawRow {
    /// Where the row starts.
    pub pos: Pos,
    /// The row's cells. For CSV they follow the header; a CSV row with more
    /// fields than the header has cells named by their 1-based index.
    pub cells: Vec<RawCell>,
    /// Where the row's text ends (just after its last character).
    pub end: Pos,
    /// YAML: the fields whose value was not text (already reported), which
    /// are not missing.
    pub not_text: Vec<String>,
}

/// A table file: its header (CSV only) and rows.
#[derive(Clone, Debug)]
pub struct RawTable {
    /// Index into [`RawSpec::files`].
    pub file: usize,
    /// Where the table starts: the CSV header, or the YAML list. Line 0 if
    /// the file has no text at all.
    pub pos: Pos,
    /// The CSV header's column names and positions; `None` for YAML, whose
    /// rows name their fields themselves.
    pub header: Option<Vec<RawCell>>,
    pub rows: Vec<RawRow>,
}

/// Everything read from a spec, before validation.
#[derive(Clone, Debug, Default)]
pub struct RawSpec {
    pub files: Vec<SourceFile>,
    /// `catalog.yaml`'s root node and its index in `files`, if the spec has one.
    pub catalog: Option<(usize, YamlNode)>,
    pub tables: Vec<RawTable>,
    /// For a spec that is a lone table file: the file's stem, for default names.
    pub lone_table_stem: Option<String>,
    /// Syntax problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

impl RawSpec {
    /// An error located in one of the loaded files, showing the offending line.
    #[must_use]
    pub fn error_at(&self, file: usize, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let source = &self.files[file];
        Diagnostic::error(&source.display, pos.line, pos.column, message)
            .with_source_line(source.line(pos.line))
    }

    /// A warning located in one of the loaded files, showing the offending line.
    #[must_use]
    pub fn warning_at(&self, file: usize, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let source = &self.files[file];
        Diagnostic::warning(&source.display, pos.line, pos.column, message)
            .with_source_line(source.line(pos.line))
    }

    /// Records a syntax error found while loading `file`.
    pub(super) fn push_error(
        &mut self,
        file: usize,
        pos: Pos,
        message: impl Into<String>,
        hint: &str,
    ) {
        let d = self.error_at(file, pos, message).with_hint(hint);
        self.diagnostics.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_inside_a_quoted_cell() {
        let cell = RawCell {
            column: "error_code".into(),
            value: "\"a\" b".into(),
            pos: Pos { line: 3, column: 5 },
            quoting: Quoting::CsvQuoted,
        };
        // `"""a"" b"` from column 5: the space is in column 11.
        assert_eq!(
            cell.pos_of(3),
            Pos {
                line: 3,
                column: 11
            }
        );
        let multi = RawCell {
            value: "x\r\nyz w".into(),
            quoting: Quoting::Verbatim,
            ..cell
        };
        assert_eq!(multi.pos_of(5), Pos { line: 4, column: 3 });
    }
}
