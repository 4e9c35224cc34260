//! What the reStructuredText readers share about lines: indentation (in
//! spaces only: other whitespace is text to RST), blank lines, where an
//! indented block ends, and a table line's display slots.

use unicode_width::UnicodeWidthChar;

/// Fills the second slot of a wide character.
pub const PAD: char = '\u{0}';

/// A line of a table as display slots, as docutils measures tables: an East
/// Asian wide character takes two slots, the second [`PAD`].
pub struct Slots {
    pub chars: Vec<char>,
    /// The character column (0-based) of each slot.
    pub columns: Vec<usize>,
}

impl Slots {
    pub fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut columns = Vec::with_capacity(text.len());
        for (column, c) in text.chars().enumerate() {
            chars.push(c);
            columns.push(column);
            if c.width() == Some(2) {
                chars.push(PAD);
                columns.push(column);
            }
        }
        Self { chars, columns }
    }

    /// The character column of a slot; past the line's end, counted on from
    /// its last character.
    pub fn column(&self, slot: usize) -> usize {
        self.columns.get(slot).copied().unwrap_or_else(|| {
            self.columns.last().map_or(0, |c| c + 1) + slot.saturating_sub(self.columns.len())
        })
    }

    /// The text of the slots `range` (clamped to the line), without padding.
    pub fn text(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars
            .get(start.min(end)..end)
            .unwrap_or_default()
            .iter()
            .filter(|&&c| c != PAD)
            .collect()
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
