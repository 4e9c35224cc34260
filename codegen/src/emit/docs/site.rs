//! The pages of the site as a whole, around the catalogs' sections: the
//! mdBook settings (with the redirects of pages that moved), the table of
//! contents, the landing page that lists the services, and the page that
//! finds any code of any service.

use super::anchors::Anchors;
use super::{CATEGORIES_FILE, OVERVIEW_FILE, Section, join_blocks, message_cell, statuses};
use crate::diagnostic::plural;
use crate::emit::markdown::{code_span, escape_inline, table_cell};
use crate::emit::{GeneratedFile, notice_from};
use crate::model::Catalog;

/// The landing page (published as the site's `index.html`).
const LANDING_FILE: &str = "README.md";
/// The page of every code of every service.
const CODES_FILE: &str = "codes.md";
/// Pages of the site's root: the landing page (and the names mdBook and a
/// repository view give it), the codes page, and the pages mdBook writes.
const ROOT_PAGES: &[&str] = &[
    "index.html",
    "README.html",
    "SUMMARY.html",
    "codes.html",
    "print.html",
    "404.html",
    "toc.html",
];
/// Addresses of the landing page's source files, which a reader may derive
/// from the repository view (`README.md` → `README.html`): they redirect to
/// the landing page.
const SOURCE_ADDRESSES: &[&str] = &["README.html", "SUMMARY.html"];

/// The files of the site that are not a catalog's section: `docs/book.toml`,
/// `docs/.gitignore`, `docs/src/SUMMARY.md`, the landing page and the codes
/// page. `catalogs` in the order the site lists them.
#[must_use]
pub fn site(catalogs: &[&Catalog]) -> Vec<GeneratedFile> {
    let sections: Vec<Section> = catalogs.iter().map(|c| Section::plan(c)).collect();
    let notice = site_notice(catalogs);
    vec![
        GeneratedFile::new("docs/book.toml", book_toml(&notice, catalogs)),
        GeneratedFile::new(
            "docs/.gitignore",
            format!("# {notice}\n# `mdbook build` writes the site here.\nbook/\n"),
        ),
        GeneratedFile::new("docs/src/SUMMARY.md", summary(&notice, &sections)),
        GeneratedFile::new(
            format!("docs/src/{LANDING_FILE}"),
            landing(&notice, &sections),
        ),
        GeneratedFile::new(
            format!("docs/src/{CODES_FILE}"),
            codes_page(&notice, &sections),
        ),
    ]
}

/// Whether `path` (relative to the site's root) is an address that the site
/// has now: a root page, or anything in a catalog's section.
#[must_use]
pub fn is_site_path(path: &str, catalog_names: &[&str]) -> bool {
    ROOT_PAGES.contains(&path)
        || path
            .split_once('/')
            .is_some_and(|(folder, _)| catalog_names.contains(&folder))
}

/// The `@generated` line of the site's own files: it names each catalog's
/// first spec file (its `catalog.yaml`).
fn site_notice(catalogs: &[&Catalog]) -> String {
    let files: Vec<&str> = catalogs
        .iter()
        .filter_map(|c| c.meta.spec_files.first().map(String::as_str))
        .collect();
    if files.is_empty() {
        notice_from("no catalog")
    } else {
        notice_from(&files.join(", "))
    }
}

/// A link from the site's root to a page of a catalog's section.
fn section_link(section: &Section, file: &str) -> String {
    format!("{}/{file}", section.catalog.name)
}

fn summary(notice: &str, sections: &[Section]) -> String {
    let mut out = format!("<!-- {notice} -->\n\n# Summary\n\n");
    out += &format!("[Error codes]({LANDING_FILE})\n\n");
    out += &format!("[Find a code]({CODES_FILE})\n\n");
    for section in sections {
        out += &format!(
            "- [{}]({})\n",
            escape_inline(&section.catalog.meta.service),
            section_link(section, OVERVIEW_FILE)
        );
        for page in &section.code_pages {
            out += &format!(
                "  - [{}]({})\n",
                page.title.markdown,
                section_link(section, &page.file)
            );
        }
        out += &format!(
            "  - [{}]({})\n",
            section.categories_title.markdown,
            section_link(section, CATEGORIES_FILE)
        );
    }
    out
}

/// The landing page: every service, with its codes, crate and package.
fn landing(notice: &str, sections: &[Section]) -> String {
    let codes: usize = sections.iter().map(|s| s.catalog.codes.len()).sum();
    let mut blocks = vec![
        format!("<!-- {notice} -->"),
        "# Error codes".to_owned(),
        format!(
            "The documented error codes of {} ({} in all). Each service's table is generated \
             into a Rust crate, an npm package, OpenAPI components and the pages of its section \
             here. [Find a code](codes.md) lists every code of every service.",
            plural(sections.len(), "service"),
            plural(codes, "code"),
        ),
    ];
    if sections.is_empty() {
        blocks.push("The repository holds no catalog yet.".to_owned());
        return join_blocks(&blocks);
    }
    let mut table = vec![
        "| Service | Codes | Rust crate | npm package | Version |".to_owned(),
        "| --- | --- | --- | --- | --- |".to_owned(),
    ];
    for section in sections {
        let meta = &section.catalog.meta;
        table.push(format!(
            "| [{}]({}) | {} | {} | {} | {} |",
            table_cell(&meta.service),
            section_link(section, OVERVIEW_FILE),
            section.catalog.codes.len(),
            code_span(&meta.crate_name),
            code_span(&meta.npm_name),
            meta.version,
        ));
    }
    blocks.push(table.join("\n"));
    join_blocks(&blocks)
}

/// Every code of every service in the order of its text (so that codes of
/// one prefix in several services stand together), each linked to its
/// section; removed codes link to their tombstones.
fn codes_page(notice: &str, sections: &[Section]) -> String {
    let mut anchors = Anchors::default();
    let title = anchors.heading("Find a code");
    let mut blocks = vec![
        format!("<!-- {notice} -->"),
        format!("# {}", title.markdown),
        "Every code of every service, in the order of its text, linked to its section. \
         The site's search finds a code too: type it in the search box."
            .to_owned(),
    ];
    let mut rows: Vec<(&str, String)> = Vec::new();
    for section in sections {
        let service = format!(
            "[{}]({})",
            table_cell(&section.catalog.meta.service),
            section_link(section, OVERVIEW_FILE)
        );
        for (i, code) in section.catalog.codes.iter().enumerate() {
            rows.push((
                &code.code,
                format!(
                    "| [{}]({}) | {service} | {} | {} |",
                    escape_inline(&code.code),
                    section_link(section, &section.code_link(i)),
                    statuses(code),
                    message_cell(code),
                ),
            ));
        }
        for (index, removed) in section.catalog.removed.iter().enumerate() {
            rows.push((
                &removed.code,
                format!(
                    "| [{}]({}) | {service} | | (removed in {}) |",
                    escape_inline(&removed.code),
                    section_link(section, &section.removed_link(index)),
                    removed.removed_in,
                ),
            ));
        }
    }
    if rows.is_empty() {
        blocks.push("The repository holds no code yet.".to_owned());
        return join_blocks(&blocks);
    }
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut table = vec![
        "| Code | Service | HTTP | Error message |".to_owned(),
        "| --- | --- | --- | --- |".to_owned(),
    ];
    table.extend(rows.into_iter().map(|(_, row)| row));
    blocks.push(table.join("\n"));
    join_blocks(&blocks)
}

fn book_toml(notice: &str, catalogs: &[&Catalog]) -> String {
    let mut out = format!("# {notice}\n");
    out += "# Build the site with `mdbook build` in this folder; it is written to `book/`.\n\n";
    out += "[book]\n";
    out += "title = \"Error codes\"\n";
    let services: Vec<&str> = catalogs.iter().map(|c| c.meta.service.as_str()).collect();
    out += &format!(
        "description = {}\n",
        toml_string(&format!(
            "The documented error codes of {}",
            services.join(", ")
        ))
    );
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
    if let Some(repository) = catalogs
        .iter()
        .find_map(|c| c.meta.package.repository.as_ref())
    {
        out += &format!("git-repository-url = {}\n", toml_string(repository));
    }
    // The catalogs agree on the address (see `crate::repository`).
    if let Some(base) = catalogs.iter().find_map(|c| c.meta.docs_base_url.as_ref()) {
        out += "# Where the site is published, for the links of its 404 page.\n";
        out += &format!("site-url = {}\n", toml_string(&site_path(base)));
    }
    out += "\n# Addresses that the site published before, and where their pages are now.\n";
    out += "[output.html.redirect]\n";
    let mut redirects: Vec<(String, String)> = SOURCE_ADDRESSES
        .iter()
        .map(|from| ((*from).to_owned(), "index.html".to_owned()))
        .collect();
    for catalog in catalogs {
        for moved in &catalog.meta.moved_pages {
            let up = "../".repeat(moved.from.matches('/').count());
            let stem = moved.to.strip_suffix(".md").unwrap_or(&moved.to);
            redirects.push((
                moved.from.clone(),
                format!("{up}{}/{stem}.html", catalog.name),
            ));
        }
    }
    redirects.sort();
    for (from, to) in redirects {
        out += &format!(
            "{} = {}\n",
            toml_string(&format!("/{from}")),
            toml_string(&to)
        );
    }
    out
}

/// The path part of an address, ending in `/`:
/// `https://host/errors` → `/errors/`, `https://host` → `/`.
pub(super) fn site_path(base: &str) -> String {
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
pub(super) fn toml_string(text: &str) -> String {
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
