//! A spec root and its catalogs.
//!
//! A catalog is one API's table and everything that belongs to it: a folder
//! under the spec root holding its `catalog.yaml`, its table files, its
//! number lock and, when it was imported, its source page. The folder's
//! name is the catalog's name: its output goes to the folder of that name
//! under the output root, and its reference pages to the site's section of
//! that name. Nothing else names a catalog.
//!
//! ```text
//! spec/                       the spec root: any number of catalogs
//!   README.md                 (anything that is not a folder is left alone)
//!   image-recognition/        a catalog
//!     catalog.yaml
//!     error-codes.csv
//!     codes.lock
//!     source/...              the page it was imported from
//! ```
//!
//! [`load`] reads every catalog (each with its own diagnostics, as
//! [`crate::load_spec`] gives them) and checks what must hold across them:
//! distinct package names, one site address, redirects that land on a page.
//! The spec given may also be one catalog's folder or one table file: a
//! root of one catalog.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::CATALOG_FILE;
use crate::{Catalog, Loaded};

/// The name of the site's folder in the output root, which no catalog may take.
pub const SITE_FOLDER: &str = "docs";

/// One catalog of a spec root, before it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The catalog's name (its folder's, or a lone table's file name made a name).
    pub name: String,
    /// Its folder (or table file).
    pub path: PathBuf,
    /// How it is shown in messages and `@generated` lines (`spec/storage`).
    pub display: String,
}

/// What a spec root holds, read and validated.
#[derive(Debug, Default)]
pub struct Repository {
    /// Where each catalog is, in name order.
    pub sources: Vec<Source>,
    /// Each catalog as [`crate::load_spec`] read it (parallel to `sources`).
    pub catalogs: Vec<Loaded>,
    /// Problems of the root itself, and of what must hold across catalogs.
    pub diagnostics: Vec<Diagnostic>,
}

impl Repository {
    /// Every diagnostic: the root's, then each catalog's.
    #[must_use]
    pub fn all_diagnostics(&self) -> Vec<&Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.catalogs.iter().flat_map(|c| &c.diagnostics))
            .collect()
    }

    /// Whether any catalog, or the root, has an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.all_diagnostics().iter().any(|d| d.is_error())
            || self.catalogs.iter().any(|c| c.catalog.is_none())
    }

    /// The catalogs, if none has an error.
    #[must_use]
    pub fn valid_catalogs(&self) -> Option<Vec<&Catalog>> {
        if self.has_errors() {
            return None;
        }
        self.catalogs.iter().map(|c| c.catalog.as_ref()).collect()
    }
}

/// The name a catalog gets from its folder or table file: the file name
/// without its extension, as a package name would be made of it
/// (`Image Recognition` → `image-recognition`).
#[must_use]
pub fn name_of(path: &Path) -> String {
    let stem = if path.is_dir() {
        path.canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    } else {
        path.file_stem().map(|n| n.to_string_lossy().into_owned())
    };
    crate::names::package_name(&stem.unwrap_or_default())
}

/// The catalogs of the spec at `spec`: each folder of a spec root that holds
/// `catalog.yaml`, in name order; or the one catalog that `spec` is (a
/// folder with `catalog.yaml`, or a table file). `display` is how `spec` is
/// shown in messages.
#[must_use]
pub fn sources(spec: &Path, display: &str) -> (Vec<Source>, Vec<Diagnostic>) {
    if !spec.is_dir() || spec.join(CATALOG_FILE).is_file() {
        let source = Source {
            name: name_of(spec),
            path: spec.to_path_buf(),
            display: display.to_owned(),
        };
        return (vec![source], Vec::new());
    }
    let display_root = display.trim_end_matches('/');
    let entries = match std::fs::read_dir(spec) {
        Ok(entries) => entries,
        Err(e) => {
            let message = format!("cannot read the folder: {e}");
            return (
                Vec::new(),
                vec![Diagnostic::error(display_root, 0, 0, message)],
            );
        }
    };
    let mut folders: Vec<(String, PathBuf)> = Vec::new();
    let mut tables: Vec<String> = Vec::new();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            folders.push((name, path));
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv" | "yaml" | "yml")
        ) {
            tables.push(name);
        }
    }
    folders.sort();
    tables.sort();
    let mut problems = Vec::new();
    if !tables.is_empty() {
        problems.push(
            Diagnostic::error(
                display_root,
                0,
                0,
                format!(
                    "the spec root holds table files ({}) but no catalog.yaml",
                    tables.join(", ")
                ),
            )
            .with_hint(format!(
                "a catalog is a folder of its own under {display_root}/, holding catalog.yaml and \
                 its tables: move them into one (`cargo xtask import PAGE --catalog NAME` makes \
                 one), or pass one table file as --spec to use default metadata"
            )),
        );
    }
    let mut sources = Vec::new();
    for (name, path) in folders {
        let shown = format!("{display_root}/{name}");
        if !path.join(CATALOG_FILE).is_file() {
            problems.push(
                Diagnostic::error(&shown, 0, 0, "this catalog folder has no catalog.yaml")
                    .with_hint(format!(
                        "every folder under {display_root}/ is a catalog: write its catalog.yaml \
                         (see {display_root}/README.md), or move the folder out of {display_root}/"
                    )),
            );
            continue;
        }
        if let Some(problem) = name_problem(&name) {
            problems.push(
                Diagnostic::error(
                    &shown,
                    0,
                    0,
                    format!("`{name}` cannot name a catalog: {problem}"),
                )
                .with_hint(format!(
                    "rename the folder, e.g. `{}`: a catalog's name is its output folder and \
                         its section of the site",
                    suggested_name(&name)
                )),
            );
            continue;
        }
        sources.push(Source {
            name,
            path,
            display: shown,
        });
    }
    if sources.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::error(display_root, 0, 0, "the spec root holds no catalog").with_hint(
                format!(
                    "a catalog is a folder under {display_root}/ with its catalog.yaml: \
                     `cargo xtask import PAGE --catalog NAME` makes one from a documentation page \
                     (the workspace builds every generated crate, so it needs at least one)"
                ),
            ),
        );
    }
    (sources, problems)
}

/// Why `name` cannot be a catalog's name, if it cannot.
#[must_use]
pub fn name_problem(name: &str) -> Option<&'static str> {
    let well_formed = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !well_formed {
        Some("use lower-case letters, digits and single `-`, starting with a letter (at most 64)")
    } else if name == SITE_FOLDER {
        Some("the output's `docs` folder is the site of all catalogs")
    } else {
        None
    }
}

fn suggested_name(name: &str) -> String {
    let made = crate::names::package_name(name);
    if made == SITE_FOLDER {
        format!("{made}-codes")
    } else {
        made
    }
}

/// Reads and validates every catalog of `spec` (only those named in `only`,
/// if it names any), and what must hold across them.
#[must_use]
pub fn load(spec: &Path, display: &str, only: &[String]) -> Repository {
    let (mut sources, mut diagnostics) = sources(spec, display);
    if !only.is_empty() {
        for wanted in only {
            if !sources.iter().any(|s| s.name == *wanted) {
                let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
                let hint = if names.is_empty() {
                    "the spec holds no catalog".to_owned()
                } else {
                    format!("its catalogs are: {}", names.join(", "))
                };
                diagnostics.push(
                    Diagnostic::error(display, 0, 0, format!("there is no catalog `{wanted}`"))
                        .with_hint(hint),
                );
            }
        }
        sources.retain(|s| only.contains(&s.name));
    }
    let catalogs: Vec<Loaded> = crate::output::in_parallel(&sources, |source| {
        let mut loaded = crate::load_spec(&source.path, &source.display);
        if let Some(catalog) = &mut loaded.catalog {
            catalog.name.clone_from(&source.name);
        }
        loaded
    });
    diagnostics.extend(across_catalogs(&sources, &catalogs));
    Repository {
        sources,
        catalogs,
        diagnostics,
    }
}

/// What must hold across the catalogs: no two packages of one name, one
/// address for the site, and old addresses that redirect to a page of their
/// catalog and to nothing else.
fn across_catalogs(sources: &[Source], catalogs: &[Loaded]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let valid: Vec<(&Source, &Catalog)> = sources
        .iter()
        .zip(catalogs.iter())
        .filter_map(|(s, l)| Some((s, l.catalog.as_ref()?)))
        .collect();
    let at_key = |source: &Source, key: &str, message: String, hint: &str| {
        let file = format!("{}/{CATALOG_FILE}", source.display);
        let line = line_of_key(&source.path.join(CATALOG_FILE), key);
        Diagnostic::error(&file, line, 1, message).with_hint(hint)
    };
    for (i, (source, catalog)) in valid.iter().enumerate() {
        let earlier = &valid[..i];
        let meta = &catalog.meta;
        if let Some((other, _)) = earlier
            .iter()
            .find(|(_, c)| c.meta.crate_name == meta.crate_name)
        {
            problems.push(at_key(
                source,
                "rust_crate",
                format!(
                    "the crate `{}` is also the catalog `{}`'s",
                    meta.crate_name, other.name
                ),
                "each catalog is a crate of its own: give this one another `rust_crate`",
            ));
        }
        if let Some((other, _)) = earlier
            .iter()
            .find(|(_, c)| c.meta.npm_name == meta.npm_name)
        {
            problems.push(at_key(
                source,
                "npm_package",
                format!(
                    "the npm package `{}` is also the catalog `{}`'s",
                    meta.npm_name, other.name
                ),
                "each catalog is a package of its own: give this one another `npm_package`",
            ));
        }
        let base = meta.docs_base_url.as_deref();
        if let Some((other, other_base)) = earlier.iter().find_map(|(s, c)| {
            let other_base = c.meta.docs_base_url.as_deref()?;
            (base.is_some_and(|b| b != other_base)).then_some((s, other_base))
        }) {
            problems.push(at_key(
                source,
                "docs_base_url",
                format!(
                    "`docs_base_url` differs from the catalog `{}`'s, `{other_base}`",
                    other.name
                ),
                "the catalogs share one site: give each the site's address, or leave it unset",
            ));
        }
        let pages = crate::emit::docs::section_pages(catalog);
        for moved in &meta.moved_pages {
            let mut problem = |message: String, hint: &str| {
                problems.push(
                    Diagnostic::error(&moved.origin.file, moved.origin.line, 1, message)
                        .with_hint(hint),
                );
            };
            if !pages.contains(&moved.to) {
                problem(
                    format!("the catalog has no page `{}`", moved.to),
                    &format!("its pages are: {}", pages.join(", ")),
                );
            } else if crate::emit::docs::is_site_path(&moved.from, &valid_names(&valid)) {
                problem(
                    format!("`{}` is an address of the site as it is now", moved.from),
                    "an old address cannot be one that a page of the site has",
                );
            } else if let Some((other, _)) = earlier
                .iter()
                .find(|(_, c)| c.meta.moved_pages.iter().any(|m| m.from == moved.from))
            {
                problem(
                    format!(
                        "`{}` also redirects to a page of the catalog `{}`",
                        moved.from, other.name
                    ),
                    "an old address redirects to one page",
                );
            }
        }
    }
    problems
}

fn valid_names<'a>(valid: &[(&'a Source, &Catalog)]) -> Vec<&'a str> {
    valid.iter().map(|(s, _)| s.name.as_str()).collect()
}

/// The 1-based line of `catalog.yaml` on which the top-level `key` is
/// written; 0 if it is not (the value is then a default).
fn line_of_key(path: &Path, key: &str) -> usize {
    let Ok(text) = std::fs::read_to_string(path) else {
        return 0;
    };
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_names_are_folder_names_fit_for_paths_and_packages() {
        assert_eq!(name_problem("image-recognition"), None);
        assert_eq!(name_problem("iam2"), None);
        for bad in ["Image", "a--b", "-a", "a-", "2fa", "a_b", "a.b", ""] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
        assert!(name_problem("docs").is_some());
        assert_eq!(suggested_name("Image Recognition"), "image-recognition");
        assert_eq!(suggested_name("docs"), "docs-codes");
    }
}
