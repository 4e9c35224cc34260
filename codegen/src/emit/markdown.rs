//! Escaping spec text for Markdown (rustdoc, TypeScript `JSDoc`, the reference pages).
//!
//! Spec text is data: once escaped it renders literally and cannot start a
//! code block, a list, a heading, a table cell or raw HTML.

use std::borrow::Cow;

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
    // Every character escaped is ASCII, and no byte of a multi-byte
    // character is: the text is scanned as bytes and copied in runs.
    let bytes = trimmed.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'&' | b'#' | b'!'
        ) || Some(i) == marker_at
            // `https\://` shows the address as text: no bare-URL autolink or lint.
            || (b == b':' && bytes[i + 1..].starts_with(b"//"))
        {
            out.push_str(&trimmed[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&trimmed[copied..]);
    out
}

/// Text on one line: each run of whitespace (line feeds and tabs included)
/// becomes one space, and the ends are trimmed. Most spec text already is:
/// it is then borrowed, after one pass over its bytes (a debug build of the
/// generator spends far longer splitting text into words, char by char).
#[must_use]
pub fn one_line(text: &str) -> Cow<'_, str> {
    // A leading space, like two in a row, needs the split.
    let mut after_space = true;
    for &b in text.as_bytes() {
        let space = b == b' ';
        // Not ASCII: perhaps a no-break or another Unicode space.
        if !b.is_ascii() || (b.is_ascii_whitespace() && !space) || (space && after_space) {
            return Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        after_space = space;
    }
    if after_space && !text.is_empty() {
        // It ends in a space.
        return Cow::Owned(text.trim_end().to_owned());
    }
    Cow::Borrowed(text)
}

/// A paragraph of this emitter's own text (no line breaks) as lines of at
/// most `width` characters, broken at spaces (a longer word has a line of its
/// own). In Markdown the breaks change nothing: a code span may span lines,
/// and an autolink holds no space.
#[must_use]
pub fn wrap(paragraph: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An address as a Markdown autolink, `<url>`: the characters that would
/// end it early (`<`, `>`, a space) are dropped.
#[must_use]
pub fn autolink(url: &str) -> String {
    format!("<{}>", url.replace(['<', '>', ' '], ""))
}

/// The packages' READMEs' `Source: <url> (updated on …)` paragraph, with
/// the blank line after it; empty when the catalog names no source.
#[must_use]
pub fn source_paragraph(meta: &crate::model::Metadata) -> String {
    let Some(url) = &meta.source_url else {
        return String::new();
    };
    let mut out = format!("Source: {}", autolink(url));
    if let Some(updated) = &meta.updated_on {
        out += &format!(" (updated on {})", escape_line(updated));
    }
    out + "\n\n"
}

/// Splits spec text into paragraphs: the spec writes a paragraph break as one
/// line feed. Empty paragraphs are dropped.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(str::trim_end)
        .filter(|p| !p.trim().is_empty())
}

/// Escapes spec text for one line of Markdown: runs of whitespace (line
/// feeds and tabs included) become one space, the ends are trimmed, and the
/// rest is [`escape_line`], plus:
///
/// - `{` and `}`, so that a heading cannot end in a `{#id}` attribute
///   (mdBook reads those), and a leading `:`, which could start a
///   definition;
/// - `@` and the `.` of `www.` (and, in [`escape_line`], the `:` of `://`),
///   so that GitHub does not turn an address in the text into a link (GFM
///   autolinks).
///
/// Use it for headings, sentences that quote spec text, and each paragraph
/// of a multi-paragraph text (see [`paragraphs`]).
#[must_use]
pub fn escape_inline(text: &str) -> String {
    let escaped = escape_line(&one_line(text));
    // ASCII only, as in `escape_line`: scanned as bytes, copied in runs.
    let bytes = escaped.as_bytes();
    let mut out = String::with_capacity(escaped.len() + 8);
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let starts_address = match b {
            b'{' | b'}' | b'@' => true,
            // (The `:` of `://` is already escaped by `escape_line`.)
            b':' => i == 0,
            b'.' => follows_www(&escaped[..i]),
            _ => false,
        };
        if starts_address {
            out.push_str(&escaped[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&escaped[copied..]);
    out
}

/// Whether `before` ends in the word `www` (any case).
fn follows_www(before: &str) -> bool {
    let Some(start) = before.len().checked_sub(3) else {
        return false;
    };
    before.as_bytes()[start..].eq_ignore_ascii_case(b"www")
        && before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Spec text as the contents of one table cell: each paragraph escaped with
/// [`escape_inline`] (so `|` cannot end the cell), paragraphs joined by `<br>`.
#[must_use]
pub fn table_cell(text: &str) -> String {
    paragraphs(text)
        .map(escape_inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// A code span that shows `text` literally: its fence is one backtick longer
/// than the longest run of backticks inside, and text that starts or ends
/// with a backtick is padded with a space (which the span drops again).
/// Whitespace runs become one space. Not for table cells: a `|` would still
/// end the cell.
#[must_use]
pub fn code_span(text: &str) -> String {
    let text = one_line(text);
    let longest_run = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The items of a numbered list written as paragraphs (`1. first`,
/// `2. second`, …): the text after each number, if the text has at least two
/// paragraphs and they are numbered 1, 2, 3… in order. Otherwise `None`, and
/// the paragraphs are better shown as they are.
#[must_use]
pub fn numbered_items(text: &str) -> Option<Vec<&str>> {
    let items: Vec<&str> = paragraphs(text)
        .enumerate()
        .map(|(i, paragraph)| {
            let (number, rest) = paragraph.trim_start().split_once(". ")?;
            let rest = rest.trim();
            (number.parse::<usize>().ok()? == i + 1
                && number.bytes().all(|b| b.is_ascii_digit())
                && !rest.is_empty())
            .then_some(rest)
        })
        .collect::<Option<_>>()?;
    (items.len() >= 2).then_some(items)
}

/// A code fence longer than any run of backticks in `text`, so that the
/// text cannot close it.
#[must_use]
pub fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Spec text as doc-comment lines: each paragraph escaped with `escape`,
/// a blank line between paragraphs.
pub fn paragraph_lines(text: &str, escape: impl Fn(&str) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs(text) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(escape(paragraph));
    }
    lines
}

/// A labelled field as a list item, `- Label: text`, with further
/// paragraphs indented under it; `(none)` for empty text.
pub fn field_lines(label: &str, text: &str, escape: impl Fn(&str) -> String) -> Vec<String> {
    let mut lines: Vec<String> = paragraph_lines(text, escape)
        .into_iter()
        .enumerate()
        .map(|(i, line)| match i {
            0 => format!("- {label}: {line}"),
            _ if line.is_empty() => line,
            _ => format!("  {line}"),
        })
        .collect();
    if lines.is_empty() {
        lines.push(format!("- {label}: (none)"));
    }
    lines
}

/// A case's documentation as list items: its HTTP status (if the catalog's
/// codes carry one), error message, description and handling measure, each
/// text escaped with `escape`.
pub fn case_lines(
    case: &crate::model::Case,
    escape: impl Fn(&str) -> String + Copy,
) -> Vec<String> {
    let mut lines: Vec<String> = case
        .http_status
        .map(|status| format!("- HTTP status: {status}"))
        .into_iter()
        .collect();
    lines.extend(field_lines("Error message", &case.error_msg, escape));
    lines.extend(field_lines("Description", &case.description, escape));
    lines.extend(field_lines(
        "Handling measure",
        &case.handling_measure,
        escape,
    ));
    lines
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
        assert_eq!(escape_line("see https://x.org/a"), "see https\\://x.org/a");
    }

    #[test]
    fn fences_outgrow_the_text() {
        assert_eq!(fence_for("no ticks"), "```");
        assert_eq!(fence_for("a ``` b"), "````");
        assert_eq!(fence_for("`````"), "``````");
    }

    #[test]
    fn fields_are_list_items_with_indented_paragraphs() {
        let lines = field_lines("Cause", "one *\ntwo", escape_line);
        assert_eq!(lines, ["- Cause: one \\*", "", "  two"]);
        assert_eq!(field_lines("Cause", "", escape_line), ["- Cause: (none)"]);
    }

    #[test]
    fn paragraphs_split_on_line_feeds() {
        let p: Vec<&str> = paragraphs("one\ntwo \n\nthree").collect();
        assert_eq!(p, ["one", "two", "three"]);
    }

    #[test]
    fn inline_text_is_one_escaped_line() {
        assert_eq!(escape_inline("  a\n- b\t c  "), "a - b c");
        assert_eq!(
            escape_inline("- item\n# not a heading"),
            "\\- item \\# not a heading"
        );
        assert_eq!(
            escape_inline("Title {#custom-id}"),
            "Title \\{\\#custom-id\\}"
        );
        assert_eq!(escape_inline("1. first"), "1\\. first");
        assert_eq!(escape_inline("\tcode"), "code");
        assert_eq!(escape_inline(""), "");
        assert_eq!(
            escape_inline("see https://x.invalid/a or www.x.invalid, mail a@b.invalid"),
            "see https\\://x.invalid/a or www\\.x.invalid, mail a\\@b.invalid"
        );
        assert_eq!(escape_inline("awww.x Www.y"), "awww.x Www\\.y");
        assert_eq!(escape_inline(": definition: x"), "\\: definition: x");
    }

    #[test]
    fn table_cells_keep_paragraphs_and_cannot_end_early() {
        assert_eq!(table_cell("a|b\n<i>c</i>"), "a\\|b<br>\\<i\\>c\\</i\\>");
        assert_eq!(table_cell("one\n\n two "), "one<br>two");
        assert_eq!(table_cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(table_cell(""), "");
        for text in ["|", "a||b", "\\|", "`|`", "x\n|\ny"] {
            let cell = table_cell(text);
            let unescaped_pipes = cell
                .char_indices()
                .filter(|&(i, c)| {
                    let backslashes = cell[..i].chars().rev().take_while(|&b| b == '\\').count();
                    c == '|' && backslashes % 2 == 0
                })
                .count();
            assert_eq!(unescaped_pipes, 0, "{text:?} -> {cell:?}");
        }
    }

    #[test]
    fn one_line_squeezes_whitespace_as_splitting_into_words_does() {
        let cases = [
            "",
            " ",
            "plain text.",
            " leading",
            "trailing ",
            "two  spaces",
            "a\nb",
            "tab\there",
            "no-break\u{a0}space",
            "ideographic\u{3000}space",
            "caf\u{e9} \u{4e2d}\u{6587}",
            "\r\n",
        ];
        for text in cases {
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_line(text), words, "{text:?}");
        }
        assert!(matches!(one_line("plain text."), Cow::Borrowed(_)));
    }

    #[test]
    fn code_spans_outlast_backticks_inside() {
        assert_eq!(code_span("AIS.0014"), "`AIS.0014`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("``x"), "``` ``x ```");
        assert_eq!(code_span("a\nb"), "`a b`");
    }

    #[test]
    fn numbered_paragraphs_become_items() {
        assert_eq!(
            numbered_items("1. Incorrect token.\n2. The token expired."),
            Some(vec!["Incorrect token.", "The token expired."])
        );
        // One paragraph, a gap in the numbers, or an unnumbered paragraph: not a list.
        assert_eq!(numbered_items("1. Only one."), None);
        assert_eq!(numbered_items("1. a\n3. b"), None);
        assert_eq!(numbered_items("2. a\n3. b"), None);
        assert_eq!(numbered_items("1. a\nb"), None);
        assert_eq!(numbered_items("1. a\n2. "), None);
        assert_eq!(numbered_items("+1. a\n2. b"), None);
        assert_eq!(
            numbered_items("decrypt token fail: x\ntoken expires: y"),
            None
        );
    }
}
