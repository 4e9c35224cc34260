//! What mdBook makes of the reference pages: each heading's id, each link,
//! and whether every relative link of a book lands on a page and a heading.
//!
//! The pages are read by pulldown-cmark, mdBook's own parser, at the version
//! that mdBook 0.5.4 builds with and with the options it uses under the
//! generated `book.toml` (no smart punctuation, no definition lists). Only
//! mdBook's own rules are written here: how a heading's text becomes its id
//! and the `-1`, `-2` suffixes of a repeated id (`id_from_content` and
//! `unique_id` in mdbook-html), which destinations have a scheme, and what
//! a page is (a `.md` file listed in `SUMMARY.md`, `README.md` published as
//! `index.html`).
//!
//! No I/O: `cargo xtask ci` reads a book's files for [`check_book`], and the
//! tests of `emit::docs` read the pages in memory.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::position::LineIndex;

/// A parser of `markdown` with mdBook 0.5.4's options (`new_cmark_parser`
/// in mdbook-markdown) under the generated `book.toml`: tables, footnotes,
/// strikethrough, task lists, heading attributes and GFM (admonitions); no
/// smart punctuation and no definition lists.
#[must_use]
pub fn parser(markdown: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    Parser::new_ext(markdown, options)
}

/// One heading of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Its line, from 1.
    pub line: usize,
    /// 1 for `#`, 2 for `##`, …
    pub level: usize,
    /// What a reader sees: its text and code, without markup.
    pub text: String,
    /// Its id on the site, as mdBook gives it: unique on the page.
    pub id: String,
}

/// A link or image of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its line, from 1.
    pub line: usize,
    /// Where it points, as written (an e-mail autolink gets `mailto:`).
    pub destination: String,
}

/// One Markdown page, as far as headings and links are concerned.
#[derive(Debug, Default)]
pub struct Page {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// Headings that mdBook renders, but not as the generator means them:
    /// (line, message). A repeated id gets a suffix, so the plain anchor
    /// leads to the first heading; inline markup (a code span, HTML, an
    /// `{#id}` attribute) means that spec text in a heading escaped its
    /// escaping.
    pub problems: Vec<(usize, String)>,
}

/// Reads a page's headings and links.
#[must_use]
pub fn read_page(markdown: &str) -> Page {
    let lines = LineIndex::new(markdown);
    let mut page = Page::default();
    let mut used_ids = HashSet::new();
    let mut heading: Option<OpenHeading> = None;
    for (event, range) in parser(markdown).into_offset_iter() {
        let line = lines.line_of(range.start);
        if let Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                ..
            },
        ) = &event
        {
            let destination = match link_type {
                LinkType::Email => format!("mailto:{dest_url}"),
                _ => dest_url.to_string(),
            };
            page.links.push(Link { line, destination });
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let attribute = (id.is_some() || !classes.is_empty() || !attrs.is_empty())
                    .then_some("an `{#id}` or `{.class}` attribute");
                heading = Some(OpenHeading {
                    line,
                    level: level as usize,
                    explicit_id: id.map(|id| id.to_string()),
                    text: String::new(),
                    markup: attribute,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some(OpenHeading {
                    line,
                    level,
                    explicit_id,
                    text,
                    markup,
                }) = heading.take()
                else {
                    continue;
                };
                // mdBook takes an `{#id}` as it is, without counting it.
                let base = heading_id(&text);
                let (id, repeated) = match explicit_id {
                    Some(id) => (id, false),
                    None => {
                        let id = unique_id(&base, &mut used_ids);
                        let repeated = id != base;
                        (id, repeated)
                    }
                };
                if repeated {
                    page.problems
                        .push((line, format!("a second heading with the anchor `{base}`")));
                }
                if let Some(markup) = markup {
                    page.problems.push((
                        line,
                        format!(
                            "the heading `{text}` has {markup}: spec text in a heading must show literally"
                        ),
                    ));
                }
                page.headings.push(Heading {
                    line,
                    level,
                    text,
                    id,
                });
            }
            event => {
                if let Some(heading) = &mut heading {
                    let (seen, found) = heading_part(&event);
                    heading.text.push_str(seen);
                    heading.markup = heading.markup.or(found);
                }
            }
        }
    }
    page
}

/// The heading being read.
struct OpenHeading {
    line: usize,
    level: usize,
    /// Its `{#id}` attribute, if it has one.
    explicit_id: Option<String>,
    text: String,
    /// The first markup found in it.
    markup: Option<&'static str>,
}

/// What an event inside a heading adds to its text (mdBook's id is made
/// from the text of every node inside), and the markup it is, if any.
fn heading_part<'a>(event: &'a Event<'_>) -> (&'a str, Option<&'static str>) {
    match event {
        Event::Text(text) => (text, None),
        Event::Code(code) => (code, Some("a code span")),
        Event::SoftBreak | Event::HardBreak => ("\n", None),
        Event::InlineHtml(_) | Event::Html(_) => ("", Some("HTML")),
        Event::FootnoteReference(_) => ("", Some("a footnote reference")),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => ("", Some("emphasis")),
        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => ("", Some("a link")),
        _ => ("", None),
    }
}

/// The id mdBook 0.5 gives a heading whose text is `text` (`id_from_content`
/// in mdbook-html, which GitHub's rule follows for such text): trimmed,
/// lower case, letters, digits, `_` and `-` kept, whitespace turned into
/// `-`, everything else dropped.
#[must_use]
pub fn heading_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// mdBook's `unique_id`: `id`, or if a heading of the page already has it,
/// `id-1`, `id-2`, … whichever is free first.
fn unique_id(id: &str, used: &mut HashSet<String>) -> String {
    if used.insert(id.to_owned()) {
        return id.to_owned();
    }
    let mut counter = 1;
    loop {
        let candidate = format!("{id}-{counter}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        counter += 1;
    }
}

/// `https:`, `mailto:`: a destination that mdBook leaves alone, not a path
/// in the book (`^[a-z][a-z0-9+.-]*:`, mdbook-html's `fix_link`).
#[must_use]
pub fn has_scheme(destination: &str) -> bool {
    let Some((scheme, _)) = destination.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_lowercase())
        && scheme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
}

/// A relative destination split into its path and fragment, each
/// percent-decoded (`a.md#%E9%94%99` → (`a.md`, `错`)).
#[must_use]
pub fn split_destination(destination: &str) -> (String, Option<String>) {
    match destination.split_once('#') {
        Some((path, fragment)) => (percent_decode(path), Some(percent_decode(fragment))),
        None => (percent_decode(destination), None),
    }
}

/// `%E9%94%99` → `错`; text that is not valid percent-encoded UTF-8 stays
/// as it is.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_owned(), Cow::into_owned)
}

/// What the link check found in one book.
#[derive(Debug, Default)]
pub struct LinkReport {
    pub pages: usize,
    pub headings: usize,
    pub relative_links: usize,
    pub external_links: usize,
    /// `page:line: message`, or a message about the whole book.
    pub problems: Vec<String>,
}

/// Checks a book's `src` folder, given as its Markdown pages (path relative
/// to `src`, with `/` → text) and `is_file`, which says whether another
/// path is a file there: each relative link resolves to a file inside
/// `src`, and to a heading of it if it names one; anchors are unique per
/// page and headings hold no markup; every page is listed in `SUMMARY.md`;
/// no page links to a `README.md`, which mdBook publishes as `index.html`.
#[must_use]
pub fn check_book(pages: &BTreeMap<String, String>, is_file: impl Fn(&str) -> bool) -> LinkReport {
    let read: BTreeMap<&str, Page> = pages
        .iter()
        .map(|(path, text)| (path.as_str(), read_page(text)))
        .collect();
    let mut report = LinkReport {
        pages: read.len(),
        ..LinkReport::default()
    };
    let mut listed = BTreeSet::new();
    for (&path, page) in &read {
        report.headings += page.headings.len();
        for (line, message) in &page.problems {
            report.problems.push(format!("{path}:{line}: {message}"));
        }
        for Link { line, destination } in &page.links {
            if has_scheme(destination) {
                report.external_links += 1;
                continue;
            }
            report.relative_links += 1;
            let problem = match resolve(path, destination) {
                Err(message) => Some(message),
                Ok((target, _)) if !read.contains_key(target.as_str()) && !is_file(&target) => {
                    Some(format!("`{destination}`: no such file"))
                }
                Ok((target, fragment)) => {
                    if path == SUMMARY {
                        listed.insert(target.clone());
                    }
                    let named_readme = !destination.starts_with('#')
                        && (target == "README.md" || target.ends_with("/README.md"));
                    if named_readme && path != SUMMARY {
                        report.problems.push(format!(
                            "{path}:{line}: `{destination}` links to a README.md, which mdBook \
                             publishes as index.html: the link would break on the site"
                        ));
                    }
                    fragment.and_then(|fragment| match read.get(target.as_str()) {
                        Some(page) if page.headings.iter().any(|h| h.id == fragment) => None,
                        Some(_) => Some(format!(
                            "`{destination}`: {target} has no heading with the anchor `{fragment}`"
                        )),
                        None => Some(format!(
                            "`{destination}` names an anchor in a file that is not a Markdown page"
                        )),
                    })
                }
            };
            if let Some(problem) = problem {
                report.problems.push(format!("{path}:{line}: {problem}"));
            }
        }
    }
    if read.contains_key(SUMMARY) {
        for path in read
            .keys()
            .filter(|p| **p != SUMMARY && !listed.contains(**p))
        {
            report.problems.push(format!(
                "{path} is not listed in SUMMARY.md, so the site would not have it"
            ));
        }
    } else {
        report.problems.push("there is no SUMMARY.md".to_owned());
    }
    report
}

/// The table of contents: the pages it links to are the book's.
const SUMMARY: &str = "SUMMARY.md";

/// The path inside `src` that a relative destination on the page `page`
/// names (its own path for `#fragment`), and its fragment.
fn resolve(page: &str, destination: &str) -> Result<(String, Option<String>), String> {
    let (path, fragment) = split_destination(destination);
    if path.is_empty() {
        return Ok((page.to_owned(), fragment));
    }
    if path.starts_with('/') {
        return Err(format!(
            "`{destination}` is an absolute path: it breaks on a site that is not at the root"
        ));
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{destination}` leaves the book's src folder"));
                }
            }
            part => parts.push(part),
        }
    }
    Ok((parts.join("/"), fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(page: &Page) -> Vec<&str> {
        let mut ids: Vec<&str> = page.headings.iter().map(|h| h.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }

    fn destinations(markdown: &str) -> Vec<String> {
        read_page(markdown)
            .links
            .into_iter()
            .map(|l| l.destination)
            .collect()
    }

    #[test]
    fn headings_get_mdbook_anchors() {
        let page = read_page(
            "# Title\n\n## AIS.0014\n\n## A\\_B \\{\\#x\\}\n\n### Fix \\| the \\<request\\>\n",
        );
        assert_eq!(
            ids(&page),
            ["a_b-x", "ais0014", "fix--the-request", "title"]
        );
        assert!(page.problems.is_empty(), "{:?}", page.problems);
        // Final sigma: mdBook lower-cases the whole text, as JavaScript does.
        assert_eq!(heading_id("ΑΣ.1"), "ας1");
        assert_eq!(heading_id(" 错误.1 "), "错误1");
        // What mdbook-html's own tests expect.
        assert_eq!(
            heading_id("`--passes`: add more rustdoc passes"),
            "--passes-add-more-rustdoc-passes"
        );
        assert_eq!(heading_id("中文標題 CJK title"), "中文標題-cjk-title");
    }

    #[test]
    fn duplicate_and_unrenderable_headings_are_reported() {
        let page = read_page("# A\n\n## a\n\n## `code`\n\n## B {#custom}\n");
        let messages: Vec<&str> = page.problems.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("anchor `a`"));
        assert_eq!(page.problems[1].0, 5);
        assert!(messages[1].contains("a code span"), "{messages:?}");
        assert!(messages[2].contains("attribute"), "{messages:?}");
        // As on the site: the second `a` is `a-1`, an `{#id}` is taken as is.
        assert_eq!(ids(&page), ["a", "a-1", "code", "custom"]);
    }

    #[test]
    fn code_is_not_scanned() {
        let page = read_page(
            "# T\n\n```md\n# not a heading\n[x](nowhere.md)\n```\n\nSee `[x](nowhere.md)` and [y](#t).\n~~~\n## no\n~~~\n",
        );
        assert_eq!(page.headings.len(), 1);
        assert_eq!(
            page.links,
            [Link {
                line: 8,
                destination: "#t".to_owned()
            }]
        );
    }

    #[test]
    fn links_are_found_and_escapes_respected() {
        assert_eq!(
            destinations(
                "[a](x.md#y) \\[b\\](c) ![i](img.png \"t\") [d](<with space.md>) [e](f(1).md)"
            ),
            ["x.md#y", "img.png", "with space.md", "f(1).md"]
        );
        assert_eq!(destinations("| [A\\|B](ais.md#ab) | x |"), ["ais.md#ab"]);
        assert!(destinations("\\[link\\](javascript:alert(1))").is_empty());
        // Reference links and autolinks are links too.
        assert_eq!(
            destinations("[r][ref] <a@b.invalid> <https://x.invalid>\n\n[ref]: r.md#z\n"),
            ["r.md#z", "mailto:a@b.invalid", "https://x.invalid"]
        );
    }

    #[test]
    fn closing_sequences_and_non_headings() {
        let text = |markdown: &str| -> Vec<String> {
            read_page(markdown)
                .headings
                .into_iter()
                .map(|h| h.text)
                .collect()
        };
        assert_eq!(text("## Title ##"), ["Title"]);
        assert_eq!(text("## C\\#"), ["C#"]);
        assert!(text("#hashtag").is_empty());
        assert!(text("####### seven").is_empty());
        assert_eq!(text("#"), [""]);
    }

    #[test]
    fn schemes_and_percent_decoding() {
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b") && has_scheme("a+b.c-d:x"));
        assert!(!has_scheme("a.md#x:y") && !has_scheme("#x") && !has_scheme("1a:b"));
        assert_eq!(percent_decode("%E9%94%99%E8%AF%AF1"), "错误1");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%FF"), "%FF");
        assert_eq!(
            split_destination("a%20b.md#%E9%94%99"),
            ("a b.md".to_owned(), Some("错".to_owned()))
        );
    }

    fn book(pages: &[(&str, &str)]) -> BTreeMap<String, String> {
        pages
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect()
    }

    #[test]
    fn a_book_with_good_links_passes() {
        let pages = book(&[
            (
                "SUMMARY.md",
                "# Summary\n\n[Overview](README.md)\n\n- [A](a.md)\n",
            ),
            (
                "README.md",
                "# Overview\n\n[AIS.0014](a.md#ais0014) [top](#overview)\n",
            ),
            (
                "a.md",
                "# A codes\n\n## AIS.0014\n\n[Back](#a-codes) <https://x.invalid>\n",
            ),
        ]);
        let report = check_book(&pages, |_| false);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(
            (report.pages, report.headings, report.relative_links),
            (3, 4, 5)
        );
        assert_eq!(report.external_links, 1);
    }

    #[test]
    fn links_resolve_from_subfolders_and_to_other_files() {
        let pages = book(&[
            ("SUMMARY.md", "# Summary\n\n- [B](sub/b.md)\n"),
            (
                "sub/b.md",
                "# B\n\n[self](./b.md#b) [up](../SUMMARY.md#summary) ![logo](logo.png) [i](logo.png#x)\n",
            ),
        ]);
        let report = check_book(&pages, |path| path == "sub/logo.png");
        assert_eq!(
            report.problems,
            ["sub/b.md:3: `logo.png#x` names an anchor in a file that is not a Markdown page"]
        );
        assert_eq!(report.relative_links, 5);
    }

    #[test]
    fn broken_links_are_reported() {
        let pages = book(&[
            (
                "SUMMARY.md",
                "# Summary\n\n- [A](a.md)\n- [Gone](gone.md)\n",
            ),
            (
                "a.md",
                "# A\n\n[x](a.md#nope) [y](b.md) [z](README.md) [w](../outside.md) [v](/abs.md)\n",
            ),
            ("README.md", "# R\n"),
            ("orphan.md", "# O\n"),
        ]);
        let problems = check_book(&pages, |_| false).problems;
        let expected = [
            "a.md:3: `a.md#nope`: a.md has no heading with the anchor `nope`",
            "a.md:3: `b.md`: no such file",
            "a.md:3: `README.md` links to a README.md",
            "a.md:3: `../outside.md` leaves the book's src folder",
            "a.md:3: `/abs.md` is an absolute path",
            "SUMMARY.md:4: `gone.md`: no such file",
            "README.md is not listed in SUMMARY.md",
            "orphan.md is not listed in SUMMARY.md",
        ];
        for message in expected {
            assert!(
                problems.iter().any(|p| p.starts_with(message)),
                "missing {message:?} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
        let no_summary = check_book(&book(&[("a.md", "# A\n")]), |_| false);
        assert_eq!(no_summary.problems, ["there is no SUMMARY.md"]);
    }
}
