//! The built site: every relative `href` names an existing file and, if it
//! has a fragment, an `id` in that file. The HTML is read by html5gum, a
//! WHATWG tokenizer (attribute values decoded as a browser decodes them;
//! script and style contents are not markup).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use codegen::mdbook::{has_scheme, split_destination};
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// What the site check found.
#[derive(Debug, Default)]
pub struct SiteReport {
    pub pages: usize,
    pub relative_links: usize,
    pub problems: Vec<String>,
}

/// Checks every `.html` file under `site`.
pub fn check(site: &Path) -> SiteReport {
    let mut report = SiteReport::default();
    let mut files = Vec::new();
    if let Err(e) = super::files_with_extension(site, "html", &mut files) {
        report
            .problems
            .push(format!("cannot read {}: {e}", site.display()));
        return report;
    }
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut hrefs: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for file in &files {
        let Ok(html) = fs::read_to_string(file) else {
            report
                .problems
                .push(format!("cannot read {}", file.display()));
            continue;
        };
        let attributes = Attributes::of(&html);
        ids.insert(file.clone(), attributes.ids);
        hrefs.insert(file.clone(), attributes.hrefs);
    }
    report.pages = files.len();
    for (file, links) in &hrefs {
        let shown = super::relative(site, file);
        for href in links {
            // Absolute paths (the 404 page's, from `site-url`) depend on
            // where the site is served.
            if href.is_empty() || has_scheme(href) || href.starts_with('/') {
                continue;
            }
            report.relative_links += 1;
            let (path, fragment) = split_destination(href);
            let target = if path.is_empty() {
                file.clone()
            } else {
                let mut target = file.parent().unwrap_or(site).to_path_buf();
                for component in Path::new(&path).components() {
                    match component {
                        Component::Normal(part) => target.push(part),
                        Component::ParentDir => {
                            target.pop();
                        }
                        _ => {}
                    }
                }
                target
            };
            if !target.starts_with(site) || !target.exists() {
                report
                    .problems
                    .push(format!("{shown}: `{href}`: no such file"));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            match ids.get(&target) {
                Some(found) if found.contains(&fragment) => {}
                _ => report.problems.push(format!(
                    "{shown}: `{href}`: {} has no id `{fragment}`",
                    super::relative(site, &target)
                )),
            }
        }
    }
    report
}

/// The `id` and `href` attributes of a page's tags, decoded.
#[derive(Debug, Default)]
struct Attributes {
    ids: BTreeSet<String>,
    hrefs: Vec<String>,
}

impl Attributes {
    fn of(html: &str) -> Self {
        let mut emitter = DefaultEmitter::default();
        // `<script>` and `<style>` hold text, not tags, as in a browser.
        emitter.naively_switch_states(true);
        let mut found = Self::default();
        for token in Tokenizer::new_with_emitter(html, emitter) {
            let Ok(Token::StartTag(tag)) = token else {
                continue;
            };
            for (name, value) in &tag.attributes {
                let value = String::from_utf8_lossy(&value.value).into_owned();
                match name.as_slice() {
                    b"id" => {
                        found.ids.insert(value);
                    }
                    b"href" => found.hrefs.push(value),
                    _ => {}
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_html_links_must_name_ids() {
        let site = tempfile::tempdir().expect("a temp folder");
        for (path, html) in [
            (
                "index.html",
                "<a href=\"a.html#ais0014\">x</a> <a href=\"a.html#gone\">y</a> <a href=\"https://x.invalid\">z</a>",
            ),
            (
                "a.html",
                "<h2 id=\"ais0014\"></h2><a href=\"#ais0014\">self</a><a href=\"css/x.css\">css</a>",
            ),
        ] {
            fs::write(site.path().join(path), html).expect("write");
        }
        let report = check(site.path());
        assert_eq!(report.relative_links, 4);
        assert_eq!(
            report.problems,
            [
                "a.html: `css/x.css`: no such file",
                "index.html: `a.html#gone`: a.html has no id `gone`"
            ]
        );
    }

    #[test]
    fn attributes_are_read_as_a_browser_reads_them() {
        let found = Attributes::of(
            "<h2 id='a&amp;b' class=x>t</h2><a class=\"x\" href=b.html#c%20d>l</a>\
             <script>let s = '<a href=\"script.html\" id=\"no\">';</script>\
             <p data-href=\"x\" title=' id=\"no\"'>",
        );
        assert_eq!(found.ids, BTreeSet::from(["a&b".to_owned()]));
        assert_eq!(found.hrefs, ["b.html#c%20d"]);
    }
}
