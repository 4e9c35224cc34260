//! Escaping spec text for Markdown (rustdoc, TypeScript `JSDoc`, the reference pages).
//!
//! Spec text is data: once escaped it renders literally and cannot start a
//! code block, a list, a heading, a table cell or raw HTML.

/// Escapes one line of text so that it renders literally in Markdown.
///
/// Characters that mean something anywhere (`` \ ` * _ [ ] < > | ~ & # ``)
/// get a backslash; a line that would start a list, a quote, a heading
/// underline or a numbered item gets its first marker escaped; leading spaces
/// become `&#32;` so that they cannot indent a code block.
#[must_use]
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let trimmed = line.trim_start_matches(' ');
    for _ in 0..line.len() - trimmed.len() {
        out.push_str("&#32;");
    }
    // A line-start marker: `-`, `+`, `=`, or digits followed by `.` or `)`.
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let marker_at = match trimmed.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => Some(digits),
        Some(b'-' | b'+' | b'=') if digits == 0 => Some(0),
        _ => None,
    };
    for (i, c) in trimmed.char_indices() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) || Some(i) == marker_at
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits spec text into paragraphs: the spec writes a paragraph break as one
/// line feed. Empty paragraphs are dropped.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(str::trim_end)
        .filter(|p| !p.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_line("a|b"), "a\\|b");
        assert_eq!(
            escape_line("<script>x</script>"),
            "\\<script\\>x\\</script\\>"
        );
        assert_eq!(escape_line("# title"), "\\# title");
        assert_eq!(escape_line("1. first"), "1\\. first");
        assert_eq!(escape_line("12) x"), "12\\) x");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("```rust"), "\\`\\`\\`rust");
        assert_eq!(escape_line("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(escape_line("a_b*c*"), "a\\_b\\*c\\*");
        assert_eq!(escape_line("AK/SK 1.5 x-y"), "AK/SK 1.5 x-y");
    }

    #[test]
    fn paragraphs_split_on_line_feeds() {
        let p: Vec<&str> = paragraphs("one\ntwo \n\nthree").collect();
        assert_eq!(p, ["one", "two", "three"]);
    }
}
