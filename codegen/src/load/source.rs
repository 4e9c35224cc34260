//! Spec files as read, and positions in them.

use crate::position::LineIndex;
pub use crate::position::Pos;

/// A file that was read, kept so that diagnostics can show its lines.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to the user (`spec/error-codes.csv`).
    pub display: String,
    /// The text, without a BOM.
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    #[must_use]
    pub fn new(display: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            display,
            text,
            lines,
        }
    }

    /// The text of a 1-based line, without its line end.
    #[must_use]
    pub fn line(&self, line: usize) -> Option<&str> {
        self.lines.line(&self.text, line)
    }

    /// Where the file's first line is, or line 0 if the file has no text.
    #[must_use]
    pub fn start(&self) -> Pos {
        if self.text.is_empty() {
            Pos::default()
        } else {
            Pos::START
        }
    }
}

// Hand-written: a forward scan of a few lines; line-index crates add what an
// editor needs (incremental updates, UTF-16), not what this needs.
/// Turns byte offsets of a text into positions. Offsets asked in increasing
/// order cost only the text between them, so a whole file costs one pass.
pub struct Positions<'t> {
    text: &'t str,
    offset: usize,
    pos: Pos,
}

impl<'t> Positions<'t> {
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            pos: Pos::START,
        }
    }

    /// The position of the character at byte `offset` (a character boundary).
    pub fn at(&mut self, offset: usize) -> Pos {
        if offset < self.offset {
            // Never needed in file order; start over rather than be wrong.
            *self = Self::new(self.text);
        }
        let between = self.text.get(self.offset..offset).unwrap_or_default();
        self.pos = between.chars().fold(self.pos, Pos::after);
        self.offset = offset;
        self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_a_source_file() {
        let file = SourceFile::new("f".into(), "one\r\ntwo\n\nfour".into());
        let lines: Vec<Option<&str>> = (0..=5).map(|n| file.line(n)).collect();
        assert_eq!(
            lines,
            [None, Some("one"), Some("two"), Some(""), Some("four"), None]
        );
        let ends_with_newline = SourceFile::new("f".into(), "a\n".into());
        assert_eq!(ends_with_newline.line(2), Some(""));
    }

    #[test]
    fn positions_of_byte_offsets() {
        let text = "ab\r\n错c\rd\ne";
        let mut positions = Positions::new(text);
        let at = |p: &mut Positions, i| {
            let pos = p.at(i);
            (pos.line, pos.column)
        };
        assert_eq!(at(&mut positions, 0), (1, 1));
        assert_eq!(at(&mut positions, 2), (1, 3));
        // `错` is one column; the lone CR takes none.
        assert_eq!(at(&mut positions, 7), (2, 2));
        assert_eq!(at(&mut positions, 9), (2, 3));
        assert_eq!(at(&mut positions, 11), (3, 1));
        // Backwards still answers right.
        assert_eq!(at(&mut positions, 1), (1, 2));
    }
}
