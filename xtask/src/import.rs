//! `cargo xtask import PAGE`: a documentation page's error-code table → a
//! spec table (CSV or YAML), or `--check`: the page against the spec.
//!
//! The work is `codegen::import`; this reads the page, prints the
//! diagnostics, and writes the table whole or not at all.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::import::{self, Format, Options};

use crate::Failure;

/// The command line of `import`.
#[derive(Debug, Default)]
struct Args {
    page: PathBuf,
    /// The page as named on the command line, for messages.
    page_display: String,
    options: Options,
    out: Option<PathBuf>,
    yaml: Option<bool>,
    check: bool,
    spec: Option<String>,
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = parse(args).map_err(Failure::Usage)?;
    let bytes = fs::read(&args.page)
        .map_err(|e| Failure::Other(format!("cannot read {}: {e}", args.page_display)))?;
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{}: error: the page is not UTF-8 text", args.page_display);
        return Err(Failure::SpecErrors);
    };
    let format = Format::from_file_name(&args.page_display).unwrap_or_else(|| Format::sniff(&text));
    let mut imported = import::import(&args.page_display, &text, format, &args.options);
    // One file is written: a page of several code tables needs --table N.
    if !args.check && imported.tables.len() > 1 {
        let error = import::several_tables_error(&args.page_display, &imported.tables);
        imported.diagnostics.push(error);
        imported.tables.clear();
    }
    eprint!("{}", import::render(&imported.diagnostics));
    if imported.tables.is_empty() {
        return Err(Failure::SpecErrors);
    }
    if args.check {
        return check(&args, &imported.tables);
    }
    let table = &imported.tables[0];
    let yaml = args.yaml.unwrap_or_else(|| {
        args.out
            .as_ref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e == "yaml" || e == "yml")
    });
    let written = if yaml {
        import::write::yaml(table)
    } else {
        import::write::csv(table)
    }
    .map_err(Failure::Other)?;
    match &args.out {
        Some(out) => {
            write_whole(out, &written)?;
            eprintln!(
                "imported {} rows from {} into {}",
                table.rows.len(),
                args.page_display,
                out.display()
            );
        }
        None => print!("{written}"),
    }
    Ok(())
}

/// `--check`: the page's table against the spec; exit 1 with a diff if they differ.
fn check(args: &Args, tables: &[import::Table]) -> Result<(), Failure> {
    let (spec, spec_display) = match &args.spec {
        Some(value) => (current_dir()?.join(value), value.clone()),
        None => (crate::workspace_root().join("spec"), "spec".to_owned()),
    };
    if !spec.exists() {
        return Err(Failure::Usage(format!(
            "the spec `{spec_display}` does not exist"
        )));
    }
    let loaded = codegen::load_spec(&spec, &spec_display);
    let Some(catalog) = loaded.catalog else {
        eprint!("{}", codegen::diagnostic::render_all(&loaded.diagnostics));
        return Err(Failure::SpecErrors);
    };
    let spec_rows = import::check::spec_rows(&catalog);
    let differences = import::check::compare(tables, &spec_rows, &catalog);
    if differences.is_empty() {
        println!(
            "{} matches {spec_display}: {} rows",
            args.page_display,
            spec_rows.len()
        );
        Ok(())
    } else {
        eprint!(
            "{}",
            import::check::render(&args.page_display, &differences)
        );
        eprintln!(
            "if the page is right, update the spec's rows from it (`cargo xtask import {} --out FILE` writes the page's table)",
            args.page_display
        );
        Err(Failure::Drift)
    }
}

/// Writes `text` to `path` whole or not at all: into a temporary file
/// beside it, then renamed over it.
fn write_whole(path: &Path, text: &str) -> Result<(), Failure> {
    let name = path
        .file_name()
        .ok_or_else(|| Failure::Usage(format!("`--out {}` is not a file", path.display())))?;
    let temporary = path.with_file_name(format!(".{}.importing", name.to_string_lossy()));
    let failed =
        |e: std::io::Error| Failure::Other(format!("cannot write {}: {e}", path.display()));
    fs::write(&temporary, text).map_err(failed)?;
    fs::rename(&temporary, path).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        failed(e)
    })
}

fn current_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir()
        .map_err(|e| Failure::Other(format!("cannot read the current folder: {e}")))
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut page = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("`{arg}` needs a value"));
        match arg.as_str() {
            "--table" => {
                let n = value()?;
                parsed.options.table =
                    Some(n.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        format!("`--table {n}`: a table number, 1 for the page's first table")
                    })?);
            }
            "--out" => {
                parsed.out = Some(
                    current_dir()
                        .map_err(|_| "cannot read the current folder".to_owned())?
                        .join(value()?),
                );
            }
            "--format" => {
                parsed.yaml = Some(match value()?.as_str() {
                    "csv" => false,
                    "yaml" => true,
                    other => return Err(format!("`--format {other}`: csv or yaml")),
                });
            }
            "--column" => parsed.options.add_column(value()?)?,
            "--check" => parsed.check = true,
            "--spec" => parsed.spec = Some(value()?.clone()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path if page.is_none() => page = Some(path.to_owned()),
            extra => return Err(format!("one page at a time, not also `{extra}`")),
        }
    }
    let page = page.ok_or("import needs a page: cargo xtask import PAGE")?;
    if parsed.check && (parsed.out.is_some() || parsed.yaml.is_some()) {
        return Err(
            "`--check` compares the page with the spec and writes nothing: no --out or --format"
                .into(),
        );
    }
    if parsed.spec.is_some() && !parsed.check {
        return Err("`--spec` goes with `--check`".into());
    }
    parsed.page = current_dir()
        .map_err(|_| "cannot read the current folder".to_owned())?
        .join(&page);
    parsed.page_display = page;
    Ok(parsed)
}
