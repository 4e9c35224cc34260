//! Places in a text: one position type and one line index for the spec
//! loader, the importer's pages, the mdBook reader and the number lock.

/// A place in a text: 1-based line and column (in characters). Line 0 is
/// the file as a whole (a problem of no one line, or a file with no lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    /// The file as a whole (no line).
    pub const FILE: Pos = Pos { line: 0, column: 0 };

    /// The first character of a file.
    pub const START: Pos = Pos { line: 1, column: 1 };

    #[must_use]
    pub const fn new(line: usize, column: usize) -> Self {
        Self { line, column }
    }

    /// The position just after `c`, which is at this position. A CR takes
    /// no column: it is part of a line end, or shown as an escape.
    #[must_use]
    pub fn after(self, c: char) -> Pos {
        match c {
            '\n' => Pos {
                line: self.line + 1,
                column: 1,
            },
            '\r' => self,
            _ => Pos {
                column: self.column + 1,
                ..self
            },
        }
    }
}

/// Where each line of a text starts, to find a line by its number and the
/// place of a byte offset without scanning the text again. A text that ends
/// with a line end has an empty last line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// The byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// How many lines the text has (at least 1: an empty text is one empty line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text of a 1-based line of `text` (the text this index was made
    /// of), without its line end (`\n` or `\r\n`).
    #[must_use]
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |next| next - 1);
        let line = text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// The 1-based line that holds the byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The place of the byte `offset` of `text` (past the end: just after its last character).
    #[must_use]
    pub fn pos_of(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        Pos::new(line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_by_number() {
        let text = "one\r\ntwo\n\nfour";
        let index = LineIndex::new(text);
        let lines: Vec<Option<&str>> = (0..=5).map(|n| index.line(text, n)).collect();
        assert_eq!(
            lines,
            [None, Some("one"), Some("two"), Some(""), Some("four"), None]
        );
        assert_eq!(index.line_count(), 4);
        assert_eq!(LineIndex::new("a\n").line("a\n", 2), Some(""));
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\r\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.pos_of(text, 0), Pos::new(1, 1));
        assert_eq!(index.pos_of(text, 1), Pos::new(1, 2));
        // "ç" is two bytes: the "d" after it is column 2.
        assert_eq!(index.pos_of(text, 6), Pos::new(2, 2));
        assert_eq!(index.pos_of(text, 8), Pos::new(3, 1));
        assert_eq!(index.pos_of(text, 9), Pos::new(4, 1));
        assert_eq!(index.pos_of(text, 99), Pos::new(4, 2));
        assert_eq!(index.line_of(3), 1);
        assert_eq!(index.line_of(4), 2);
    }

    #[test]
    fn a_cr_takes_no_column() {
        let pos = "a\rb".chars().fold(Pos::START, Pos::after);
        assert_eq!(pos, Pos::new(1, 3));
        assert_eq!(Pos::START.after('\n'), Pos::new(2, 1));
    }
}
