//! The page being imported: its lines, and diagnostics that point into it.

use crate::diagnostic::Diagnostic;

use crate::position::LineIndex;
pub use crate::position::Pos;

/// Lines longer than this are not shown under a diagnostic (a grid-table
/// line can be 700 characters wide); the message quotes the cell instead.
const SHOWN_LINE_LIMIT: usize = 160;

/// The page: its name as shown, its text (without a BOM) and where its lines start.
pub struct Page<'a> {
    pub name: &'a str,
    pub text: &'a str,
    lines: LineIndex,
}

impl<'a> Page<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            name,
            text,
            lines: LineIndex::new(text),
        }
    }

    /// Every line, without its line end (`\n` or `\r\n`).
    pub fn lines(&self) -> Vec<&'a str> {
        (1..=self.lines.line_count())
            .filter_map(|n| self.line(n))
            .collect()
    }

    /// The text of a 1-based line, without its line end.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        self.lines.line(self.text, line)
    }

    /// The place of a byte offset into the text.
    pub fn pos_of_offset(&self, offset: usize) -> Pos {
        self.lines.pos_of(self.text, offset)
    }

    pub fn error(&self, at: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.name, at.line, at.column, message).with_source_line(self.shown(at))
    }

    pub fn warning(&self, at: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.name, at.line, at.column, message).with_source_line(self.shown(at))
    }

    fn shown(&self, at: Pos) -> Option<&'a str> {
        self.line(at.line)
            .filter(|line| line.chars().count() <= SHOWN_LINE_LIMIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let page = Page::new("p", "\u{feff}ab\r\nçd\n\nx");
        assert_eq!(page.lines(), ["ab", "çd", "", "x"]);
        assert_eq!(page.pos_of_offset(0), Pos::new(1, 1));
        assert_eq!(page.pos_of_offset(1), Pos::new(1, 2));
        // "ç" is two bytes: the "d" after it is column 2.
        assert_eq!(page.pos_of_offset(6), Pos::new(2, 2));
        assert_eq!(page.pos_of_offset(8), Pos::new(3, 1));
        assert_eq!(page.pos_of_offset(9), Pos::new(4, 1));
        assert_eq!(page.pos_of_offset(99), Pos::new(4, 2));
    }

    #[test]
    fn long_lines_are_not_shown_under_a_diagnostic() {
        let long = "x".repeat(SHOWN_LINE_LIMIT + 1);
        let text = format!("short\n{long}\n");
        let page = Page::new("p", &text);
        assert_eq!(
            page.warning(Pos::new(1, 2), "m").source_line.as_deref(),
            Some("short")
        );
        assert_eq!(page.warning(Pos::new(2, 2), "m").source_line, None);
    }
}
