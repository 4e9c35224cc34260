//! Diagnostics: every problem of a run, with the place it was found.
//!
//! Rendered like a compiler's:
//!
//! ```text
//! spec/error-codes.csv:4:5: error: the code `AIS 0014` contains whitespace
//!    |
//!  4 | 400,AIS 0014,The JSON format of the input data is incorrect.,...
//!    |     ^
//!    = hint: codes are written without spaces, e.g. `AIS.0014`
//! ```

use std::fmt;

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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        writeln!(f, ": {severity}: {}", self.message)?;
        let gutter = " ".repeat(self.line.to_string().len());
        if let (Some(text), true) = (&self.source_line, self.line > 0) {
            // The line is shown with control characters made visible, so that
            // the terminal shows exactly what is in the file.
            let shown = visible(text);
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {shown}", self.line)?;
            if self.column > 0 {
                let pad: String = text
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .flat_map(|c| std::iter::repeat_n(c, visible_width(c)))
                    .collect();
                writeln!(f, "{gutter} | {pad}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{gutter} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The width of a character once [`visible`] has escaped it.
fn visible_width(c: char) -> usize {
    if c == '\t' || !c.is_control() && !is_bidi_control(c) {
        1
    } else {
        visible(&c.to_string()).chars().count()
    }
}

/// Replaces control and bidi characters by `\u{..}` escapes, so that a
/// diagnostic can never reorder or hide the text it shows (Trojan Source).
#[must_use]
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\t' && (c.is_control() || is_bidi_control(c)) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode characters that change the display order of text (CVE-2021-42574).
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
        out.push_str(&format!("{}\n", plural(warnings, "warning")));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
