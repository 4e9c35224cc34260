//! CI steps for the reference pages (`generated/docs`, an mdBook source).
//!
//! Each step runs on two books: `generated/docs`, and the pages of the
//! hostile spec in `xtask/docs/hostile-spec` (text made to break Markdown),
//! generated into `target/docs-check/hostile/docs`.
//!
//! ```text
//! docs: markdownlint   markdownlint-cli2, pinned in xtask/docs/package-lock.json
//! docs: link check     every relative link resolves to a page and a heading
//! docs: mdbook build   mdBook 0.5.4 (installed into target/tools/) builds the
//!                      site with no warning, and every link of the built HTML
//!                      resolves to a file and an id
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::process::{Step, run_command};

/// The tools folder: `package.json`, its lockfile, the lint configuration
/// and the hostile spec.
const TOOLS: &str = "xtask/docs";
const MARKDOWNLINT_CONFIG: &str = "xtask/docs/.markdownlint-cli2.jsonc";
const HOSTILE_SPEC: &str = "xtask/docs/hostile-spec";
/// Where the checks write: the hostile book and the built sites.
const WORK: &str = "target/docs-check";
const MDBOOK_VERSION: &str = "0.5.4";
/// `cargo install --root` for mdBook inside the workspace, when there is no
/// user cache folder (see [`mdbook_root`]).
const MDBOOK_ROOT: &str = "target/tools/mdbook";

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "docs: markdownlint",
            run: |root| markdownlint(root, &books(root)?),
        },
        Step {
            name: "docs: link check",
            run: |root| link_check(&books(root)?),
        },
        Step {
            name: "docs: mdbook build",
            run: |root| mdbook_build(root, &books(root)?),
        },
    ]
}

/// Every docs check on one book folder (a generated `docs/`), for the
/// packages generated from other specs (see `spec_checks`).
pub fn check_generated_book(root: &Path, name: &str, book: &Path) -> Result<(), String> {
    let books = [(name.to_owned(), book.to_path_buf())];
    markdownlint(root, &books)?;
    link_check(&books)?;
    mdbook_build(root, &books)
}

/// The books to check: (name for messages, book folder).
fn books(root: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    Ok(vec![
        ("generated/docs".to_owned(), root.join("generated/docs")),
        ("hostile spec".to_owned(), hostile_book(root)?),
    ])
}

/// Generates the hostile spec's pages into `target/docs-check/hostile` and
/// returns the book folder. Warnings of that spec are expected (it spells a
/// prefix two ways on purpose) and not printed.
fn hostile_book(root: &Path) -> Result<PathBuf, String> {
    let loaded = codegen::load_spec(&root.join(HOSTILE_SPEC), HOSTILE_SPEC);
    let Some(catalog) = loaded.catalog else {
        eprint!("{}", codegen::diagnostic::render_all(&loaded.diagnostics));
        return Err(format!("{HOSTILE_SPEC} has errors"));
    };
    let out = root.join(WORK).join("hostile");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    for file in codegen::emit::docs::emit(&catalog) {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, &file.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(out.join("docs"))
}

/// A path relative to the workspace root, with `/`, for command lines.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

// ----- markdownlint -----------------------------------------------------------

fn markdownlint(root: &Path, books: &[(String, PathBuf)]) -> Result<(), String> {
    crate::process::npm_ci(&root.join(TOOLS))?;
    let globs: Vec<String> = books
        .iter()
        .map(|(_, book)| format!("{}/**/*.md", relative(root, book)))
        .collect();
    let program = root.join(TOOLS).join("node_modules/.bin/markdownlint-cli2");
    let mut args = vec!["--config", MARKDOWNLINT_CONFIG];
    args.extend(globs.iter().map(String::as_str));
    run_command(root, &program.to_string_lossy(), &args, &[])
}

// ----- link check -------------------------------------------------------------

fn link_check(books: &[(String, PathBuf)]) -> Result<(), String> {
    let mut problems = Vec::new();
    for (name, book) in books {
        let report = check_book(&book.join("src"));
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

/// What the link check found in one book.
#[derive(Debug, Default)]
struct LinkReport {
    pages: usize,
    headings: usize,
    relative_links: usize,
    external_links: usize,
    problems: Vec<String>,
}

/// One Markdown page, as far as links are concerned.
#[derive(Debug, Default)]
struct PageScan {
    /// The heading anchors, as mdBook and GitHub make them.
    anchors: BTreeSet<String>,
    /// (line, link destination) of every inline link and image.
    links: Vec<(usize, String)>,
    /// Problems found in the page itself (line, message).
    problems: Vec<(usize, String)>,
}

/// Checks every `.md` file under `src`: each relative link resolves to a
/// file inside `src`, and to a heading of it if it names one; anchors are
/// unique per page; every page is listed in `SUMMARY.md`; no page links to a
/// `README.md`, which mdBook publishes as `index.html`.
fn check_book(src: &Path) -> LinkReport {
    let mut report = LinkReport::default();
    let mut files = Vec::new();
    if let Err(e) = files_with_extension(src, "md", &mut files) {
        report
            .problems
            .push(format!("cannot read {}: {e}", src.display()));
        return report;
    }
    let mut scans: BTreeMap<PathBuf, PageScan> = BTreeMap::new();
    for file in &files {
        match fs::read_to_string(file) {
            Ok(text) => {
                scans.insert(file.clone(), scan_page(&text));
            }
            Err(e) => report
                .problems
                .push(format!("cannot read {}: {e}", file.display())),
        }
    }
    report.pages = scans.len();
    let summary = src.join("SUMMARY.md");
    let mut listed = BTreeSet::new();
    for (file, scan) in &scans {
        let shown = relative(src, file);
        report.headings += scan.anchors.len();
        for (line, message) in &scan.problems {
            report.problems.push(format!("{shown}:{line}: {message}"));
        }
        for (line, destination) in &scan.links {
            if has_scheme(destination) {
                report.external_links += 1;
                continue;
            }
            report.relative_links += 1;
            let dir = file.parent().unwrap_or(src);
            match resolve(src, dir, file, destination) {
                Err(message) => report.problems.push(format!("{shown}:{line}: {message}")),
                Ok((target, fragment)) => {
                    if *file == summary {
                        listed.insert(target.clone());
                    } else if !destination.starts_with('#')
                        && target.file_name().is_some_and(|n| n == "README.md")
                    {
                        report.problems.push(format!(
                            "{shown}:{line}: `{destination}` links to a README.md, which mdBook \
                             publishes as index.html: the link would break on the site"
                        ));
                    }
                    let Some(fragment) = fragment else { continue };
                    match scans.get(&target) {
                        Some(page) if page.anchors.contains(&fragment) => {}
                        Some(_) => report.problems.push(format!(
                            "{shown}:{line}: `{destination}`: {} has no heading with the anchor `{fragment}`",
                            relative(src, &target)
                        )),
                        None => report.problems.push(format!(
                            "{shown}:{line}: `{destination}` names an anchor in a file that is not a Markdown page"
                        )),
                    }
                }
            }
        }
    }
    if scans.contains_key(&summary) {
        for file in scans
            .keys()
            .filter(|f| **f != summary && !listed.contains(*f))
        {
            report.problems.push(format!(
                "{} is not listed in SUMMARY.md, so the site would not have it",
                relative(src, file)
            ));
        }
    } else {
        report.problems.push("there is no SUMMARY.md".to_owned());
    }
    report
}

/// Every file under `dir` whose extension is `extension`, sorted, recursively.
fn files_with_extension(
    dir: &Path,
    extension: &str,
    files: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_with_extension(&path, extension, files)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            files.push(path);
        }
    }
    Ok(())
}

/// `https:`, `mailto:`: a destination that is not a relative path.
fn has_scheme(destination: &str) -> bool {
    let Some((scheme, _)) = destination.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The file a relative destination names (inside `src`), and its fragment.
fn resolve(
    src: &Path,
    dir: &Path,
    file: &Path,
    destination: &str,
) -> Result<(PathBuf, Option<String>), String> {
    let (path, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (destination, None),
    };
    if path.is_empty() {
        return Ok((file.to_path_buf(), fragment));
    }
    let mut target = if path.starts_with('/') {
        return Err(format!(
            "`{destination}` is an absolute path: it breaks on a site that is not at the root"
        ));
    } else {
        dir.to_path_buf()
    };
    for component in Path::new(&percent_decode(path)).components() {
        match component {
            Component::Normal(part) => target.push(part),
            Component::ParentDir => {
                target.pop();
            }
            _ => {}
        }
    }
    if !target.starts_with(src) {
        return Err(format!("`{destination}` leaves the book's src folder"));
    }
    if !target.is_file() {
        return Err(format!("`{destination}`: no such file"));
    }
    Ok((target, fragment))
}

/// `%E9%94%99` → `错`; anything that is not valid percent-encoded UTF-8 stays.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Reads a page's headings and links. Fenced code blocks are skipped;
/// headings are ATX headings (`## text`), the only kind the generator
/// writes; links are inline links and images, `[text](destination)`.
fn scan_page(text: &str) -> PageScan {
    let mut scan = PageScan::default();
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim_start_matches(' ');
        let fence_char = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = fence_char.map_or(0, |c| trimmed.chars().take_while(|&x| x == c).count());
        match (fence, fence_char) {
            (Some((open, length)), Some(c))
                if c == open && run >= length && trimmed[run..].trim().is_empty() =>
            {
                fence = None;
                continue;
            }
            (Some(_), _) => continue,
            (None, Some(c)) if indent <= 3 && run >= 3 => {
                fence = Some((c, run));
                continue;
            }
            _ => {}
        }
        if indent <= 3
            && let Some(heading) = atx_heading(trimmed)
        {
            match heading_text(heading) {
                Ok(seen) => {
                    let anchor = mdbook_anchor(&seen);
                    if !scan.anchors.insert(anchor.clone()) {
                        scan.problems.push((
                            number,
                            format!("a second heading with the anchor `{anchor}`"),
                        ));
                    }
                }
                Err(message) => scan.problems.push((number, message)),
            }
        }
        for destination in inline_links(&codegen::emit::markdown::without_code_spans(line)) {
            scan.links.push((number, destination));
        }
    }
    scan
}

/// The text of an ATX heading line (`## text ##` → `text`), if it is one.
fn atx_heading(line: &str) -> Option<&str> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    // An optional closing sequence: a run of `#` after a space (or alone).
    let without_closing = rest.trim_end_matches('#');
    if without_closing.is_empty() {
        return Some("");
    }
    if without_closing.len() < rest.len() && without_closing.ends_with([' ', '\t']) {
        return Some(without_closing.trim_end());
    }
    Some(rest)
}

/// What a heading shows: backslash escapes resolved. Inline markup (code,
/// emphasis, links, HTML, entities, `{…}` attributes) changes the text that
/// the anchor is made from; the generator escapes it in headings, so here it
/// is reported rather than rendered.
fn heading_text(markdown: &str) -> Result<String, String> {
    let mut seen = String::new();
    let mut chars = markdown.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) if next.is_ascii_punctuation() => seen.push(next),
                Some(next) => {
                    seen.push('\\');
                    seen.push(next);
                }
                None => seen.push('\\'),
            },
            '`' | '*' | '_' | '<' | '[' | '&' | '{' => {
                return Err(format!(
                    "the heading `{markdown}` has unescaped `{c}`: its anchor depends on how it renders"
                ));
            }
            c => seen.push(c),
        }
    }
    Ok(seen)
}

/// The id mdBook 0.5 gives a heading whose text is `text` (the rule of
/// `mdbook-html`'s `id_from_content`, which GitHub's follows for such text):
/// trimmed, lower case, letters, digits, `_` and `-` kept, whitespace
/// turned into `-`, everything else dropped.
fn mdbook_anchor(text: &str) -> String {
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

/// Whether the character at `i` is escaped by an odd run of backslashes.
fn is_escaped(chars: &[char], i: usize) -> bool {
    chars[..i].iter().rev().take_while(|&&c| c == '\\').count() % 2 == 1
}

/// The destinations of the inline links and images of a line:
/// `[text](destination "title")` or `[text](<destination>)`.
fn inline_links(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut links = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] != ']' || chars[i + 1] != '(' || is_escaped(&chars, i) {
            i += 1;
            continue;
        }
        let start = i + 2;
        let mut destination = String::new();
        let mut j = start;
        if chars.get(start) == Some(&'<') {
            j += 1;
            while j < chars.len() && chars[j] != '>' {
                destination.push(chars[j]);
                j += 1;
            }
        } else {
            let mut depth = 0usize;
            while j < chars.len() && !chars[j].is_whitespace() {
                match chars[j] {
                    '(' if !is_escaped(&chars, j) => depth += 1,
                    ')' if !is_escaped(&chars, j) => {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    _ => {}
                }
                destination.push(chars[j]);
                j += 1;
            }
        }
        links.push(destination);
        i = j.max(i + 1);
    }
    links
}

// ----- mdBook -----------------------------------------------------------------

fn mdbook_build(root: &Path, books: &[(String, PathBuf)]) -> Result<(), String> {
    let mdbook = install_mdbook(root)?;
    let mut problems = Vec::new();
    for (i, (name, book)) in books.iter().enumerate() {
        let site = root.join(WORK).join(format!("site-{i}"));
        println!(
            "$ {} build {} --dest-dir {}",
            relative(root, &mdbook),
            relative(root, book),
            relative(root, &site)
        );
        let output = Command::new(&mdbook)
            .arg("build")
            .arg(book)
            .arg("--dest-dir")
            .arg(&site)
            .env_remove("RUST_LOG")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", mdbook.display()))?;
        let log = String::from_utf8_lossy(&output.stderr);
        print!("{}{log}", String::from_utf8_lossy(&output.stdout));
        if !output.status.success() {
            return Err(format!(
                "mdbook build of {name} exited with {}",
                output.status
            ));
        }
        let warnings = warnings_in(&log);
        if !warnings.is_empty() {
            problems.push(format!(
                "{name}: mdbook warned:\n    {}",
                warnings.join("\n    ")
            ));
        }
        let report = check_site(&site);
        println!(
            "{name}: {} HTML files, {} links into the site checked",
            report.pages, report.relative_links
        );
        problems.extend(report.problems.iter().map(|p| format!("{name}: {p}")));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// The warning and error lines of mdBook's log (` WARN unclosed HTML tag…`).
/// mdBook reports problems (unclosed HTML, unused footnotes, …) as warnings
/// and still succeeds; here a warning fails the build.
fn warnings_in(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            line.split_whitespace()
                .take(3)
                .any(|word| word == "WARN" || word == "ERROR")
        })
        .collect()
}

/// Where mdBook is installed: a cache folder of the user's
/// (`$XDG_CACHE_HOME` or `~/.cache`, then `error-codes-tools/mdbook-VERSION`),
/// so that a fresh clone on the same machine does not build it again (two
/// to three minutes on two cores); else `target/tools/mdbook`.
fn mdbook_root(root: &Path) -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")));
    match cache {
        Some(cache) => cache
            .join("error-codes-tools")
            .join(format!("mdbook-{MDBOOK_VERSION}")),
        None => root.join(MDBOOK_ROOT),
    }
}

/// The mdBook binary, installed with `cargo install --locked` into
/// [`mdbook_root`] unless the right version is already there.
fn install_mdbook(root: &Path) -> Result<PathBuf, String> {
    let install_root = mdbook_root(root);
    let binary = install_root
        .join("bin")
        .join(format!("mdbook{}", std::env::consts::EXE_SUFFIX));
    let installed = Command::new(&binary)
        .arg("--version")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout).trim() == format!("mdbook v{MDBOOK_VERSION}")
        });
    if installed {
        println!(
            "mdbook v{MDBOOK_VERSION} is installed in {}",
            install_root.display()
        );
        return Ok(binary);
    }
    let started = Instant::now();
    run_command(
        root,
        "cargo",
        &[
            "install",
            "mdbook",
            "--version",
            MDBOOK_VERSION,
            "--locked",
            "--root",
            &install_root.to_string_lossy(),
        ],
        &[],
    )?;
    println!("installed mdbook in {:.0?}", started.elapsed());
    Ok(binary)
}

/// Checks the built HTML: every relative `href` names an existing file and,
/// if it has a fragment, an `id` in that file.
fn check_site(site: &Path) -> LinkReport {
    let mut report = LinkReport::default();
    let mut files = Vec::new();
    if let Err(e) = files_with_extension(site, "html", &mut files) {
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
        ids.insert(file.clone(), attribute_values(&html, "id").collect());
        hrefs.insert(file.clone(), attribute_values(&html, "href").collect());
    }
    report.pages = files.len();
    for (file, links) in &hrefs {
        let shown = relative(site, file);
        for href in links {
            // Absolute paths (the 404 page's, from `site-url`) depend on
            // where the site is served.
            if href.is_empty() || has_scheme(href) || href.starts_with('/') {
                continue;
            }
            report.relative_links += 1;
            let (path, fragment) = match href.split_once('#') {
                Some((path, fragment)) => (path, Some(percent_decode(fragment))),
                None => (href.as_str(), None),
            };
            let target = if path.is_empty() {
                file.clone()
            } else {
                let mut target = file.parent().unwrap_or(site).to_path_buf();
                for component in Path::new(&percent_decode(path)).components() {
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
                    relative(site, &target)
                )),
            }
        }
    }
    report
}

/// The values of ` name="…"` attributes in HTML, entities decoded.
fn attribute_values<'a>(html: &'a str, name: &str) -> impl Iterator<Item = String> + 'a {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .map(move |(at, m)| {
            let rest = &html[at + m.len()..];
            let value = rest.split('"').next().unwrap_or_default();
            value
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect::<Vec<_>>()
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_mdbook_anchors() {
        let scan = scan_page(
            "# Title\n\n## AIS.0014\n\n## A\\_B \\{\\#x\\}\n\n### Fix \\| the \\<request\\>\n",
        );
        let anchors: Vec<&str> = scan.anchors.iter().map(String::as_str).collect();
        assert_eq!(anchors, ["a_b-x", "ais0014", "fix--the-request", "title"]);
        assert!(scan.problems.is_empty(), "{:?}", scan.problems);
        // Final sigma: mdBook lower-cases the whole text, as JavaScript does.
        assert_eq!(mdbook_anchor("ΑΣ.1"), "ας1");
        assert_eq!(mdbook_anchor(" 错误.1 "), "错误1");
    }

    #[test]
    fn duplicate_and_unrenderable_headings_are_reported() {
        let scan = scan_page("# A\n\n## a\n\n## `code`\n\n## B {#custom}\n");
        let messages: Vec<&str> = scan.problems.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("anchor `a`"));
        assert_eq!(scan.problems[1].0, 5);
    }

    #[test]
    fn code_is_not_scanned() {
        let scan = scan_page(
            "# T\n\n```md\n# not a heading\n[x](nowhere.md)\n```\n\nSee `[x](nowhere.md)` and [y](#t).\n~~~\n## no\n~~~\n",
        );
        assert_eq!(scan.anchors.len(), 1);
        assert_eq!(scan.links, [(8, "#t".to_owned())]);
    }

    #[test]
    fn links_are_found_and_escapes_respected() {
        assert_eq!(
            inline_links(
                "[a](x.md#y) \\[b\\](c) ![i](img.png \"t\") [d](<with space.md>) [e](f(1).md)"
            ),
            ["x.md#y", "img.png", "with space.md", "f(1).md"]
        );
        assert_eq!(inline_links("| [A\\|B](ais.md#ab) | x |"), ["ais.md#ab"]);
        assert!(inline_links("\\[link\\](javascript:alert(1))").is_empty());
    }

    #[test]
    fn closing_sequences_and_non_headings() {
        assert_eq!(atx_heading("## Title ##"), Some("Title"));
        assert_eq!(atx_heading("## C\\#"), Some("C\\#"));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("####### seven"), None);
        assert_eq!(atx_heading("#"), Some(""));
    }

    /// A throwaway book (or site) in a temp folder, removed when dropped.
    fn temp_book(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temp folder");
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("a parent")).expect("create");
            fs::write(path, text).expect("write");
        }
        dir
    }

    #[test]
    fn a_book_with_good_links_passes() {
        let book = temp_book(&[
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
        let report = check_book(book.path());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(
            (report.pages, report.headings, report.relative_links),
            (3, 4, 5)
        );
    }

    #[test]
    fn broken_links_are_reported() {
        let book = temp_book(&[
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
        let problems = check_book(book.path()).problems;
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
    }

    #[test]
    fn built_html_links_must_name_ids() {
        let site = temp_book(&[
            (
                "index.html",
                "<a href=\"a.html#ais0014\">x</a> <a href=\"a.html#gone\">y</a> <a href=\"https://x.invalid\">z</a>",
            ),
            (
                "a.html",
                "<h2 id=\"ais0014\"></h2><a href=\"#ais0014\">self</a><a href=\"css/x.css\">css</a>",
            ),
        ]);
        let report = check_site(site.path());
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
    fn mdbook_warnings_are_found() {
        let log = " INFO Book building has started\n WARN unclosed HTML tag `<div>` found in `a.md`\n INFO HTML book written to `/x/WARN`\n2026-01-01T00:00:00Z ERROR failed\n";
        assert_eq!(
            warnings_in(log),
            [
                " WARN unclosed HTML tag `<div>` found in `a.md`",
                "2026-01-01T00:00:00Z ERROR failed"
            ]
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%E9%94%99%E8%AF%AF1"), "错误1");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
