//! `docs: link check`: reads each book's `src` folder and checks it with
//! [`codegen::mdbook::check_book`] (the rules are there, tested in memory).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::mdbook::{LinkReport, check_book};

/// Checks the links and headings of every book; one error lists every
/// problem of every book.
pub fn check(books: &[(String, PathBuf)]) -> Result<(), String> {
    let mut problems = Vec::new();
    for (name, book) in books {
        let report = check_src(&book.join("src"));
        println!(
            "{name}: {} pages, {} headings, {} relative links checked ({} external skipped)",
            report.pages, report.headings, report.relative_links, report.external_links
        );
        problems.extend(report.problems.iter().map(|p| format!("{name}: {p}")));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} broken link(s) or heading(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        ))
    }
}

/// Reads every `.md` file under `src` and checks the book they make.
fn check_src(src: &Path) -> LinkReport {
    let mut files = Vec::new();
    if let Err(e) = super::files_with_extension(src, "md", &mut files) {
        return LinkReport {
            problems: vec![format!("cannot read {}: {e}", src.display())],
            ..LinkReport::default()
        };
    }
    let mut pages = BTreeMap::new();
    let mut unreadable = Vec::new();
    for file in &files {
        match fs::read_to_string(file) {
            Ok(text) => {
                pages.insert(super::relative(src, file), text);
            }
            Err(e) => unreadable.push(format!("cannot read {}: {e}", file.display())),
        }
    }
    let mut report = check_book(&pages, |path| src.join(path).is_file());
    report.problems.extend(unreadable);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_on_disk_is_read_from_its_files() {
        let book = tempfile::tempdir().expect("a temp folder");
        let src = book.path().join("src");
        for (path, text) in [
            ("SUMMARY.md", "# Summary\n\n- [A](a.md)\n- [B](sub/b.md)\n"),
            (
                "a.md",
                "# A\n\n[B](sub/b.md#b) ![logo](logo.png) [gone](gone.md)\n",
            ),
            ("sub/b.md", "# B\n\n[A](../a.md#nope)\n"),
            ("logo.png", "not Markdown"),
        ] {
            let path = src.join(path);
            fs::create_dir_all(path.parent().expect("a parent")).expect("create");
            fs::write(path, text).expect("write");
        }
        let report = check_src(&src);
        assert_eq!((report.pages, report.relative_links), (3, 6));
        assert_eq!(
            report.problems,
            [
                "a.md:3: `gone.md`: no such file",
                "sub/b.md:3: `../a.md#nope`: a.md has no heading with the anchor `nope`"
            ]
        );
        let missing = check_src(&book.path().join("no-src"));
        assert!(
            missing.problems[0].starts_with("cannot read "),
            "{missing:?}"
        );
    }
}
