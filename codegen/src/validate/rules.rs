//! The rules of single values, shared by the catalog and the table: text
//! (no control or bidi characters), statuses, booleans, names, addresses,
//! versions, and the nearest known name for a typo.

use super::Validator;
use crate::diagnostic::is_bidi_control;
use crate::load::Pos;
use crate::model::OLDEST_RUST;

impl Validator<'_> {
    /// Rejects control, bidi and line-separator characters (Trojan Source);
    /// `false` if the text has one.
    pub(super) fn check_text(&mut self, file: usize, pos: Pos, key: &str, text: &str) -> bool {
        match text.chars().find(|&c| is_forbidden_char(c)) {
            None => true,
            Some(c) => {
                self.forbidden_char_error(file, pos, key, c);
                false
            }
        }
    }

    pub(super) fn forbidden_char_error(&mut self, file: usize, pos: Pos, column: &str, c: char) {
        let what = if is_bidi_control(c) {
            "a bidirectional control character"
        } else if c == '\t' {
            "a tab"
        } else if c.is_control() {
            "a control character"
        } else {
            "an invisible formatting character"
        };
        self.error(
            file,
            pos,
            format!("`{column}` holds {what} (U+{:04X})", u32::from(c)),
            if c == '\t' {
                "replace the tab by a space"
            } else {
                "such characters can make text display differently from what it is; delete it"
            },
        );
    }

    pub(super) fn status(&mut self, file: usize, pos: Pos, text: &str) -> Option<u16> {
        let digits = text.trim();
        let parsed = digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse::<u16>().ok())
            .flatten();
        match parsed {
            Some(status) if (100..=599).contains(&status) => Some(status),
            _ if several_statuses(digits).is_some() => {
                self.error(
                    file,
                    pos,
                    format!("`{text}` gives several statuses: a row has one"),
                    "write a row for each status (the rows of one code are its cases), each with when the API returns it in its description",
                );
                None
            }
            _ => {
                let class = digits.chars().next().filter(|c| ('1'..='5').contains(c));
                let hint = match class {
                    Some(class) if digits.to_ascii_uppercase().ends_with("XX") => format!(
                        "a status class such as `{digits}` is not one status: write the status the API returns (e.g. {class}00) and keep `{digits}` in the description"
                    ),
                    _ => "write the HTTP status of the response, e.g. 400".to_owned(),
                };
                self.error(
                    file,
                    pos,
                    format!("`{text}` is not an HTTP status (an integer from 100 to 599)"),
                    hint,
                );
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, file: usize, pos: Pos, key: &str, text: &str) -> Option<bool> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.error(
                    file,
                    pos,
                    format!("`{text}` is not `true` or `false`"),
                    format!("write `{key}` as true or false, in lower case, or leave it empty"),
                );
                None
            }
        }
    }
}

/// The statuses of a cell that lists several (`400/500`, `400, 404`,
/// `400 or 404`), if it is one.
pub(super) fn several_statuses(text: &str) -> Option<Vec<u16>> {
    let statuses: Option<Vec<u16>> = text
        .split(['/', ',', ';'])
        .flat_map(|part| part.split(" or "))
        .flat_map(|part| part.split(" and "))
        .map(|part| {
            let part = part.trim();
            (part.len() == 3 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
                .filter(|s| (100..=599).contains(s))
        })
        .collect();
    statuses.filter(|s| s.len() >= 2)
}

/// CRLF and lone CR become LF.
pub(super) fn normalise_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// Characters that no spec text may hold: control characters other than line
/// feed (tabs included: they indent Markdown code blocks), bidi controls, line
/// and paragraph separators and the BOM.
pub(super) fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// The index in characters of the byte index `byte` of `text`.
pub(super) fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.chars().count())
}

/// The character index in `raw` of the character `index` of `raw` once its
/// line ends are normalised (a CRLF is one character there).
pub(super) fn raw_char_index(raw: &str, index: usize) -> usize {
    let mut chars = raw.chars().peekable();
    let mut raw_index = 0;
    for _ in 0..index {
        match chars.next() {
            None => break,
            Some('\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                raw_index += 2;
            }
            Some(_) => raw_index += 1,
        }
    }
    raw_index
}

/// A semantic version (`MAJOR.MINOR.PATCH`, optionally `-pre.release` and
/// `+build`), as Cargo and npm read it.
pub(super) fn is_semver(version: &str) -> bool {
    semver::Version::parse(version).is_ok()
}

// crates.io's rules, a few lines: cargo-util-schemas has cargo's own and
// pulls serde and toml.
/// A crate name: at most 64 lower-case letters, digits, `-` and `_`,
/// starting with a letter.
pub(super) fn is_package_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

// npm's rules (the validate-npm-package-name package) have no Rust crate.
/// An npm package name: lower case, URL-safe, optionally `@scope/`d.
pub(super) fn is_npm_name(name: &str) -> bool {
    let part_ok = |part: &str| {
        !part.is_empty()
            && !part.starts_with(['.', '_'])
            && part.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'-' | b'.' | b'_' | b'~')
            })
    };
    let ok = match name.strip_prefix('@') {
        Some(scoped) => scoped
            .split_once('/')
            .is_some_and(|(scope, bare)| part_ok(scope) && part_ok(bare)),
        None => part_ok(name),
    };
    ok && name.len() <= 214
}

// crates.io's rule for keywords, which no crate exposes.
/// A crates.io keyword: ASCII letters, digits, `_`, `-` or `+`, starting
/// with a letter or digit, at most 20 characters.
pub(super) fn is_crates_io_keyword(keyword: &str) -> bool {
    keyword.len() <= 20
        && keyword.starts_with(|c: char| c.is_ascii_alphanumeric())
        && keyword
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'))
}

/// Whether `version` (a valid Rust version) is older than [`OLDEST_RUST`].
pub(super) fn is_older_than_the_generated_code_needs(version: &str) -> bool {
    let major_minor = |v: &str| -> (u64, u64) {
        let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(u64::MAX));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
    };
    major_minor(version) < major_minor(OLDEST_RUST)
}

// Not semver: `rust-version` may have two parts, which semver::Version rejects.
/// A Rust version for `rust-version`: `1.86` or `1.86.0`.
pub(super) fn is_rust_version(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

// Not the url crate: the rule is what each output can hold, not URL syntax.
/// An address that Markdown and TOML can hold as written.
pub(super) fn is_web_address(url: &str) -> bool {
    // `*/` would end a comment that quotes the address (JSDoc `@see`).
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains("*/")
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '\\' | '|'))
}

pub(super) fn is_category_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The known name nearest to `name`, if it is close enough to be a typo.
pub(super) fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let name = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// A file name as a title: the characters that no spec text may hold
/// become spaces (a file name is the user's text too).
pub(super) fn printable(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| if is_forbidden_char(c) { ' ' } else { c })
        .collect();
    name.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_typos() {
        let known = ["status_code", "error_code", "error_msg"];
        assert_eq!(closest("eror_code", &known), Some("error_code"));
        assert_eq!(closest("Status_Code", &known), Some("status_code"));
        assert_eq!(closest("banana", &known), None);
    }

    #[test]
    fn several_statuses_in_one_cell() {
        assert_eq!(several_statuses("400/500"), Some(vec![400, 500]));
        assert_eq!(several_statuses("400 / 404/500"), Some(vec![400, 404, 500]));
        assert_eq!(several_statuses("400 or 404"), Some(vec![400, 404]));
        assert_eq!(
            several_statuses("400, 409 and 500"),
            Some(vec![400, 409, 500])
        );
        for text in ["400", "5XX", "400/5XX", "400/", "700/800", "a/b", ""] {
            assert_eq!(several_statuses(text), None, "{text}");
        }
    }

    #[test]
    fn versions() {
        assert!(is_semver("0.1.0"));
        assert!(is_semver("1.2.3-rc.1"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
        assert!(is_semver("1.2.3+build.5"));
        assert!(!is_semver("1.2.3-"));
        assert!(!is_semver("1.2.3-a..b"));
    }
}
