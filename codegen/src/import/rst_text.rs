//! The text of a reStructuredText table cell, as the rendered page shows it.
//!
//! A cell holds RST body elements: paragraphs, bullet and enumerated lists,
//! directives (`.. note::`), literal blocks. Each paragraph or list item
//! becomes one line; bullets are dropped, enumerators (`1.`) kept, an
//! admonition's first line starts with its label (`Note: `). Inline markup
//! is removed the way docutils recognises it: `**strong**`, `*emphasis*`,
//! ``` ``literal`` ``` (kept verbatim), roles (``` :ref:`Title <label>` ```
//! shows its title), hyperlink references (``` `text <url>`_ ```, `name_`)
//! and backslash escapes.
//! (No Rust crate parses RST tables and cells; `rst_parser` has no tables.)

use super::page::Pos;
use super::rst_lines::{self, block_end, indent, min_indent};
use super::text::Paragraphs;

/// One line of a cell, and where its text starts on the page.
#[derive(Clone, Debug)]
pub struct CellLine {
    pub text: String,
    pub at: Pos,
}

/// Something the conversion could not render as the page does.
pub type Note = (Pos, String);

/// The plain text of a cell's lines.
pub fn cell_text(lines: &[CellLine], notes: &mut Vec<Note>) -> String {
    let mut out = Paragraphs::default();
    blocks(lines, &mut out, notes);
    out.finish()
}

/// Plain text of one line of inline markup (a title, a header).
pub fn inline_text(text: &str, at: Pos, notes: &mut Vec<Note>) -> String {
    let mut out = Paragraphs::default();
    out.push_text(&inline(text, at, notes));
    out.finish()
}

impl AsRef<str> for CellLine {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

fn is_blank(line: &CellLine) -> bool {
    rst_lines::is_blank(&line.text)
}

/// The lines with `width` leading characters removed (as far as they are spaces).
fn dedent(lines: &[CellLine], width: usize) -> Vec<CellLine> {
    lines
        .iter()
        .map(|line| {
            let cut = indent(&line.text).min(width);
            CellLine {
                text: line.text[cut..].to_owned(),
                at: Pos::new(line.at.line, line.at.column + cut),
            }
        })
        .collect()
}

/// The body elements of `lines`, each paragraph ended.
fn blocks(lines: &[CellLine], out: &mut Paragraphs, notes: &mut Vec<Note>) {
    let base = min_indent(lines);
    let lines = dedent(lines, base);
    // The number of the enumerated list's last item, for `#.` items.
    let mut ordinal: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if is_blank(line) {
            i += 1;
            continue;
        }
        let ind = indent(&line.text);
        let rest = &line.text[ind..];
        if ind > 0 || list_marker(rest).is_none() {
            ordinal = None;
        }
        if ind > 0 {
            // A block quote: shown as its paragraphs. It ends before a line
            // indented less than its first (so the recursion makes progress).
            let end = block_end(&lines, i + 1, ind - 1).max(i + 1);
            blocks(&lines[i..end], out, notes);
            i = end;
        } else if let Some((marker, width)) = list_marker(rest)
            .filter(|(marker, _)| marker.is_empty() || enumerated_item_follows(&lines, i))
        {
            let end = block_end(&lines, i + 1, width.saturating_sub(1)).max(i + 1);
            let mut item = dedent(&lines[i..end], width);
            line.text[width.min(line.text.len())..].clone_into(&mut item[0].text);
            item[0].at.column += width;
            out.end_paragraph();
            out.push_text(&numbered(&marker, &mut ordinal));
            blocks(&item, out, notes);
            i = end;
        } else if rest.starts_with(".. ") || rest == ".." {
            let end = block_end(&lines, i + 1, 0).max(i + 1);
            explicit_markup(&lines[i..end], out, notes);
            i = end;
        } else if rest.starts_with("| ") || rest == "|" {
            let end = lines[i..]
                .iter()
                .position(is_blank)
                .map_or(lines.len(), |n| i + n);
            for l in &lines[i..end] {
                let text = l.text.trim_start().strip_prefix('|').unwrap_or(&l.text);
                out.push_paragraph(&inline(text.trim(), l.at, notes));
            }
            i = end;
        } else {
            i = paragraph(&lines, i, out, notes);
        }
    }
}

/// An enumerator as the page shows it: `#.` is numbered on from the list's
/// previous item (from 1); a number sets the count.
fn numbered(marker: &str, ordinal: &mut Option<usize>) -> String {
    if marker.is_empty() {
        return String::new();
    }
    let digits: String = marker.chars().filter(char::is_ascii_digit).collect();
    let number = digits
        .parse::<usize>()
        .unwrap_or_else(|_| ordinal.map_or(1, |n| n + 1));
    *ordinal = Some(number);
    marker.replacen('#', &number.to_string(), 1)
}

/// docutils takes `1. text` as a list item only if the next line is blank,
/// indented, or another item; else it is the start of a paragraph.
fn enumerated_item_follows(lines: &[CellLine], i: usize) -> bool {
    lines.get(i + 1).is_none_or(|next| {
        is_blank(next)
            || indent(&next.text) > 0
            || list_marker(&next.text).is_some_and(|(marker, _)| !marker.is_empty())
    })
}

/// A list item's marker: a bullet (dropped, so `""`) or an enumerator
/// (`1.`, `(a)`, `i)`, kept with a space), and the width to the item's text.
fn list_marker(text: &str) -> Option<(String, usize)> {
    let first = text.chars().next()?;
    let after = |width: usize| {
        let rest = &text[width..];
        if rest.is_empty() {
            Some(width)
        } else if rest.starts_with(' ') {
            Some(width + indent(rest))
        } else {
            None
        }
    };
    if matches!(first, '-' | '*' | '+' | '•' | '‣' | '⁃') {
        return after(first.len_utf8()).map(|w| (String::new(), w));
    }
    let (open, body_start) = if first == '(' { (true, 1) } else { (false, 0) };
    let body_len = text[body_start..]
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
        .unwrap_or(text.len() - body_start);
    let body = &text[body_start..body_start + body_len];
    let valid = body == "#"
        || (!body.is_empty() && body.len() <= 4 && body.chars().all(|c| c.is_ascii_digit()))
        || (body.len() == 1 && body.chars().all(|c| c.is_ascii_alphabetic()))
        || (!body.is_empty() && body.chars().all(|c| "ivxlcdmIVXLCDM".contains(c)));
    let close = text[body_start + body_len..].chars().next()?;
    let closes = if open {
        close == ')'
    } else {
        close == '.' || close == ')'
    };
    if !valid || !closes {
        return None;
    }
    let width = body_start + body_len + 1;
    after(width).map(|w| (format!("{} ", &text[..width]), w))
}

/// A paragraph starting at `lines[start]`; returns where the next block starts.
/// A paragraph ending in `::` introduces a literal block, kept line by line.
fn paragraph(
    lines: &[CellLine],
    start: usize,
    out: &mut Paragraphs,
    notes: &mut Vec<Note>,
) -> usize {
    let end = lines[start..]
        .iter()
        .position(|l| is_blank(l) || indent(&l.text) > 0)
        .map_or(lines.len(), |n| start + n)
        .max(start + 1);
    let text: Vec<&str> = lines[start..end].iter().map(|l| l.text.trim()).collect();
    let mut joined = text.join(" ");
    let literal_follows = joined.ends_with("::");
    if literal_follows {
        joined.truncate(joined.len() - 2);
        if joined.ends_with(' ') || joined.is_empty() {
            joined = joined.trim_end().to_owned();
        } else {
            joined.push(':');
        }
    }
    out.push_text(&inline(&joined, lines[start].at, notes));
    out.end_paragraph();
    if !literal_follows {
        return end;
    }
    let literal_end = block_end(lines, end, 0);
    for line in lines.get(end..literal_end).unwrap_or_default() {
        if !is_blank(line) {
            out.push_paragraph(line.text.trim());
        }
    }
    literal_end.max(end)
}

/// Admonition directives and the label their text starts with.
const ADMONITIONS: [(&str, &str); 9] = [
    ("note", "Note"),
    ("warning", "Warning"),
    ("caution", "Caution"),
    ("danger", "Danger"),
    ("error", "Error"),
    ("hint", "Hint"),
    ("important", "Important"),
    ("tip", "Tip"),
    ("attention", "Attention"),
];

/// `.. ` blocks: directives, comments, targets, substitution definitions.
fn explicit_markup(lines: &[CellLine], out: &mut Paragraphs, notes: &mut Vec<Note>) {
    let first = &lines[0];
    let after_dots = first.text.trim_start()[2..].trim_start();
    let Some((name, argument)) = after_dots.split_once("::") else {
        return; // a comment, a target (`.. _x:`) or a footnote: not shown
    };
    if name.starts_with('|') || name.starts_with('_') || name.contains(' ') {
        return; // a substitution definition, or a comment that holds `::`
    }
    let name = name.to_ascii_lowercase();
    let mut body = lines[1..].to_vec();
    // Options (`:class: x`) come first in the body and are not shown.
    let options = body
        .iter()
        .position(|l| !l.text.trim_start().starts_with(':') || is_blank(l))
        .unwrap_or(body.len());
    body.drain(..options);
    // Text on the directive's line starts its content, as if indented like the body.
    let body_indent = min_indent(&body);
    let argument_line = CellLine {
        text: format!("{}{}", " ".repeat(body_indent), argument.trim()),
        at: first.at,
    };
    if let Some((_, label)) = ADMONITIONS.iter().find(|(n, _)| *n == name) {
        out.end_paragraph();
        out.push_text(&format!("{label}: "));
        let mut content = vec![argument_line];
        content.extend(body);
        blocks(&content, out, notes);
        return;
    }
    match name.as_str() {
        "admonition" => {
            out.end_paragraph();
            out.push_text(&format!("{}: ", inline(argument.trim(), first.at, notes)));
            blocks(&body, out, notes);
        }
        "code-block" | "code" | "sourcecode" | "parsed-literal" => {
            for line in body.iter().filter(|l| !is_blank(l)) {
                out.push_paragraph(line.text.trim_end());
            }
        }
        "image" | "figure" | "raw" | "include" | "literalinclude" | "csv-table" => {
            notes.push((
                first.at,
                format!("a `{name}` directive in a cell is left out"),
            ));
        }
        _ => {
            let mut content = vec![argument_line];
            content.extend(body);
            blocks(&content, out, notes);
        }
    }
}

/// Characters before which inline markup may start (besides whitespace).
const OPENERS: &str = "-:/'\"<([{‘“«‹–—";
/// Characters after which inline markup may end (besides whitespace).
const CLOSERS: &str = "-.,:;!?\\/'\")]}>’”»›…–—";

fn can_start(chars: &[char], i: usize, len: usize) -> bool {
    let before_ok = i == 0 || chars[i - 1].is_whitespace() || OPENERS.contains(chars[i - 1]);
    let after = chars.get(i + len);
    let after_ok = after.is_some_and(|c| !c.is_whitespace());
    // `(*)` and `"*"` are text: an opener right before and its closer right after.
    let quoted = i > 0
        && after.is_some_and(|&c| {
            matches!(
                (chars[i - 1], c),
                ('(', ')') | ('[', ']') | ('{', '}') | ('<', '>') | ('\'', '\'') | ('"', '"')
            )
        });
    before_ok && after_ok && !quoted
}

fn can_end(chars: &[char], j: usize, len: usize) -> bool {
    j > 0
        && !chars[j - 1].is_whitespace()
        && chars
            .get(j + len)
            .is_none_or(|&c| c.is_whitespace() || CLOSERS.contains(c))
}

/// Where the end-string `end` of markup whose text starts at `from` is:
/// not escaped (unless `literal`), after non-whitespace, before a closer.
fn find_end(chars: &[char], from: usize, end: &str, literal: bool) -> Option<usize> {
    let end: Vec<char> = end.chars().collect();
    let mut j = from;
    while j + end.len() <= chars.len() {
        if !literal && chars[j] == '\\' {
            j += 2;
            continue;
        }
        if chars[j..j + end.len()] == end[..] && j > from && can_end(chars, j, end.len()) {
            // `*` ends emphasis only if no second `*` follows (that is `**`).
            if !(end == ['*'] && chars.get(j + 1) == Some(&'*')) {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

/// The closing backquote of interpreted text or a reference (`` `x` ``,
/// `` `x`_ ``, `` `x`__ ``): the closer condition applies after the underscores.
fn find_backquote_end(chars: &[char], from: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '\\' {
            j += 2;
            continue;
        }
        if chars[j] == '`' && j > from {
            let underscores = chars[j + 1..]
                .iter()
                .take(2)
                .take_while(|c| **c == '_')
                .count();
            if can_end(chars, j, 1 + underscores) {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

/// Backslash escapes resolved: `\x` is `x`, an escaped space is nothing.
fn unescape(chars: &[char]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            if let Some(&next) = chars.get(i + 1) {
                if !next.is_whitespace() {
                    out.push(next);
                }
            }
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The plain text of a line of inline markup.
fn inline(text: &str, at: Pos, notes: &mut Vec<Note>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((shown, next)) = markup_at(&chars, i, at, notes) {
            out.push_str(&shown);
            i = next;
            continue;
        }
        match chars[i] {
            '\\' => {
                if let Some(&next) = chars.get(i + 1) {
                    if !next.is_whitespace() {
                        out.push(next);
                    }
                }
                i += 2;
            }
            '_' if is_reference_end(&chars, i) => {
                i += if chars.get(i + 1) == Some(&'_') { 2 } else { 1 };
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Inline markup starting at `chars[i]`: what it shows and where it ends.
fn markup_at(chars: &[char], i: usize, at: Pos, notes: &mut Vec<Note>) -> Option<(String, usize)> {
    // Every kind of markup starts with one of these (most characters are text).
    if !matches!(chars[i], '`' | '*' | '_' | ':') {
        return None;
    }
    let starts = |s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    if starts("``") && can_start(chars, i, 2) {
        let end = find_end(chars, i + 2, "``", true)?;
        return Some((chars[i + 2..end].iter().collect(), end + 2));
    }
    if starts("**") && can_start(chars, i, 2) {
        let end = find_end(chars, i + 2, "**", false)?;
        return Some((unescape(&chars[i + 2..end]), end + 2));
    }
    if starts("*") && !starts("**") && can_start(chars, i, 1) {
        let end = find_end(chars, i + 1, "*", false)?;
        return Some((unescape(&chars[i + 1..end]), end + 1));
    }
    if starts("_`") && can_start(chars, i, 2) {
        let end = find_end(chars, i + 2, "`", false)?;
        return Some((unescape(&chars[i + 2..end]), end + 1));
    }
    if chars[i] == ':' {
        let name_len = chars[i + 1..]
            .iter()
            .position(|c| !(c.is_alphanumeric() || "-_.+".contains(*c)))?;
        let role_end = i + 1 + name_len;
        if name_len == 0
            || chars.get(role_end) != Some(&':')
            || chars.get(role_end + 1) != Some(&'`')
        {
            return None;
        }
        if !can_start(chars, role_end + 1, 1)
            || !(i == 0 || chars[i - 1].is_whitespace() || OPENERS.contains(chars[i - 1]))
        {
            return None;
        }
        let role: String = chars[i + 1..role_end].iter().collect();
        let end = find_end(chars, role_end + 2, "`", false)?;
        let shown = role_text(&role, &unescape(&chars[role_end + 2..end]), at, notes);
        return Some((shown, end + 1));
    }
    if chars[i] == '`' && can_start(chars, i, 1) {
        let end = find_backquote_end(chars, i + 1)?;
        let content = unescape(&chars[i + 1..end]);
        let mut next = end + 1;
        let shown = if chars.get(next) == Some(&'_') {
            next += if chars.get(next + 1) == Some(&'_') {
                2
            } else {
                1
            };
            link_title(&content).unwrap_or(content)
        } else {
            content
        };
        return Some((shown, next));
    }
    None
}

/// `Title <target>` → `Title`; `<target>` alone → `target`; else `None`.
fn link_title(content: &str) -> Option<String> {
    let body = content.strip_suffix('>')?;
    let (title, target) = body.rsplit_once('<')?;
    let title = title.trim_end();
    Some(if title.is_empty() {
        target.to_owned()
    } else {
        title.to_owned()
    })
}

/// What a role shows: its title if it has one, else its text; a
/// cross-reference without a title shows a title this page does not hold.
fn role_text(role: &str, content: &str, at: Pos, notes: &mut Vec<Note>) -> String {
    if let Some(title) = link_title(content).filter(|_| content.contains(" <")) {
        return title;
    }
    match role {
        "ref" | "doc" | "numref" | "any" => {
            let label = content.trim_start_matches(['~', '!']);
            notes.push((
                at,
                format!("`:{role}:`{label}`` shows the title of what it points to, which is not on this page: its label is kept"),
            ));
            label.to_owned()
        }
        "abbr" => content.split(" (").next().unwrap_or(content).to_owned(),
        _ => content.trim_start_matches(['~', '!']).to_owned(),
    }
}

/// Whether the `_` at `i` ends a reference name (`name_`, `name__`).
fn is_reference_end(chars: &[char], i: usize) -> bool {
    let len = if chars.get(i + 1) == Some(&'_') { 2 } else { 1 };
    if !can_end(chars, i, len) || chars.get(i + len) == Some(&'_') {
        return false;
    }
    // The name: alphanumeric runs joined by single `-._+:`, from a word start.
    let mut start = i;
    while start > 0 && !chars[start - 1].is_whitespace() && !OPENERS.contains(chars[start - 1]) {
        start -= 1;
    }
    let name = &chars[start..i];
    !name.is_empty()
        && name[0].is_alphanumeric()
        && name[name.len() - 1].is_alphanumeric()
        && name
            .windows(2)
            .all(|w| w[0].is_alphanumeric() || w[1].is_alphanumeric())
        && name
            .iter()
            .all(|c| c.is_alphanumeric() || "-._+:".contains(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(source: &str) -> String {
        let lines: Vec<CellLine> = source
            .lines()
            .enumerate()
            .map(|(i, l)| CellLine {
                text: l.to_owned(),
                at: Pos::new(i + 1, 1),
            })
            .collect();
        cell_text(&lines, &mut Vec::new())
    }

    #[test]
    fn inline_markup_is_removed_as_docutils_reads_it() {
        assert_eq!(text("Set **X-Stage** to *env*."), "Set X-Stage to env.");
        assert_eq!(text("Chars: ``&,!\"<>=.``"), "Chars: &,!\"<>=.");
        assert_eq!(text("Chars: ``(|)&$?<>.`` Ok."), "Chars: (|)&$?<>. Ok.");
        assert_eq!(
            text("The character \\`{}\\` is not allowed."),
            "The character `{}` is not allowed."
        );
        assert_eq!(
            text("**\\__system__server_id** value"),
            "__system__server_id value"
        );
        assert_eq!(text("group.\\\\n2. The"), "group.\\n2. The");
        assert_eq!(
            text("See :ref:`Error Codes <apig_03_0048>`."),
            "See Error Codes."
        );
        assert_eq!(
            text("See `the guide <https://x.example/a>`__ and `API`_."),
            "See the guide and API."
        );
        assert_eq!(
            text("Use grant_type or refresh_token, see Guide_."),
            "Use grant_type or refresh_token, see Guide."
        );
        assert_eq!(
            text("H\\ :sub:`2`\\ O and :abbr:`RDS (Relational Database Service)`"),
            "H2O and RDS"
        );
        assert_eq!(
            text("2 * 3 * 4 and a*b* and (*) and __init__"),
            "2 * 3 * 4 and a*b* and (*) and __init__"
        );
        assert_eq!(text("an *unclosed emphasis"), "an *unclosed emphasis");
    }

    #[test]
    fn paragraphs_lists_and_admonitions_are_lines() {
        assert_eq!(text("one\nwrapped\n\ntwo"), "one wrapped\ntwo");
        assert_eq!(
            text("-  first\n   wrapped\n-  second\n\n   more"),
            "first wrapped\nsecond\nmore"
        );
        assert_eq!(text("1. one\n2. two\n#. three"), "1. one\n2. two\n3. three");
        assert_eq!(
            text("#. one\n#. two\n\nText.\n\n#. again"),
            "1. one\n2. two\nText.\n1. again"
        );
        assert_eq!(text("(a) one\n\nb) two"), "(a) one\nb) two");
        assert_eq!(
            text("Apply.\n\n.. note::\n\n   When applying, evaluate."),
            "Apply.\nNote: When applying, evaluate."
        );
        assert_eq!(text(".. warning:: Stop\n   now."), "Warning: Stop now.");
        assert_eq!(
            text("Run::\n\n   a  b\n   c\n\nDone."),
            "Run:\na  b\nc\nDone."
        );
        assert_eq!(text(".. _target:\n\nText"), "Text");
        assert_eq!(text("| line one\n| line two"), "line one\nline two");
        assert_eq!(
            text("2. is a list\nbut 3. is text"),
            "2. is a list but 3. is text"
        );
        assert_eq!(text("text\n\n    deeper\n  less\n"), "text\ndeeper\nless");
    }

    #[test]
    fn a_reference_without_title_is_flagged() {
        let mut notes = Vec::new();
        let shown = inline_text("See :ref:`apig_03_0048`.", Pos::new(7, 3), &mut notes);
        assert_eq!(shown, "See apig_03_0048.");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].0, Pos::new(7, 3));
    }
}
