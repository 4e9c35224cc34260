//! The cell-text normaliser: how every reader turns what a cell shows into
//! the spec's text: one line per paragraph or list item, line wraps joined
//! by one space, no blank lines, nothing at either end of a line.

/// Builds a cell's text paragraph by paragraph.
#[derive(Debug, Default)]
pub struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    /// Adds text to the current paragraph; whitespace runs (line wraps
    /// included) become one space, as a browser shows them.
    pub fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(is_collapsible_space).enumerate() {
            if i > 0 && !self.current.ends_with(' ') && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    /// Adds text exactly as it is (an inline literal, a code span).
    pub fn push_verbatim(&mut self, text: &str) {
        self.current.push_str(text);
    }

    /// Ends the current paragraph (a paragraph, list item or line break ends here).
    pub fn end_paragraph(&mut self) {
        let paragraph = self.current.trim_matches(is_collapsible_space);
        if !paragraph.is_empty() {
            self.done.push(paragraph.to_owned());
        }
        self.current.clear();
    }

    /// Adds a whole paragraph.
    pub fn push_paragraph(&mut self, text: &str) {
        self.end_paragraph();
        self.push_verbatim(text);
        self.end_paragraph();
    }

    /// The cell's text: its paragraphs, one per line.
    pub fn finish(mut self) -> String {
        self.end_paragraph();
        self.done.join("\n")
    }
}

/// The whitespace that a rendered page shows as one space: ASCII spaces,
/// tabs and line ends (not the no-break space, which is text).
pub fn is_collapsible_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// The lines of one paragraph (a line-wrapped source) joined by one space.
pub fn join_wrapped<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut paragraph = Paragraphs::default();
    for line in lines {
        paragraph.push_text(line);
        paragraph.push_text(" ");
    }
    paragraph.finish()
}

/// A Markdown pipe table's delimiter row: `|---|:--:|`, `--- | ---`.
pub fn is_pipe_table_delimiter(line: &str) -> bool {
    let line = line.trim();
    let inner = line.trim_start_matches('|').trim_end_matches('|');
    line.contains('-')
        && (line.contains('|'))
        && inner.split('|').all(|cell| {
            let cell = cell.trim().trim_start_matches(':').trim_end_matches(':');
            !cell.is_empty() && cell.chars().all(|c| c == '-')
        })
}

/// A status as pages write it: three digits.
pub fn is_status(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A status class such as `5XX` or `4xx`.
pub fn is_status_class(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 3
        && (b'1'..=b'5').contains(&bytes[0])
        && bytes[1..].iter().all(|b| matches!(b, b'x' | b'X'))
}

/// Whether `status` (a number) is in the class `class` (`5XX`).
pub fn status_in_class(status: &str, class: &str) -> bool {
    is_status(status) && is_status_class(class) && status.as_bytes()[0] == class.as_bytes()[0]
}

/// Text that may be an error code: one word of at most 64 characters, with
/// a letter or digit.
pub fn looks_like_code(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 64
        && !text.chars().any(char::is_whitespace)
        && text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_and_wraps_are_spaces() {
        let mut p = Paragraphs::default();
        p.push_text("  one\n  wrapped   line ");
        p.end_paragraph();
        p.end_paragraph();
        p.push_text("two");
        p.push_verbatim("  `x`  ");
        p.push_paragraph("three");
        assert_eq!(p.finish(), "one wrapped line\ntwo  `x`\nthree");
        assert_eq!(join_wrapped(["a ", " b", "", "c"]), "a b c");
        assert_eq!(join_wrapped(["a\u{a0}b"]), "a\u{a0}b");
    }

    #[test]
    fn statuses_classes_and_codes() {
        assert!(is_status("400") && !is_status("40") && !is_status("4000"));
        assert!(is_status_class("5XX") && is_status_class("4xx") && !is_status_class("6XX"));
        assert!(status_in_class("503", "5XX") && !status_in_class("403", "5XX"));
        assert!(looks_like_code("APIG.0101") && looks_like_code("1100"));
        assert!(!looks_like_code("two words") && !looks_like_code("--") && !looks_like_code(""));
    }

    #[test]
    fn pipe_table_delimiters() {
        assert!(is_pipe_table_delimiter("|---|:--:|"));
        assert!(is_pipe_table_delimiter("--- | ---"));
        assert!(!is_pipe_table_delimiter("| a | b |"));
        assert!(!is_pipe_table_delimiter("-----"));
    }
}
