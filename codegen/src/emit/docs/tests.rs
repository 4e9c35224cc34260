//! Tests of the reference pages, on the sample catalog
//! (`codegen/tests/specs/sample/`, a copy of a real table), on the
//! hostile-text spec that CI also lints and builds
//! (`codegen/tests/specs/hostile/`), and on small specs written for one
//! question. Each is the one catalog of a site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Tag, TagEnd};

use super::site::{site_path, toml_string};
use super::{RESERVED_STEMS, code_url, page_for, section, site};
use crate::emit::GeneratedFile;
use crate::emit::body::{definition_url, written};
use crate::emit::markdown::escape_inline;
use crate::mdbook;
use crate::model::Catalog;

fn load(spec: &Path) -> Catalog {
    let loaded = crate::load_spec(spec, "spec");
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{d:?}"))
        .collect();
    loaded
        .catalog
        .unwrap_or_else(|| panic!("{} has errors: {errors:#?}", spec.display()))
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seed() -> Catalog {
    load(&workspace().join("codegen/tests/specs/sample"))
}

fn hostile() -> Catalog {
    load(&workspace().join("codegen/tests/specs/hostile"))
}

/// A spec folder of its own in a temp folder, removed when dropped.
fn temp_spec(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("create the temp spec folder");
    for (file, text) in files {
        std::fs::write(dir.path().join(file), text).expect("write a temp spec file");
    }
    dir
}

/// A CSV table with the five required columns, one row for each code given
/// (each with status 400 and texts `a`, `b`, `c`).
fn table_of_codes(codes: &[&str]) -> String {
    let mut table = csv::Writer::from_writer(Vec::new());
    let header = [
        "status_code",
        "error_code",
        "error_msg",
        "description",
        "handling_measure",
    ];
    table.write_record(header).expect("write the header");
    for code in codes {
        table
            .write_record(["400", code, "a", "b", "c"])
            .expect("write a row");
    }
    let bytes = table.into_inner().expect("write the table");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

/// The files of the site of one catalog.
fn site_files(catalog: &Catalog) -> Vec<GeneratedFile> {
    let mut files = section(catalog);
    files.extend(site(&[catalog]));
    files
}

/// The pages by path (`README.md`, `sample/ais.md`, …), from `docs/src/`.
fn pages(catalog: &Catalog) -> BTreeMap<String, String> {
    site_files(catalog)
        .into_iter()
        .filter_map(|f| {
            let name = f.path.strip_prefix("docs/src/")?.to_owned();
            Some((name, f.contents))
        })
        .collect()
}

/// What a reader sees of a page: its text and code spans without markup,
/// each block (paragraph, heading, list item, table cell) and each `<br>`
/// of a table cell on a line of its own.
fn seen_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in mdbook::parser(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::InlineHtml(html) if &*html == "<br>" => out.push('\n'),
            Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// (level, text as seen, anchor) of each heading of a page, the anchor as
/// mdBook computes it from the text (before the suffix of a repeated one).
fn headings(page: &str) -> Vec<(usize, String, String)> {
    mdbook::read_page(page)
        .headings
        .into_iter()
        .map(|h| {
            let anchor = mdbook::heading_id(&h.text);
            (h.level, h.text, anchor)
        })
        .collect()
}

/// The path of a page of the catalog's section, from `docs/src/`.
fn in_section(catalog: &Catalog, page: &str) -> String {
    format!("{}/{page}", catalog.name)
}

/// Every link destination of a page.
fn link_targets(page: &str) -> Vec<String> {
    mdbook::read_page(page)
        .links
        .into_iter()
        .map(|link| link.destination)
        .collect()
}

#[test]
fn every_code_is_linked_from_the_overview_to_its_heading() {
    for catalog in [seed(), hostile()] {
        let pages = pages(&catalog);
        let overview = &pages[&in_section(&catalog, "index.md")];
        let targets = link_targets(overview);
        for code in &catalog.codes {
            let page = page_for(&catalog, code).expect("every code has a page");
            let target = format!("{page}#{}", code.anchor);
            assert!(
                targets.contains(&target),
                "the overview does not link {} to {target}",
                code.code
            );
            // The target page has a heading that shows the code and renders
            // with that anchor, as mdBook and GitHub compute it.
            let found = headings(&pages[&in_section(&catalog, &page)])
                .into_iter()
                .any(|(level, seen, anchor)| {
                    level == 2 && seen == code.code && anchor == code.anchor
                });
            assert!(found, "{page} has no heading `{}`", code.code);
        }
    }
}

#[test]
fn every_link_lands_on_a_page_and_a_heading() {
    for catalog in [seed(), hostile()] {
        let report = mdbook::check_book(&pages(&catalog), |_| false);
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
        assert!(report.relative_links > catalog.codes.len());
    }
}

#[test]
fn anchors_are_unique_on_every_page_and_codes_keep_theirs() {
    for catalog in [seed(), hostile()] {
        for (name, page) in pages(&catalog) {
            let mut seen = std::collections::BTreeSet::new();
            for (_, text, anchor) in headings(&page) {
                assert!(!anchor.is_empty(), "{name}: `{text}` has no anchor");
                assert!(
                    seen.insert(anchor.clone()),
                    "{name}: anchor `{anchor}` twice"
                );
            }
        }
    }
    // The hostile spec has `AIS.-codes`, whose anchor is the one the title
    // "AIS codes" would have: the title gives way, the code keeps its anchor.
    let catalog = hostile();
    let ais = &pages(&catalog)[&in_section(&catalog, "ais.md")];
    let titles = headings(ais);
    assert_eq!(titles[0], (1, "AIS codes (2)".into(), "ais-codes-2".into()));
    assert!(titles.contains(&(2, "AIS.-codes".into(), "ais-codes".into())));
    // `codes-without-a-prefix` takes the anchor of the no-prefix page's title.
    let no_prefix = headings(&pages(&catalog)[&in_section(&catalog, "no-prefix.md")]);
    assert_eq!(no_prefix[0].1, "Codes without a prefix (2)");
}

#[test]
fn anchor_collisions_are_rejected_by_validation() {
    let spec = temp_spec(&[(
        "codes.csv",
        &table_of_codes(&["AIS.0014", "AIS-0014", "ais0014"]),
    )]);
    let loaded = crate::load_spec(&spec.path().join("codes.csv"), "spec");
    assert!(loaded.catalog.is_none());
    let anchor_errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.message.contains("Markdown anchor `#ais0014`"))
        .count();
    assert_eq!(anchor_errors, 1, "{:#?}", loaded.diagnostics);
}

#[test]
fn tables_keep_their_columns() {
    for catalog in [seed(), hostile()] {
        let mut rows = 0;
        for (name, page) in pages(&catalog) {
            // GFM drops the cells of a row past its table's columns and pads
            // a short row: a row keeps its columns when every cell of it is
            // in the table, and none was added.
            let mut last_cell_end = 0;
            let mut padded = false;
            for (event, range) in mdbook::parser(&page).into_offset_iter() {
                match event {
                    Event::Start(Tag::TableHead | Tag::TableRow) => {
                        last_cell_end = range.start;
                        padded = false;
                    }
                    Event::End(TagEnd::TableCell) if range.is_empty() => padded = true,
                    Event::End(TagEnd::TableCell) => last_cell_end = range.end,
                    Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                        rows += 1;
                        let rest = page[last_cell_end..range.end].trim();
                        assert!(
                            !padded && (rest.is_empty() || rest == "|"),
                            "{name}: a row with other cells: {}",
                            &page[range]
                        );
                    }
                    _ => {}
                }
            }
        }
        assert!(rows > 0, "the pages have tables");
    }
}

/// The labels of the fields of a code's section, the only strong text of a
/// page.
const LABELS: [&str; 7] = [
    "HTTP status",
    "Error message",
    "Description",
    "Handling measure",
    "Category",
    "Retryable",
    "Deprecated",
];

#[test]
fn spec_text_cannot_become_html_or_markup() {
    let catalog = hostile();
    let source_url = catalog.meta.source_url.as_deref();
    for (name, page) in pages(&catalog) {
        // The text of the strong span or code block being read.
        let mut strong: Option<String> = None;
        let mut code_block: Option<String> = None;
        let mut code_blocks = 0;
        for (event, range) in mdbook::parser(&page).into_offset_iter() {
            let at = &page[range.clone()];
            match event {
                // The generated notice opens the page; after it, the only
                // HTML is the `<br>` between a table cell's paragraphs.
                Event::Html(html) => assert!(
                    range.start == 0 && html.starts_with("<!-- @generated"),
                    "{name}: HTML {html:?}"
                ),
                Event::InlineHtml(html) => assert_eq!(&*html, "<br>", "{name}: HTML in {at}"),
                Event::Start(Tag::Image { .. }) => panic!("{name}: an image: {at}"),
                // The source page's address, and the definition of the shape of the bodies.
                Event::Start(Tag::Link { dest_url, .. }) => assert!(
                    !mdbook::has_scheme(&dest_url)
                        || Some(&*dest_url) == source_url
                        || *dest_url == *definition_url(&catalog.meta.error_body.shape),
                    "{name}: a link to {dest_url}"
                ),
                Event::Start(Tag::Heading {
                    id, classes, attrs, ..
                }) => assert!(
                    id.is_none() && classes.is_empty() && attrs.is_empty(),
                    "{name}: heading attribute in {at}"
                ),
                // The code blocks are the overview's error body example and written body.
                Event::Start(Tag::CodeBlock(_)) => {
                    code_blocks += 1;
                    code_block = Some(String::new());
                }
                Event::End(TagEnd::CodeBlock) => {
                    let block = code_block.take().unwrap_or_default();
                    // The second is the body written for the first code.
                    let first = &catalog.codes[0];
                    let expected = match code_blocks {
                        1 => catalog.meta.error_body.example.clone(),
                        _ => written(&catalog, first, first.primary()).pretty(),
                    };
                    assert!(
                        *name == in_section(&catalog, "index.md")
                            && code_blocks <= 2
                            && block.trim_end() == expected.trim_end(),
                        "{name}: a code block that is not the error body example: {block:?}"
                    );
                }
                Event::Start(Tag::Strong) => strong = Some(String::new()),
                Event::Text(text) => {
                    if let Some(seen) = code_block.as_mut().or(strong.as_mut()) {
                        seen.push_str(&text);
                    }
                }
                Event::End(TagEnd::Strong) => {
                    let label = strong.take().unwrap_or_default();
                    assert!(LABELS.contains(&label.as_str()), "{name}: strong {label:?}");
                }
                Event::Start(
                    Tag::Emphasis
                    | Tag::Strikethrough
                    | Tag::BlockQuote(_)
                    | Tag::FootnoteDefinition(_),
                )
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_) => panic!("{name}: markup from spec text: {at}"),
                _ => {}
            }
        }
    }
    // What a reader sees is the spec's text, character for character.
    let first = &catalog.codes[0];
    let page = &pages(&catalog)[&in_section(&catalog, &page_for(&catalog, first).expect("a page"))];
    assert!(seen_text(page).contains(&first.primary().error_msg));
    assert!(seen_text(page).contains(&first.primary().description));
    // So is every paragraph (or numbered item) of every text of every case,
    // and of every deprecation note, whitespace runs shown as one space.
    let pages = pages(&catalog);
    for code in &catalog.codes {
        let page = page_for(&catalog, code).expect("a page");
        let seen = seen_text(&pages[&in_section(&catalog, &page)]);
        let texts = code
            .cases
            .iter()
            .flat_map(|case| [&case.error_msg, &case.description, &case.handling_measure]);
        for text in texts.chain(code.deprecated.as_ref()) {
            let parts = crate::emit::markdown::numbered_items(text)
                .unwrap_or_else(|| crate::emit::markdown::paragraphs(text).collect());
            for part in parts {
                let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    seen.lines().any(|line| line.contains(&part)),
                    "{page}: {part:?} of {} is not shown as written",
                    code.code
                );
            }
        }
    }
}

#[test]
fn numbered_causes_stay_a_list_and_paragraphs_stay_paragraphs() {
    let catalog = seed();
    let code = catalog
        .codes
        .iter()
        .find(|c| c.code == "APIG.0301")
        .expect("the seed has APIG.0301");
    let page = &pages(&catalog)[&in_section(&catalog, "apig.md")];
    let section = page
        .split("\n## ")
        .find(|s| s.starts_with("APIG.0301\n"))
        .expect("a section for APIG.0301");
    let causes: Vec<&str> = crate::emit::markdown::paragraphs(&code.primary().error_msg).collect();
    assert!(causes.len() >= 2);
    for cause in causes {
        let (number, text) = cause.split_once(". ").expect("a numbered cause");
        let item = format!("\n  {number}. {}\n", escape_inline(text));
        assert!(
            section.contains(&item),
            "no list item {item:?} in {section}"
        );
    }
    // The handling measure's paragraphs are separate paragraphs of its item.
    for paragraph in crate::emit::markdown::paragraphs(&code.primary().handling_measure) {
        let escaped = escape_inline(paragraph);
        assert!(
            section.contains(&format!("\n\n  {escaped}\n"))
                || section.contains(&format!("**Handling measure**: {escaped}\n\n")),
            "{paragraph:?} is not a paragraph of its own in {section}"
        );
    }
}

#[test]
fn repeated_codes_show_every_case_under_one_heading() {
    let catalog = hostile();
    let code = catalog
        .codes
        .iter()
        .find(|c| c.cases.len() >= 10)
        .expect("the hostile spec repeats a code ten times or more");
    let page_name = page_for(&catalog, code).expect("a page");
    let page = &pages(&catalog)[&in_section(&catalog, &page_name)];
    let heading = format!("## {}", escape_inline(&code.code));
    assert_eq!(page.matches(&format!("{heading}\n")).count(), 1);
    let section = page
        .split(&format!("{heading}\n"))
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the code's section");
    let seen = seen_text(section);
    for (i, case) in code.cases.iter().enumerate() {
        let status = case
            .http_status
            .expect("the hostile spec's cases have a status");
        let item = format!("\n{}. **HTTP status**: {status}\n", i + 1);
        assert!(
            section.contains(&item),
            "case {} is missing: {item:?}",
            i + 1
        );
        // A case's fields are indented under its item, also past `10. `.
        let indent = " ".repeat(format!("{}. ", i + 1).len());
        let message = crate::emit::markdown::paragraphs(&case.error_msg)
            .next()
            .unwrap_or_default();
        assert!(
            section.contains(&format!(
                "{indent}- **Error message**: {}",
                escape_inline(message)
            )),
            "case {}'s message is not under its item",
            i + 1
        );
        assert!(
            seen.contains(&case.description),
            "case {} description",
            i + 1
        );
    }
}

#[test]
fn page_names_are_safe_unique_and_case_sensitive() {
    let catalog = hostile();
    let mut pages_of_prefix: BTreeMap<Option<String>, String> = BTreeMap::new();
    for code in &catalog.codes {
        let page = page_for(&catalog, code).expect("a page");
        let stem = page.strip_suffix(".md").expect("a Markdown file");
        assert!(
            !stem.is_empty()
                && stem
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "unsafe page name {page}"
        );
        let prefix = code.prefix.clone().filter(|p| !p.is_empty());
        assert!(
            prefix.is_none() || !RESERVED_STEMS.contains(&stem),
            "{page} is reserved"
        );
        let previous = pages_of_prefix.insert(prefix.clone(), page.clone());
        assert!(
            previous.is_none_or(|p| p == page),
            "{prefix:?} on two pages"
        );
    }
    let mut names: Vec<&String> = pages_of_prefix.values().collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(
        names.len(),
        before,
        "two prefixes share a page: {pages_of_prefix:?}"
    );
    // `APIG` and `Apig` are two prefixes; `index` cannot be `index.md`.
    assert_eq!(pages_of_prefix[&Some("APIG".into())], "apig.md");
    assert_eq!(pages_of_prefix[&Some("Apig".into())], "apig-2.md");
    assert_eq!(pages_of_prefix[&Some("index".into())], "index-2.md");
    assert_eq!(pages_of_prefix[&None], "no-prefix.md");
    // Every page is in the table of contents.
    let files = pages(&catalog);
    let summary = link_targets(&files["SUMMARY.md"]);
    for name in files
        .keys()
        .filter(|n| *n != "SUMMARY.md" && *n != "README.md")
    {
        assert!(summary.contains(name), "{name} is not in SUMMARY.md");
    }
}

#[test]
fn code_urls_point_at_the_published_section() {
    let yaml = |base: &str| {
        format!(
            "title: T\nversion: 0.1.0\nrust_crate: t\nnpm_package: t\ntables: [codes.csv]\n{base}"
        )
    };
    let csv = table_of_codes(&["ModelArts.4101", "1100"]);
    for base in [
        "https://errors.example.org/t/",
        "https://errors.example.org/t",
    ] {
        let spec = temp_spec(&[
            ("catalog.yaml", &yaml(&format!("docs_base_url: {base}\n"))),
            ("codes.csv", &csv),
        ]);
        let catalog = load(spec.path());
        let urls: Vec<Option<String>> = catalog
            .codes
            .iter()
            .map(|c| code_url(&catalog, c))
            .collect();
        let name = &catalog.name;
        assert_eq!(
            urls,
            [
                Some(format!(
                    "https://errors.example.org/t/{name}/modelarts.html#modelarts4101"
                )),
                Some(format!(
                    "https://errors.example.org/t/{name}/no-prefix.html#1100"
                )),
            ]
        );
        let book = site_files(&catalog)
            .into_iter()
            .find(|f| f.path == "docs/book.toml")
            .expect("a book.toml");
        assert!(book.contents.contains("site-url = \"/t/\"\n"));
    }
    let spec = temp_spec(&[("catalog.yaml", &yaml("")), ("codes.csv", &csv)]);
    let catalog = load(spec.path());
    assert_eq!(code_url(&catalog, &catalog.codes[0]), None);
    assert_eq!(
        page_for(&catalog, &catalog.codes[0]).as_deref(),
        Some("modelarts.md")
    );
}

#[test]
fn the_overview_tells_where_the_table_comes_from() {
    let catalog = seed();
    let overview = &pages(&catalog)[&in_section(&catalog, "index.md")];
    let meta = &catalog.meta;
    let url = meta.source_url.as_deref().expect("the seed has a source");
    assert!(overview.contains(&format!("<{url}>")));
    let updated = meta.updated_on.as_deref().expect("the seed has a date");
    assert!(seen_text(overview).contains(updated));
    assert!(seen_text(overview).contains(&meta.other.text));
    // The error body example, line for line, in a JSON code block.
    let block = overview
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a JSON code block");
    assert_eq!(block, meta.error_body.example.trim_end());
    // An address full of Markdown punctuation is still one autolink.
    let hostile = hostile();
    let source = hostile.meta.source_url.as_deref().expect("a source");
    assert!(pages(&hostile)[&in_section(&hostile, "index.md")].contains(&format!("<{source}>")));
}

#[test]
fn book_toml_strings_are_escaped() {
    assert_eq!(
        toml_string("a \"b\" \\ c\n\u{1}"),
        "\"a \\\"b\\\" \\\\ c\\n\\u0001\""
    );
    let catalog = hostile();
    let book = site_files(&catalog)
        .into_iter()
        .find(|f| f.path == "docs/book.toml")
        .expect("a book.toml");
    assert!(
        book.contents.contains(&format!(
            "description = {}\n",
            toml_string(&format!(
                "The documented error codes of {}",
                catalog.meta.service
            ))
        )),
        "{}",
        book.contents
    );
    assert!(toml_string(&catalog.meta.service).contains("\\\""));
    assert_eq!(site_path("https://host"), "/");
    assert_eq!(site_path("https://host/a/b?x=1"), "/a/b/");
    assert_eq!(site_path("/docs/"), "/docs/");
}
