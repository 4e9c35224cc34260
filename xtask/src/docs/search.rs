//! What a reader of the built site can reach: every page of the sources at
//! its address (a page that moved redirects from its old one), and every
//! code through mdBook's search box.
//!
//! mdBook writes its search index as `searchindex-<hash>.js`: a JavaScript
//! line holding the elasticlunr index as JSON, in which each field (`title`,
//! `body`, …) is a trie of the tokens of the pages. A code's heading is the
//! code, so the `title` trie must hold it: as one token, lower-cased, unless
//! the stemmer took a few letters off its end (elasticlunr stems a query the
//! same way, so a typed code still finds it).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// How many letters elasticlunr's stemmer may take off the end of a token
/// (`-ing`, `-ed`, `-s`, …).
const STEMMED: usize = 3;

/// Every Markdown page under `src` (a book's sources) is published at its
/// `.html` address in `site`; a problem for each that is not.
pub fn pages_resolve(src: &Path, site: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    if let Err(e) = super::files_with_extension(src, "md", &mut pages) {
        return vec![format!("cannot read {}: {e}", src.display())];
    }
    pages
        .iter()
        .filter_map(|page| {
            let relative = page.strip_prefix(src).ok()?;
            let address = relative.with_extension("html");
            (!site.join(&address).is_file()).then(|| {
                format!(
                    "{} is not published at {}",
                    super::relative(src, page),
                    address.to_string_lossy().replace('\\', "/")
                )
            })
        })
        .collect()
}

/// The codes that the site's search cannot find by their heading.
pub fn unsearchable<'a>(site: &Path, codes: &[&'a str]) -> Result<Vec<&'a str>, String> {
    let index = read_index(site)?;
    let titles = &index["index"]["index"]["title"]["root"];
    if !titles.is_object() {
        return Err("the search index has no title field".to_owned());
    }
    Ok(codes
        .iter()
        .copied()
        .filter(|code| !finds(titles, code))
        .collect())
}

/// Whether every token of `code` (split as elasticlunr splits text, on
/// whitespace and `-`, and lower-cased) is in the trie, whole or stemmed.
fn finds(trie: &Value, code: &str) -> bool {
    let lower = code.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|token| !token.is_empty())
        .collect();
    !tokens.is_empty()
        && tokens.iter().all(|token| {
            let indexed = longest_indexed_prefix(trie, token);
            indexed + STEMMED >= token.chars().count() && indexed > 0
        })
}

/// The length, in characters, of the longest prefix of `token` that the
/// trie holds as a token (a node with documents).
fn longest_indexed_prefix(trie: &Value, token: &str) -> usize {
    let mut node = trie;
    let mut longest = 0;
    for (i, c) in token.chars().enumerate() {
        match node.get(c.to_string()) {
            Some(next) => node = next,
            None => break,
        }
        let has_docs = node["docs"]
            .as_object()
            .is_some_and(|docs| !docs.is_empty());
        if has_docs {
            longest = i + 1;
        }
    }
    longest
}

/// The search index of a built site, as JSON.
fn read_index(site: &Path) -> Result<Value, String> {
    let file = index_file(site)?;
    let text =
        std::fs::read_to_string(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
    let start = text
        .find("JSON.parse('")
        .map(|at| at + "JSON.parse('".len())
        .ok_or_else(|| format!("{} holds no JSON.parse('…')", file.display()))?;
    let end = text
        .rfind("')")
        .filter(|&end| end >= start)
        .ok_or_else(|| format!("{} holds no JSON.parse('…')", file.display()))?;
    serde_json::from_str(&unescape_single_quoted(&text[start..end]))
        .map_err(|e| format!("{}: the index is not JSON: {e}", file.display()))
}

/// `searchindex-<hash>.js` (or `searchindex.js`) in the site's root.
fn index_file(site: &Path) -> Result<PathBuf, String> {
    let entries =
        std::fs::read_dir(site).map_err(|e| format!("reading {}: {e}", site.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("searchindex"))
                && path.extension().is_some_and(|e| e == "js")
        })
        .ok_or_else(|| format!("{} has no search index", site.display()))
}

/// The text of a JavaScript single-quoted string as mdBook writes it:
/// `\'` and `\\` are its only escapes (the JSON inside keeps its own).
fn unescape_single_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next @ ('\'' | '\\')) => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_whole_or_stemmed_in_the_title_trie() {
        // The tokens `ais.0014` and `apig.fail` (the stem of `apig.failed`).
        let leaf = serde_json::json!({"df": 1, "docs": {"3": {"tf": 1.0}}});
        let mut trie = serde_json::json!({});
        for token in ["ais.0014", "apig.fail"] {
            let mut node = &mut trie;
            for c in token.chars() {
                node = node
                    .as_object_mut()
                    .expect("an object")
                    .entry(c.to_string())
                    .or_insert_with(|| serde_json::json!({"docs": {}}));
            }
            node["docs"] = leaf["docs"].clone();
        }
        assert!(finds(&trie, "AIS.0014"));
        assert!(finds(&trie, "APIG.FAILED"));
        assert!(!finds(&trie, "AIS.0015"));
        assert!(!finds(&trie, "AIS"));
        assert!(!finds(&trie, "ais.00141234"));
        assert!(!finds(&trie, "--"));
    }

    #[test]
    fn the_index_is_read_from_its_javascript() {
        assert_eq!(
            unescape_single_quoted(r#"{"a":"it\'s \\"x\\" \\\\"}"#),
            r#"{"a":"it's \"x\" \\"}"#
        );
        let site = tempfile::tempdir().expect("a folder");
        std::fs::write(
            site.path().join("searchindex-1234.js"),
            "window.search = Object.assign(window.search, JSON.parse('{\"index\":{\"index\":{\"title\":{\"root\":{}}}}}'));",
        )
        .expect("write");
        assert_eq!(unsearchable(site.path(), &["A.1"]), Ok(vec!["A.1"]));
    }
}
