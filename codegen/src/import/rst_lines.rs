//! What the reStructuredText readers share about lines: indentation (in
//! spaces only: other whitespace is text to RST), blank lines, where an
//! indented block ends, and a table line's display slots.

use unicode_width::UnicodeWidthChar;

/// Fills the second slot of a wide character.
pub const PAD: char = '\u{0}';

/// A line of a table as display slots, as docutils measures tables: an East
/// Asian wide character takes two slots, the second [`PAD`].
pub struct Slots<'a> {
    /// The line, if it is ASCII: then a slot is a byte of it.
    ascii: Option<&'a str>,
    pub chars: Vec<char>,
    /// The character column (0-based) of each slot; empty if each slot is
    /// one character (no wide character: most lines, and ASCII is quick to tell).
    columns: Vec<usize>,
}

impl<'a> Slots<'a> {
    pub fn new(line: &'a str) -> Self {
        if line.is_ascii() {
            return Self {
                ascii: Some(line),
                chars: line.bytes().map(char::from).collect(),
                columns: Vec::new(),
            };
        }
        let mut chars = Vec::with_capacity(line.len());
        let mut columns = Vec::with_capacity(line.len());
        for (column, c) in line.chars().enumerate() {
            chars.push(c);
            columns.push(column);
            if c.width() == Some(2) {
                chars.push(PAD);
                columns.push(column);
            }
        }
        if chars.len() == columns.last().map_or(0, |c| c + 1) {
            columns.clear();
        }
        Self {
            ascii: None,
            chars,
            columns,
        }
    }

    /// The character column of a slot; past the line's end, counted on from
    /// its last character.
    pub fn column(&self, slot: usize) -> usize {
        if self.columns.is_empty() {
            return slot;
        }
        self.columns.get(slot).copied().unwrap_or_else(|| {
            self.columns.last().map_or(0, |c| c + 1) + slot.saturating_sub(self.columns.len())
        })
    }

    /// The text of the slots from `start` to before `end` (clamped to the
    /// line), without padding or trailing whitespace. (Slots that were
    /// changed after reading are read as the line has them.)
    pub fn text(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        if let Some(line) = self.ascii {
            // A slice, not a character at a time.
            let text = line.get(start..end.min(line.len())).unwrap_or("");
            return text.trim_end().to_owned();
        }
        let mut text: String = self.chars[start..end]
            .iter()
            .filter(|&&c| c != PAD)
            .collect();
        text.truncate(text.trim_end().len());
        text
    }
}

/// The spaces before a line's text.
pub fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The least indentation of the lines that are not blank (0 if all are).
pub fn min_indent<L: AsRef<str>>(lines: &[L]) -> usize {
    lines
        .iter()
        .map(AsRef::as_ref)
        .filter(|l| !is_blank(l))
        .map(indent)
        .min()
        .unwrap_or(0)
}

/// The end of the block that starts at `lines[start]` and holds the lines
/// indented more than `parent_indent`: the first non-blank line indented
/// that much or less ends it (blank lines inside it count, trailing ones not).
pub fn block_end<L: AsRef<str>>(lines: &[L], start: usize, parent_indent: usize) -> usize {
    let mut end = start;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let line = line.as_ref();
        if is_blank(line) {
            continue;
        }
        if indent(line) <= parent_indent {
            break;
        }
        end = i + 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_of_wide_characters_and_their_columns() {
        let ascii = Slots::new("ab c ");
        assert_eq!((ascii.column(1), ascii.column(9)), (1, 9));
        assert_eq!(ascii.text(1, 9), "b c");
        let wide = Slots::new("码a é");
        assert_eq!(wide.chars, ['码', PAD, 'a', ' ', 'é']);
        assert_eq!(
            (0..7).map(|s| wide.column(s)).collect::<Vec<_>>(),
            [0, 0, 1, 2, 3, 4, 5]
        );
        assert_eq!(wide.text(0, 3), "码a");
        let narrow = Slots::new("é b");
        assert_eq!((narrow.column(2), narrow.column(5)), (2, 5));
    }

    #[test]
    fn indentation_is_spaces_and_blocks_end_at_a_lesser_one() {
        assert_eq!(indent("   a"), 3);
        assert_eq!(indent("\u{85} a"), 0);
        assert_eq!(min_indent(&["    a", "", "  b"]), 2);
        assert_eq!(min_indent(&["", " "]), 0);
        let lines = ["x::", "", "   a", "", "   b", "", "y"];
        assert_eq!(block_end(&lines, 1, 0), 5);
        assert_eq!(block_end(&lines, 6, 0), 6);
    }
}
