//! Derived names: Rust variants and Markdown anchors from codes, package
//! names from a table's file name.
//!
//! Names come from the code, never from message text (message-derived names
//! collide). Two codes whose names collide are reported by [`crate::validate`].

/// The Rust variant for a code: each run of ASCII letters and digits becomes
/// one word, an all-capitals word is title-cased, a letter or digit outside
/// ASCII becomes a word of its own, `U` and its hex code point, and
/// everything else separates words.
///
/// `AIS.0014` → `Ais0014`, `ModelArts.4101` → `ModelArts4101`, `1100` →
/// `Code1100` (an identifier cannot start with a digit), `错误.1` →
/// `U9519U8bef1`.
#[must_use]
pub fn rust_variant(code: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in code.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            words.push(format!("U{:04x}", u32::from(c)));
        }
    }
    words.push(word);
    let mut name = String::new();
    for word in words.iter().filter(|w| !w.is_empty()) {
        let all_capitals = !word.bytes().any(|b| b.is_ascii_lowercase());
        for (i, c) in word.chars().enumerate() {
            name.push(match (i, all_capitals) {
                (0, _) => c.to_ascii_uppercase(),
                (_, true) => c.to_ascii_lowercase(),
                (_, false) => c,
            });
        }
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "Code");
    }
    // `Self` is the one UpperCamelCase keyword, and it cannot be a raw identifier.
    if name == "Self" {
        name.push('_');
    }
    name
}

/// The part of a code before its first `.` (`AIS` of `AIS.0014`), which
/// names the docs page of the code; `None` without a `.` or before it.
#[must_use]
pub fn prefix(code: &str) -> Option<String> {
    code.split_once('.')
        .map(|(prefix, _)| prefix.to_owned())
        .filter(|prefix| !prefix.is_empty())
}

// Hand-written: mdBook's `normalize_id` comes only with all of the mdbook crate.
/// The Markdown anchor of a heading whose text is `heading`, as GitHub and
/// mdBook compute it: lower case, letters, digits, `-` and `_` kept, spaces
/// turned into `-`, everything else dropped. `AIS.0014` → `ais0014`.
#[must_use]
pub fn anchor(heading: &str) -> String {
    // Lower-case the whole text first, as mdBook and GitHub do: a final
    // sigma lower-cases differently from a sigma inside a word.
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// The Rust variant for a category key: `request` → `Request`,
/// `wait_and_retry` → `WaitAndRetry`.
#[must_use]
pub fn category_variant(key: &str) -> String {
    let name: String = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        if name == "Self" {
            "Self_".to_owned()
        } else {
            name
        }
    } else {
        format!("Category{name}")
    }
}

/// The crate and npm package name of a lone table, from its file name `stem`:
/// ASCII letters and digits in lower case, every other run of characters one
/// `-`, at most 64 characters, starting with a letter, never a reserved name.
/// `apig-error-codes` → `apig-error-codes`, `IAM Codes` → `iam-codes`,
/// `2024` → `codes-2024`, `self` → `self-codes`.
#[must_use]
pub fn package_name(stem: &str) -> String {
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "codes-");
    }
    name.truncate(64);
    let mut name = name.trim_end_matches('-').to_owned();
    if is_reserved_crate_name(&name) {
        name.push_str("-codes");
    }
    name
}

/// Names a crate cannot have: its library name (`-` read as `_`) would be a
/// Rust keyword or shadow a crate of the standard distribution.
#[must_use]
pub fn is_reserved_crate_name(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "abstract",
        "alloc",
        "as",
        "async",
        "await",
        "become",
        "box",
        "break",
        "const",
        "continue",
        "core",
        "crate",
        "do",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "final",
        "fn",
        "for",
        "gen",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "macro",
        "match",
        "mod",
        "move",
        "mut",
        "override",
        "priv",
        "proc_macro",
        "pub",
        "ref",
        "return",
        "self",
        "static",
        "std",
        "struct",
        "super",
        "test",
        "trait",
        "true",
        "try",
        "type",
        "typeof",
        "unsafe",
        "unsized",
        "use",
        "virtual",
        "where",
        "while",
        "yield",
    ];
    RESERVED.contains(&name.replace('-', "_").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_follow_the_code() {
        assert_eq!(rust_variant("AIS.0014"), "Ais0014");
        assert_eq!(rust_variant("APIG.0308"), "Apig0308");
        assert_eq!(rust_variant("ModelArts.4101"), "ModelArts4101");
        assert_eq!(rust_variant("ModelArts.81001"), "ModelArts81001");
        assert_eq!(rust_variant("IAM.0001"), "Iam0001");
        assert_eq!(rust_variant("Apig.0001"), "Apig0001");
        assert_eq!(rust_variant("modelarts.x_y-z"), "ModelartsXYZ");
    }

    #[test]
    fn variants_are_always_identifiers() {
        assert_eq!(rust_variant("1100"), "Code1100");
        assert_eq!(rust_variant("SELF"), "Self_");
        assert_eq!(rust_variant("self"), "Self_");
        assert_eq!(rust_variant("错误"), "U9519U8bef");
        assert_eq!(rust_variant("错误.1"), "U9519U8bef1");
        assert_eq!(rust_variant("Ä.1"), "U00c41");
        assert_eq!(rust_variant("-"), "Code");
        for code in [
            "AIS.0014", "1100", "a.b.c", "x", "__", "Z9", "9z", "错误", "١٢", "é",
        ] {
            let name = rust_variant(code);
            assert!(
                syn::parse_str::<syn::Ident>(&name).is_ok(),
                "{code} -> {name}"
            );
        }
    }

    #[test]
    fn anchors_match_github_and_mdbook() {
        assert_eq!(anchor("AIS.0014"), "ais0014");
        assert_eq!(anchor("ModelArts.4101"), "modelarts4101");
        assert_eq!(anchor("1100"), "1100");
        assert_eq!(anchor("Summary table"), "summary-table");
        assert_eq!(anchor("a_b-c"), "a_b-c");
        assert_eq!(
            anchor("ΑΣ.1"),
            "ας1",
            "a final sigma, as mdBook lower-cases it"
        );
    }

    #[test]
    fn category_variants() {
        assert_eq!(category_variant("request"), "Request");
        assert_eq!(category_variant("wait_and_retry"), "WaitAndRetry");
        assert_eq!(category_variant("5xx"), "Category5xx");
    }

    #[test]
    fn default_names_come_from_the_file() {
        assert_eq!(package_name("apig-error-codes"), "apig-error-codes");
        assert_eq!(package_name("IAM Codes"), "iam-codes");
        assert_eq!(package_name("2024"), "codes-2024");
        assert_eq!(package_name("self"), "self-codes");
        assert_eq!(package_name("错误"), "codes");
        assert_eq!(package_name(&"x".repeat(100)).len(), 64);
    }
}
