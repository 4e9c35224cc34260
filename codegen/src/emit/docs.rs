//! The reference pages: `docs/`, an mdBook source that also reads well on a
//! plain repository view.
//!
//! ```text
//! docs/book.toml          mdBook settings (spec text renders literally: no smart quotes)
//! docs/.gitignore         ignores `book/`, where `mdbook build` writes the site
//! docs/src/SUMMARY.md     the table of contents
//! docs/src/README.md      overview: source, error body, reading a code, "Other", all codes
//! docs/src/<prefix>.md    one page per code prefix (`ais.md`), one section per code
//! docs/src/no-prefix.md   codes without a prefix (`1100`), if there are any
//! docs/src/categories.md  what to do about each category, and its codes
//! ```
//!
//! A code's section heading is the code itself, so its anchor is
//! [`Code::anchor`] (`ais.md#ais0014`). Every other heading of a page goes
//! through [`anchors::Anchors`], which keeps all anchors of a page distinct.

mod anchors;
mod categories;
mod code_page;
mod overview;
#[cfg(test)]
mod tests;

use super::{GeneratedFile, generated_notice};
use crate::diagnostic::plural;
use crate::model::{Catalog, Code};
use anchors::{Anchors, Heading};

/// The Markdown file name, in `docs/src/`, of the page that documents `code`
/// (`ais.md`, `no-prefix.md`): the page of its prefix. `None` if no code of
/// the catalog shares that prefix (the code is not from this catalog).
#[must_use]
pub fn page_for(catalog: &Catalog, code: &Code) -> Option<String> {
    let group = group_of(code);
    page_groups(catalog)
        .into_iter()
        .find(|(key, _)| *key == group)
        .map(|(_, stem)| format!("{stem}.md"))
}

/// The address of `code`'s section on the published site,
/// `{docs_base_url}{page}.html#{anchor}`; `None` if the catalog has no
/// `docs_base_url` (or the code is not in the catalog).
#[must_use]
pub fn code_url(catalog: &Catalog, code: &Code) -> Option<String> {
    let page = page_for(catalog, code)?;
    site_url(catalog, &page, code)
}

/// [`code_url`] for every code, in catalog order, computing the pages once.
#[must_use]
pub fn code_urls(catalog: &Catalog) -> Vec<Option<String>> {
    if catalog.meta.docs_base_url.is_none() {
        return vec![None; catalog.codes.len()];
    }
    let pages: std::collections::HashMap<Option<&str>, String> =
        page_groups(catalog).into_iter().collect();
    catalog
        .codes
        .iter()
        .map(|code| {
            let page = format!("{}.md", pages.get(&group_of(code))?);
            site_url(catalog, &page, code)
        })
        .collect()
}

fn site_url(catalog: &Catalog, page: &str, code: &Code) -> Option<String> {
    let base = catalog.meta.docs_base_url.as_deref()?;
    let stem = page.strip_suffix(".md").unwrap_or(page);
    let slash = if base.ends_with('/') { "" } else { "/" };
    Some(format!("{base}{slash}{stem}.html#{}", code.anchor))
}

/// The pages, paths relative to the output folder.
#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    let site = Site::plan(catalog);
    let mut files = vec![
        GeneratedFile::new("docs/book.toml", book_toml(catalog)),
        GeneratedFile::new(
            "docs/.gitignore",
            format!(
                "# {}\n# `mdbook build` writes the site here.\nbook/\n",
                generated_notice(catalog)
            ),
        ),
        GeneratedFile::new("docs/src/SUMMARY.md", summary(&site)),
        GeneratedFile::new("docs/src/README.md", overview::page(&site)),
        GeneratedFile::new(
            format!("docs/src/{CATEGORIES_FILE}"),
            categories::page(&site),
        ),
    ];
    for page in &site.code_pages {
        files.push(GeneratedFile::new(
            format!("docs/src/{}", page.file),
            code_page::page(&site, page),
        ));
    }
    files
}

/// The overview's file name. mdBook publishes it as `index.html`, so no page
/// links to it by name (the link would break on the site).
const OVERVIEW_FILE: &str = "README.md";
const CATEGORIES_FILE: &str = "categories.md";
/// The stem of the page of codes without a prefix.
const NO_PREFIX_STEM: &str = "no-prefix";
/// Page stems a prefix page may not take: the fixed pages, and the files
/// mdBook writes next to the pages (`index.html`, `print.html`, `404.html`,
/// `toc.html`; a `404.md` would also become the site's 404 page).
const RESERVED_STEMS: &[&str] = &[
    "readme",
    "summary",
    "categories",
    NO_PREFIX_STEM,
    "index",
    "print",
    "404",
    "toc",
];

/// The page group of a code: its prefix, or `None` for a code without one
/// (an empty prefix, as in `.5`, counts as none).
fn group_of(code: &Code) -> Option<&str> {
    code.prefix.as_deref().filter(|p| !p.is_empty())
}

/// Each page group in order of its first code (the group without a prefix
/// last), with its page stem: the prefix in lower case, ASCII letters and
/// digits kept and other runs turned into `-`. A stem that is reserved or
/// taken (`APIG` and `Apig` are two prefixes) gets `-2`, `-3`, ….
fn page_groups(catalog: &Catalog) -> Vec<(Option<&str>, String)> {
    let mut groups: Vec<Option<&str>> = Vec::new();
    for code in &catalog.codes {
        let group = group_of(code);
        if group.is_some() && !groups.contains(&group) {
            groups.push(group);
        }
    }
    let mut taken: Vec<String> = RESERVED_STEMS.iter().map(|&s| s.to_owned()).collect();
    let mut pages: Vec<(Option<&str>, String)> = groups
        .into_iter()
        .map(|group| {
            let base = stem_of(group.unwrap_or_default());
            let mut stem = base.clone();
            let mut n = 2;
            while taken.contains(&stem) {
                stem = format!("{base}-{n}");
                n += 1;
            }
            taken.push(stem.clone());
            (group, stem)
        })
        .collect();
    if catalog.codes.iter().any(|c| group_of(c).is_none()) {
        pages.push((None, NO_PREFIX_STEM.to_owned()));
    }
    pages
}

/// `ModelArts` → `modelarts`, `A_B` → `a-b`; `prefix` if nothing is left.
fn stem_of(prefix: &str) -> String {
    let words: Vec<String> = prefix
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "prefix".to_owned()
    } else {
        words.join("-")
    }
}

/// Everything the pages need to link to each other, decided before any
/// page is written.
struct Site<'a> {
    catalog: &'a Catalog,
    code_pages: Vec<CodePage<'a>>,
    /// For each code (parallel to `catalog.codes`), its index in `code_pages`.
    page_of: Vec<usize>,
    /// The categories page's title.
    categories_title: Heading,
    /// Each category's heading on the categories page (parallel to
    /// `catalog.categories`).
    category_headings: Vec<Heading>,
}

/// A page of codes: one prefix, or the codes without one.
struct CodePage<'a> {
    /// The file name in `src/` (`ais.md`).
    file: String,
    prefix: Option<&'a str>,
    codes: Vec<&'a Code>,
    /// The page title; its anchor differs from every code's anchor.
    title: Heading,
}

impl<'a> Site<'a> {
    fn plan(catalog: &'a Catalog) -> Self {
        let groups = page_groups(catalog);
        let page_of: Vec<usize> = catalog
            .codes
            .iter()
            .map(|code| {
                let group = group_of(code);
                groups.iter().position(|(g, _)| *g == group).unwrap_or(0)
            })
            .collect();
        let code_pages = groups
            .iter()
            .enumerate()
            .map(|(i, (prefix, stem))| {
                let codes: Vec<&Code> = catalog
                    .codes
                    .iter()
                    .zip(&page_of)
                    .filter(|&(_, &page)| page == i)
                    .map(|(code, _)| code)
                    .collect();
                let mut anchors = Anchors::default();
                for code in &codes {
                    anchors.reserve(&code.anchor);
                }
                let title = match prefix {
                    Some(prefix) => format!("{prefix} codes"),
                    None => "Codes without a prefix".to_owned(),
                };
                CodePage {
                    file: format!("{stem}.md"),
                    prefix: *prefix,
                    title: anchors.heading(&title),
                    codes,
                }
            })
            .collect();
        let mut anchors = Anchors::default();
        let categories_title = anchors.heading("Codes by category");
        let category_headings = catalog
            .categories
            .iter()
            .map(|category| anchors.heading(&category.title))
            .collect();
        Self {
            catalog,
            code_pages,
            page_of,
            categories_title,
            category_headings,
        }
    }

    /// The link to a code's section from another page (`ais.md#ais0014`).
    fn code_link(&self, index: usize) -> String {
        let code = &self.catalog.codes[index];
        let page = &self.code_pages[self.page_of[index]];
        format!("{}#{}", page.file, code.anchor)
    }

    /// `[Fix the request](categories.md#fix-the-request)`.
    fn category_link(&self, code: &Code) -> String {
        let category = &self.catalog.categories[code.category];
        let heading = &self.category_headings[code.category];
        format!(
            "[{}]({CATEGORIES_FILE}#{})",
            super::markdown::escape_inline(&category.title),
            heading.anchor
        )
    }
}

fn summary(site: &Site) -> String {
    let mut out = format!(
        "<!-- {} -->\n\n# Summary\n\n",
        generated_notice(site.catalog)
    );
    out += &format!("[Overview]({OVERVIEW_FILE})\n\n");
    for page in &site.code_pages {
        out += &format!("- [{}]({})\n", page.title.markdown, page.file);
    }
    out += &format!(
        "- [{}]({CATEGORIES_FILE})\n",
        site.categories_title.markdown
    );
    out
}

fn book_toml(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let mut out = format!("# {}\n", generated_notice(catalog));
    out += "# Build the site with `mdbook build` in this folder; it is written to `book/`.\n\n";
    out += "[book]\n";
    out += &format!("title = {}\n", toml_string(&meta.title));
    out += &format!("description = {}\n", toml_string(&meta.package.description));
    out += "language = \"en\"\n";
    out += "src = \"src\"\n\n";
    out += "[build]\n";
    out += "# A page missing from SUMMARY.md is an error, not an empty page.\n";
    out += "create-missing = false\n\n";
    out += "[output.html]\n";
    out += "# Spec text renders as written: no curly quotes or dashes, and a line\n";
    out += "# starting with `: ` is text, not a definition.\n";
    out += "smart-punctuation = false\n";
    out += "definition-lists = false\n";
    out += "# The pages are a reference, not numbered chapters.\n";
    out += "no-section-label = true\n";
    if let Some(repository) = &meta.package.repository {
        out += &format!("git-repository-url = {}\n", toml_string(repository));
    }
    if let Some(base) = &meta.docs_base_url {
        out += "# Where the site is published, for the links of its 404 page.\n";
        out += &format!("site-url = {}\n", toml_string(&site_path(base)));
    }
    out
}

/// The path part of an address, ending in `/`:
/// `https://host/errors` → `/errors/`, `https://host` → `/`.
fn site_path(base: &str) -> String {
    let after_scheme = base.split_once("://").map_or(base, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("/", |slash| &after_scheme[slash..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

/// A TOML basic string: `\` and `"` escaped, control characters as `\uXXXX`.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The distinct statuses of a code's cases, in table order: `400, 413`.
fn statuses(code: &Code) -> String {
    let mut seen: Vec<u16> = Vec::new();
    for case in &code.cases {
        if !seen.contains(&case.http_status) {
            seen.push(case.http_status);
        }
    }
    seen.iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table cell for a code's error message: the primary case's, with a note
/// when the code has more cases or is deprecated.
fn message_cell(code: &Code) -> String {
    let mut cell = super::markdown::table_cell(&code.primary().error_msg);
    if code.cases.len() > 1 {
        cell += &format!("<br>({} in all)", plural(code.cases.len(), "case"));
    }
    if code.deprecated.is_some() {
        cell += "<br>(deprecated)";
    }
    cell
}

/// Spec text as top-level blocks: a numbered list if its paragraphs are
/// numbered `1.`, `2.`, …, else one escaped paragraph per paragraph.
fn text_blocks(text: &str) -> Vec<String> {
    match super::markdown::numbered_items(text) {
        Some(items) => vec![
            items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{}. {}", i + 1, super::markdown::escape_inline(item)))
                .collect::<Vec<_>>()
                .join("\n"),
        ],
        None => super::markdown::paragraphs(text)
            .map(super::markdown::escape_inline)
            .collect(),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

/// Joins blocks (paragraphs, lists, tables) with one blank line, ending the
/// file with one line feed.
fn join_blocks(blocks: &[String]) -> String {
    let mut out = blocks
        .iter()
        .map(|b| b.trim_end_matches('\n'))
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}
