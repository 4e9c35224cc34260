//! The settings of `catalog.yaml` that say where the catalog came from and
//! where it was published: `import:` (how `cargo xtask import` read the
//! table from its page) and `moved_pages:` (old addresses of its pages).

use super::Validator;
use super::rules::is_web_address;
use crate::import::Field;
use crate::load::{YamlNode, YamlValue};
use crate::model::{ImportSettings, MovedPage, Origin};

/// The keys of `import:`.
const IMPORT_KEYS: &[&str] = &["page", "url", "table", "columns"];

impl Validator<'_> {
    /// `import:`: the page (a file of the catalog's folder), its address, the
    /// table read, and the column mappings.
    pub(super) fn import_settings(&mut self, file: usize, node: &YamlNode) -> ImportSettings {
        self.check_keys(file, node, IMPORT_KEYS);
        let page = self.required_text(file, node, "page").unwrap_or_default();
        if !page.is_empty() && !is_relative_file(&page) {
            let pos = node.get("page").map_or(node.pos, |n| n.pos);
            self.error(
                file,
                pos,
                format!("`{page}` is not a file of the catalog's folder"),
                "write the page's path relative to catalog.yaml, e.g. `source/error_codes.rst`",
            );
        }
        let url = self.optional_text(file, node, "url");
        if let (Some(url), Some(url_node)) = (&url, node.get("url"))
            && !is_web_address(url)
        {
            self.error(
                file,
                url_node.pos,
                "`url` is not a web address",
                "write the address the page is fetched from, starting with https://",
            );
        }
        let table = self.optional_text(file, node, "table").and_then(|text| {
            let number = text.parse::<usize>().ok().filter(|&n| n > 0);
            if number.is_none() {
                let pos = node.get("table").map_or(node.pos, |n| n.pos);
                self.error(
                    file,
                    pos,
                    format!("`{text}` is not a table number"),
                    "the page's tables are numbered from 1, in page order",
                );
            }
            number
        });
        let columns = match node.get("columns") {
            None => Vec::new(),
            Some(columns) => self.column_mappings(file, columns),
        };
        ImportSettings {
            page,
            url,
            table,
            columns,
        }
    }

    /// `columns:`: a mapping of page headers to spec fields.
    fn column_mappings(&mut self, file: usize, node: &YamlNode) -> Vec<(String, String)> {
        let YamlValue::Map(entries) = &node.value else {
            self.error(
                file,
                node.pos,
                format!("`columns` must be a mapping, not {}", node.kind()),
                "write one `Page header: field` line per mapped column",
            );
            return Vec::new();
        };
        let mut mappings = Vec::new();
        for (header, field) in entries {
            let (YamlValue::Scalar(header), YamlValue::Scalar(field)) =
                (&header.value, &field.value)
            else {
                self.error(
                    file,
                    field.pos,
                    "each entry of `columns` maps a header to a field",
                    "write `Page header: field`, e.g. `Error Type: error_code`",
                );
                continue;
            };
            if Field::from_name(field).is_none() {
                self.error(
                    file,
                    node.pos,
                    format!("`{field}` is not a spec field"),
                    "the fields are status_code, error_code, error_msg, description and \
                     handling_measure",
                );
                continue;
            }
            mappings.push((header.clone(), field.clone()));
        }
        mappings
    }

    /// `moved_pages:`: old site addresses (`ais.html`) and the catalog's page
    /// each moved to (`ais.md`). Whether that page exists is checked with the
    /// other catalogs (`crate::repository`), which know the site.
    pub(super) fn moved_pages(&mut self, file: usize, node: &YamlNode) -> Vec<MovedPage> {
        let YamlValue::Map(entries) = &node.value else {
            self.error(
                file,
                node.pos,
                format!("`moved_pages` must be a mapping, not {}", node.kind()),
                "write one `old-address.html: page.md` line per moved page",
            );
            return Vec::new();
        };
        let display = self.raw.files[file].display.clone();
        let mut moved: Vec<MovedPage> = Vec::new();
        for (from, to) in entries {
            let (YamlValue::Scalar(from_text), YamlValue::Scalar(to_text)) =
                (&from.value, &to.value)
            else {
                self.error(
                    file,
                    from.pos,
                    "each entry of `moved_pages` maps an old address to a page",
                    "write `ais.html: ais.md`",
                );
                continue;
            };
            if !is_relative_file(from_text)
                || !has_extension(from_text, "html")
                || from_text.contains(['#', '?', '"', '\\'])
            {
                self.error(
                    file,
                    from.pos,
                    format!("`{from_text}` is not an address of a page of the site"),
                    "write the old page's path from the site's root, ending in .html, e.g. `ais.html`",
                );
                continue;
            }
            if !has_extension(to_text, "md") || to_text.contains(['/', '\\', '#', '"']) {
                self.error(
                    file,
                    to.pos,
                    format!("`{to_text}` is not a page of the catalog"),
                    "write the page's file name in the catalog's section, e.g. `ais.md`",
                );
                continue;
            }
            if let Some(earlier) = moved.iter().find(|m| m.from == *from_text) {
                let line = earlier.origin.line;
                self.error(
                    file,
                    from.pos,
                    format!("`{from_text}` is listed twice (first on line {line})"),
                    "an old address redirects to one page",
                );
                continue;
            }
            moved.push(MovedPage {
                from: from_text.clone(),
                to: to_text.clone(),
                origin: Origin {
                    file: display.clone(),
                    line: from.pos.line,
                },
            });
        }
        moved
    }
}

/// Whether `path` ends in `.{extension}`, exactly: mdBook's pages are
/// `.md` and its addresses `.html`, in lower case.
fn has_extension(path: &str, extension: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e == extension)
}

/// A relative path of `/`-separated names, none of them `.` or `..` or
/// hidden: it stays inside the folder it is relative to.
fn is_relative_file(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|part| !part.is_empty() && !part.starts_with('.') && !part.contains(['\\', ':']))
}

#[cfg(test)]
mod tests {
    use super::is_relative_file;

    #[test]
    fn paths_stay_inside_their_folder() {
        assert!(is_relative_file("source/error_codes.rst"));
        assert!(is_relative_file("ais.html"));
        for outside in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a//b",
            ".hidden",
            "C:x",
            "a\\b",
        ] {
            assert!(!is_relative_file(outside), "{outside}");
        }
    }
}
