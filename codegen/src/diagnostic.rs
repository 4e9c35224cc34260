//! Diagnostics: every problem of a run, with the place it was found.
//!
//! Rendered like a compiler's:
//!
//! ```text
//! spec/error-codes.csv:4:8: error: the code `AIS 0014` contains whitespace
//!   |
//! 4 | 400,AIS 0014,The JSON format of the input data is incorrect.,...
//!   |        ^
//!   = hint: codes are written without spaces, e.g. `AIS0014`
//!
//! 1 error found in the spec
//! ```
//!
//! The column counts characters; the caret is placed for a terminal (wide
//! characters take two columns). Spec text in a diagnostic never reaches the
//! terminal raw: control, bidi and invisible characters are shown as `\u{..}`.

use std::fmt;

use unicode_width::UnicodeWidthChar;

/// How bad a problem is: errors stop generation, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as shown to the user (`spec/error-codes.csv`).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The text of the offending line, when there is one.
    pub source_line: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    #[must_use]
    pub fn error(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    #[must_use]
    pub fn warning(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, column, message)
        }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    #[must_use]
    pub fn with_source_line(mut self, line: Option<&str>) -> Self {
        self.source_line = line.map(str::to_owned);
        self
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

// Rendered here, not with annotate-snippets or codespan-reporting: the format
// is the snapshots' and the README's, and all spec text goes through `visible`.
impl fmt::Display for Diagnostic {
    /// Spec text in the message, the line and the hint is shown with control
    /// characters made visible, so that the terminal shows exactly what is in
    /// the file and nothing can reorder or hide it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", visible(&self.file))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        writeln!(f, ": {severity}: {}", visible(&self.message))?;
        let gutter = " ".repeat(self.line.to_string().len());
        if let (Some(text), true) = (&self.source_line, self.line > 0) {
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {}", self.line, visible(text))?;
            if self.column > 0 {
                writeln!(f, "{gutter} | {}^", caret_padding(text, self.column))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{gutter} = hint: {}", visible(hint))?;
        }
        Ok(())
    }
}

/// What goes before the caret under `text` shown by [`visible`], to reach the
/// 1-based character `column`: a tab for a tab, spaces for the width of
/// everything else as a terminal shows it.
fn caret_padding(text: &str, column: usize) -> String {
    let mut pad = String::new();
    for c in text.chars().take(column - 1) {
        if c == '\t' {
            pad.push('\t');
        } else {
            pad.extend(std::iter::repeat_n(' ', display_width(c)));
        }
    }
    pad
}

/// How many terminal columns a character takes once [`visible`] has shown it:
/// an escape's length, else its width by Unicode's East Asian Width and
/// zero-width classes (2 for CJK, 0 for combining marks).
fn display_width(c: char) -> usize {
    if needs_escape(c) {
        return escape(c).len();
    }
    c.width().unwrap_or(0)
}

fn needs_escape(c: char) -> bool {
    c != '\t'
        && (c.is_control()
            || is_bidi_control(c)
            || is_invisible(c)
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
}

fn escape(c: char) -> String {
    format!("\\u{{{:04x}}}", u32::from(c))
}

/// Replaces control, bidi and line-separator characters by `\u{..}`
/// escapes, so that a diagnostic can never reorder or hide the text it shows
/// (Trojan Source).
#[must_use]
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    out
}

// A fixed list: unicode-bidi's classes do not single out the marks LRM, RLM, ALM.
/// Unicode characters that change the display order of text (CVE-2021-42574).
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

// A fixed list: no small maintained crate exposes Default_Ignorable_Code_Point.
/// Characters that print as nothing (zero-width spaces and joiners, soft
/// hyphens, variation selectors, tags): two texts that look the same may
/// differ by them.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{ffa0}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Renders all diagnostics, errors and warnings in the order found, then a count line.
#[must_use]
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 {
        out.push_str(&format!("{} found in the spec", plural(errors, "error")));
        if warnings > 0 {
            out.push_str(&format!(" ({})", plural(warnings, "warning")));
        }
        out.push('\n');
    } else if warnings > 0 {
        out.push_str(&format!(
            "{} found in the spec\n",
            plural(warnings, "warning")
        ));
    }
    out
}

/// `1 error`, `2 errors`: a count and its noun, plural unless the count is 1.
#[must_use]
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_counts_terminal_columns() {
        // A combining accent takes no column, CJK and emoji take two, an
        // escaped control character the length of its escape, a tab a tab.
        assert_eq!(caret_padding("e\u{301}x", 3), " ");
        assert_eq!(caret_padding("错🙂x", 3), "    ");
        assert_eq!(caret_padding("\u{202e}x", 2), " ".repeat(8));
        assert_eq!(caret_padding("\tx", 2), "\t");
    }
}
