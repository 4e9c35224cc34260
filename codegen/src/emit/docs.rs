//! The reference pages: one mdBook site for every catalog, `docs/` in the
//! output root, that also reads well on a plain repository view.
//!
//! ```text
//! docs/book.toml             mdBook settings (spec text renders literally), redirects
//! docs/.gitignore            ignores `book/`, where `mdbook build` writes the site
//! docs/src/SUMMARY.md        the table of contents: the site's pages, then each catalog's section
//! docs/src/README.md         the landing page: every service, with its code count and packages
//! docs/src/codes.md          every code of every service, each linked to its section
//! docs/src/<name>/           a catalog's section:
//!   index.md                   overview: source, error body, reading a code, "Other", all codes
//!   <prefix>.md                one page per code prefix (`ais.md`), one section per code
//!   no-prefix.md               codes without a prefix (`1100`), if there are any
//!   categories.md              what to do about each category, and its codes
//! ```
//!
//! A code's section heading is the code itself, so its anchor is
//! [`Code::anchor`] (`ais.md#ais0014`). Every other heading of a page goes
//! through [`anchors::Anchors`], which keeps all anchors of a page distinct.
//! A code that left the table keeps its section, as a tombstone
//! ([`crate::model::RemovedCode`]), so its page never goes away either.
//!
//! A section's overview is `index.md`, not `README.md`: mdBook publishes a
//! `README.md` as `index.html` but leaves links to it as they are, which
//! would break on the site.

mod anchors;
mod categories;
mod code_page;
mod overview;
mod site;
#[cfg(test)]
mod tests;

use super::GeneratedFile;
use crate::diagnostic::plural;
use crate::model::{Catalog, Code, RemovedCode};
use anchors::{Anchors, Heading};

pub use site::{is_site_path, site};

/// The Markdown file name, in its catalog's section, of the page that
/// documents `code` (`ais.md`, `no-prefix.md`): the page of its prefix.
/// `None` if no code of the catalog shares that prefix (the code is not
/// from this catalog).
#[must_use]
pub fn page_for(catalog: &Catalog, code: &Code) -> Option<String> {
    let group = group_of(code.prefix.as_deref());
    page_groups(catalog)
        .into_iter()
        .find(|(key, _)| *key == group)
        .map(|(_, stem)| format!("{stem}.md"))
}

/// The address of `code`'s section on the published site,
/// `{docs_base_url}{catalog}/{page}.html#{anchor}`; `None` if the catalog has
/// no `docs_base_url` (or the code is not in the catalog).
#[must_use]
pub fn code_url(catalog: &Catalog, code: &Code) -> Option<String> {
    let page = page_for(catalog, code)?;
    site_url(catalog, &page, &code.anchor)
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
            let page = format!("{}.md", pages.get(&group_of(code.prefix.as_deref()))?);
            site_url(catalog, &page, &code.anchor)
        })
        .collect()
}

fn site_url(catalog: &Catalog, page: &str, anchor: &str) -> Option<String> {
    let base = catalog.meta.docs_base_url.as_deref()?;
    let stem = page.strip_suffix(".md").unwrap_or(page);
    let slash = if base.ends_with('/') { "" } else { "/" };
    Some(format!(
        "{base}{slash}{}/{stem}.html#{anchor}",
        catalog.name
    ))
}

/// The pages of a catalog's section, as files of the section's folder
/// (`index.md`, `ais.md`, …, `categories.md`).
#[must_use]
pub fn section_pages(catalog: &Catalog) -> Vec<String> {
    let mut pages = vec![OVERVIEW_FILE.to_owned()];
    pages.extend(
        page_groups(catalog)
            .into_iter()
            .map(|(_, stem)| format!("{stem}.md")),
    );
    pages.push(CATEGORIES_FILE.to_owned());
    pages
}

/// The folder of a catalog's section in the site's sources: `docs/src/<name>/`.
fn section_folder(catalog: &Catalog) -> String {
    format!("docs/src/{}/", catalog.name)
}

/// A catalog's section of the site: its pages, paths relative to the output root.
#[must_use]
pub fn section(catalog: &Catalog) -> Vec<GeneratedFile> {
    let section = Section::plan(catalog);
    let folder = section_folder(catalog);
    let mut files = vec![
        GeneratedFile::new(format!("{folder}{OVERVIEW_FILE}"), overview::page(&section)),
        GeneratedFile::new(
            format!("{folder}{CATEGORIES_FILE}"),
            categories::page(&section),
        ),
    ];
    for page in &section.code_pages {
        files.push(GeneratedFile::new(
            format!("{folder}{}", page.file),
            code_page::page(&section, page),
        ));
    }
    files
}

/// A section's overview. Not `README.md`: see the module's documentation.
const OVERVIEW_FILE: &str = "index.md";
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

/// The page group of a prefix: the prefix, or `None` for a code without one
/// (an empty prefix, as in `.5`, counts as none).
fn group_of(prefix: Option<&str>) -> Option<&str> {
    prefix.filter(|p| !p.is_empty())
}

/// Each page group in order of its first code (then of the removed codes,
/// whose pages stay), the group without a prefix last, with its page stem:
/// the prefix in lower case, ASCII letters and digits kept and other runs
/// turned into `-`. A stem that is reserved or taken (`APIG` and `Apig` are
/// two prefixes) gets `-2`, `-3`, ….
fn page_groups(catalog: &Catalog) -> Vec<(Option<&str>, String)> {
    let prefixes = catalog
        .codes
        .iter()
        .map(|c| c.prefix.as_deref())
        .chain(catalog.removed.iter().map(|r| r.prefix.as_deref()));
    let mut groups: Vec<Option<&str>> = Vec::new();
    let mut has_no_prefix = false;
    for prefix in prefixes {
        let group = group_of(prefix);
        has_no_prefix |= group.is_none();
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
    if has_no_prefix {
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

/// Everything the pages of a catalog's section need to link to each other,
/// decided before any page is written.
struct Section<'a> {
    catalog: &'a Catalog,
    code_pages: Vec<CodePage<'a>>,
    /// For each code (parallel to `catalog.codes`), its index in `code_pages`.
    page_of: Vec<usize>,
    /// For each removed code (parallel to `catalog.removed`), the index in
    /// `code_pages` of the page with its tombstone.
    removed_page_of: Vec<usize>,
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
    /// The codes of this page that left the table: their tombstones.
    removed: Vec<&'a RemovedCode>,
    /// The page title; its anchor differs from every code's anchor.
    title: Heading,
}

impl<'a> Section<'a> {
    fn plan(catalog: &'a Catalog) -> Self {
        let groups = page_groups(catalog);
        let page_of_prefix = |prefix: Option<&str>| {
            let group = group_of(prefix);
            groups.iter().position(|(g, _)| *g == group).unwrap_or(0)
        };
        let page_of: Vec<usize> = catalog
            .codes
            .iter()
            .map(|code| page_of_prefix(code.prefix.as_deref()))
            .collect();
        let removed_page_of: Vec<usize> = catalog
            .removed
            .iter()
            .map(|removed| page_of_prefix(removed.prefix.as_deref()))
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
                let removed: Vec<&RemovedCode> = catalog
                    .removed
                    .iter()
                    .zip(&removed_page_of)
                    .filter(|&(_, &page)| page == i)
                    .map(|(removed, _)| removed)
                    .collect();
                let mut anchors = Anchors::default();
                for anchor in codes
                    .iter()
                    .map(|c| &c.anchor)
                    .chain(removed.iter().map(|r| &r.anchor))
                {
                    anchors.reserve(anchor);
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
                    removed,
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
            removed_page_of,
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

    /// The link to the tombstone of the removed code `index` (of
    /// `catalog.removed`) from another page of the section.
    fn removed_link(&self, index: usize) -> String {
        let removed = &self.catalog.removed[index];
        let page = &self.code_pages[self.removed_page_of[index]];
        format!("{}#{}", page.file, removed.anchor)
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

/// The distinct statuses of a code's cases, in table order: `400, 413`;
/// empty when the catalog's codes carry none.
fn statuses(code: &Code) -> String {
    let mut seen: Vec<u16> = Vec::new();
    for status in code.cases.iter().filter_map(|case| case.http_status) {
        if !seen.contains(&status) {
            seen.push(status);
        }
    }
    seen.iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The header and delimiter rows of a table of codes whose columns are
/// `Code`, then `HTTP` (when the catalog's codes carry a status), then
/// `rest`.
fn code_table_header(catalog: &Catalog, rest: &[&str]) -> Vec<String> {
    let mut columns = vec!["Code"];
    if catalog.has_http_status() {
        columns.push("HTTP");
    }
    columns.extend(rest);
    vec![
        format!("| {} |", columns.join(" | ")),
        format!("|{}", " --- |".repeat(columns.len())),
    ]
}

/// The `HTTP` cell of a code's row, with its separator, when the catalog's
/// codes carry a status: ` 400 |`; else nothing.
fn status_cell(catalog: &Catalog, code: &Code) -> String {
    if catalog.has_http_status() {
        format!(" {} |", statuses(code))
    } else {
        String::new()
    }
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
