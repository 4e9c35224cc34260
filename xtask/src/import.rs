//! `cargo xtask import`: a documentation page's error-code table → a new
//! catalog, a spec table, or a check of the spec against its page.
//!
//! ```text
//! import PAGE --catalog NAME [--url URL] [--table N] [--column 'H=field']...   a new catalog, spec/NAME/
//! import PAGE [--table N] [--column ...] [--out FILE] [--format csv|yaml]      the table alone
//! import PAGE --check [--spec PATH]                                            a page against a spec
//! import --check [--catalog NAME]...                                           every recorded page
//! import --update [--catalog NAME]...                                          re-read every recorded page
//! import --sources                                                             the recorded pages' addresses
//! ```
//!
//! The work is `codegen::import`; this reads the page, prints the
//! diagnostics, and writes whole or not at all.
//!
//! ```text
//! import.rs               the command line, one page to a table, one page against a spec
//! import/new_catalog.rs   --catalog: spec/NAME/ with catalog.yaml, the table, the page
//! import/recorded.rs      --check, --update, --sources: the pages that catalogs recorded
//! ```

pub(crate) mod new_catalog;
mod recorded;

use std::fs;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Command};
use codegen::import::{self, Format, Options};

use crate::failure::Failure;
use crate::workspace;

/// The `import` command and its options.
pub fn command() -> Command {
    Command::new("import")
        .about("Read a documentation page's error-code table into a new catalog or a spec table, or check the spec against its pages")
        .long_about(
            "Reads the error-code table of a documentation page (reStructuredText, Markdown, \
             HTML, or the text copied from a rendered page) into a new catalog (--catalog NAME \
             creates spec/NAME/: the table, the page copied in, and a catalog.yaml that records \
             how the page was read), into a spec table (--out, or standard output), or compares \
             a page with a spec (--check). Without a page, --check compares every catalog that \
             records its page with it, --update reads those pages into their tables again, and \
             --sources lists the addresses they are fetched from.",
        )
        .arg(
            Arg::new("page")
                .value_name("PAGE")
                .help("The page: .rst, .md, .html, or .txt (the text copied from a rendered page)"),
        )
        .arg(
            Arg::new("catalog")
                .long("catalog")
                .value_name("NAME")
                .action(ArgAction::Append)
                .help("With a page: create the catalog spec/NAME from it. With --check or --update: only this catalog (may be given more than once)"),
        )
        .arg(
            Arg::new("url")
                .long("url")
                .value_name("URL")
                .requires("catalog")
                .help("With --catalog: the address the page is published at, recorded to fetch it again"),
        )
        .arg(
            Arg::new("table")
                .long("table")
                .value_name("N")
                .value_parser(clap::value_parser!(usize))
                .help("The table to read, when the page has several (1 = the first)"),
        )
        .arg(
            Arg::new("column")
                .long("column")
                .value_name("HEADER=FIELD")
                .action(ArgAction::Append)
                .help("The page's column HEADER holds the spec field FIELD (e.g. 'Error Type=error_code')"),
        )
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("FILE")
                .conflicts_with_all(["catalog", "check"])
                .help("Write the table there, whole or not at all [default: standard output]"),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["csv", "yaml"])
                .conflicts_with("check")
                .help("csv or yaml [default: from --out's extension, else csv]"),
        )
        .arg(
            Arg::new("check")
                .long("check")
                .action(ArgAction::SetTrue)
                .help("Compare the page (or, without one, every catalog's recorded page) with the spec: exit 1 with a diff if they differ"),
        )
        .arg(
            Arg::new("spec")
                .long("spec")
                .value_name("PATH")
                .help("With a page and --check: the catalog (or table) to compare with. With --catalog, or --check, --update or --sources without a page: the spec root that holds the catalogs [default: spec]"),
        )
        .arg(
            Arg::new("update")
                .long("update")
                .action(ArgAction::SetTrue)
                .conflicts_with_all(["page", "check", "out", "format", "table", "column"])
                .help("Read every catalog's recorded page into its table again, keeping each code's category, retryable and deprecated"),
        )
        .arg(
            Arg::new("sources")
                .long("sources")
                .action(ArgAction::SetTrue)
                .exclusive(true)
                .help("Print each catalog that records an address: its name, the address and the page's path, tab-separated"),
        )
}

/// A spec root and how it is shown in messages.
pub struct SpecRoot {
    pub path: PathBuf,
    pub display: String,
}

impl SpecRoot {
    /// `--spec`, or the workspace's `spec/`.
    fn of(args: &ArgMatches) -> Result<Self, Failure> {
        match args.get_one::<String>("spec") {
            Some(value) => Ok(Self {
                path: workspace::from_current_dir(value).map_err(Failure::Other)?,
                display: workspace::display_path(value, Path::new(value)),
            }),
            None => Ok(Self {
                path: workspace::spec_root(),
                display: "spec".to_owned(),
            }),
        }
    }
}

/// Runs `import` as its options say.
pub fn run(args: &ArgMatches) -> Result<(), Failure> {
    let catalogs: Vec<String> = args
        .get_many::<String>("catalog")
        .map(|names| names.cloned().collect())
        .unwrap_or_default();
    let page = args.get_one::<String>("page");
    let check = args.get_flag("check");
    if args.contains_id("spec") && page.is_some() && !check && catalogs.is_empty() {
        return Err(Failure::Usage(
            "`--spec` goes with --check or --catalog".into(),
        ));
    }
    let spec = SpecRoot::of(args)?;
    if args.get_flag("sources") {
        return recorded::sources(&spec);
    }
    if args.get_flag("update") {
        return recorded::update(&spec, &catalogs);
    }
    let Some(page) = page else {
        if check {
            return recorded::check(&spec, &catalogs);
        }
        return Err(Failure::Usage(
            "import needs a page (cargo xtask import PAGE), or --check, --update or --sources"
                .into(),
        ));
    };
    let options = options(args).map_err(Failure::Usage)?;
    let read = read_page(page)?;
    if check {
        if !catalogs.is_empty() {
            return Err(Failure::Usage(
                "with a page, --check compares it with --spec; --catalog names a new catalog"
                    .into(),
            ));
        }
        let tables = import_tables(&read, &options)?;
        return check_against(&read.display, &tables, &spec.path, &spec.display);
    }
    match catalogs.as_slice() {
        [] => write_table(&read, &options, args),
        [name] => {
            let url = args.get_one::<String>("url").map(String::as_str);
            new_catalog::create(&read, &spec, name, &options, url)
        }
        _ => Err(Failure::Usage(
            "a page makes one catalog: give one --catalog".into(),
        )),
    }
}

/// `import --check` without a page, for CI: every recorded page of the
/// workspace's catalogs against its catalog's table.
pub fn check_recorded() -> Result<(), Failure> {
    let spec = SpecRoot {
        path: workspace::spec_root(),
        display: "spec".to_owned(),
    };
    recorded::check(&spec, &[])
}

/// `--table` and `--column`, as the importer takes them.
fn options(args: &ArgMatches) -> Result<Options, String> {
    let mut options = Options {
        table: args.get_one::<usize>("table").copied(),
        ..Options::default()
    };
    if options.table == Some(0) {
        return Err("`--table 0`: a table number, 1 for the page's first table".into());
    }
    for column in args.get_many::<String>("column").into_iter().flatten() {
        options.add_column(column)?;
    }
    Ok(options)
}

/// A page as read from its file.
pub struct Page {
    pub path: PathBuf,
    /// As named on the command line (or in a catalog), for messages.
    pub display: String,
    pub text: String,
    pub format: Format,
}

/// Reads a page named on the command line.
fn read_page(value: &str) -> Result<Page, Failure> {
    let path = workspace::from_current_dir(value).map_err(Failure::Other)?;
    read_page_at(&path, value.to_owned())
}

/// Reads the page at `path`, shown as `display`; its format from its name,
/// else from its text.
pub fn read_page_at(path: &Path, display: String) -> Result<Page, Failure> {
    let bytes =
        fs::read(path).map_err(|e| Failure::Other(format!("cannot read {display}: {e}")))?;
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{display}: error: the page is not UTF-8 text");
        return Err(Failure::SpecErrors);
    };
    let format = Format::from_file_name(&display).unwrap_or_else(|| Format::sniff(&text));
    Ok(Page {
        path: path.to_path_buf(),
        display,
        text,
        format,
    })
}

/// The page's code tables (all of them, or the one `--table` picks), its
/// diagnostics printed; an error when it has none.
pub fn import_tables(page: &Page, options: &Options) -> Result<Vec<import::Table>, Failure> {
    import_flagged(page, options).map(|(tables, _)| tables)
}

/// [`import_tables`], with the number of warnings: rows and columns the
/// importer flagged for a person to look at.
pub fn import_flagged(
    page: &Page,
    options: &Options,
) -> Result<(Vec<import::Table>, usize), Failure> {
    let imported = import::import(&page.display, &page.text, page.format, options);
    eprint!("{}", import::render(&imported.diagnostics));
    let flagged = imported
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .count();
    if imported.tables.is_empty() {
        return Err(Failure::SpecErrors);
    }
    Ok((imported.tables, flagged))
}

/// The page's one code table, for a command that writes one file: a page of
/// several needs `--table N`, and the error lists them.
fn import_one_table(page: &Page, options: &Options) -> Result<import::Table, Failure> {
    let mut imported = import::import(&page.display, &page.text, page.format, options);
    if imported.tables.len() > 1 {
        let error = import::several_tables_error(&page.display, &imported.tables);
        imported.diagnostics.push(error);
        imported.tables.clear();
    }
    eprint!("{}", import::render(&imported.diagnostics));
    imported.tables.pop().ok_or(Failure::SpecErrors)
}

/// The table alone, to `--out` or standard output.
fn write_table(page: &Page, options: &Options, args: &ArgMatches) -> Result<(), Failure> {
    let table = import_one_table(page, options)?;
    let out = match args.get_one::<String>("out") {
        Some(value) => Some(workspace::from_current_dir(value).map_err(Failure::Other)?),
        None => None,
    };
    let yaml = match args.get_one::<String>("format") {
        Some(format) => format == "yaml",
        None => out
            .as_ref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e == "yaml" || e == "yml"),
    };
    let written = if yaml {
        import::write::yaml(&table)
    } else {
        import::write::csv(&table)
    }
    .map_err(Failure::Other)?;
    match &out {
        Some(out) => {
            write_whole(out, &written)?;
            eprintln!(
                "imported {} rows from {} into {}",
                table.rows.len(),
                page.display,
                out.display()
            );
        }
        None => print!("{written}"),
    }
    Ok(())
}

/// The page's tables against the catalog at `spec` (its tables in order);
/// exit 1 with a diff if they differ.
fn check_against(
    page: &str,
    tables: &[import::Table],
    spec: &Path,
    spec_display: &str,
) -> Result<(), Failure> {
    if !spec.exists() {
        return Err(Failure::Usage(format!(
            "the spec `{spec_display}` does not exist"
        )));
    }
    let loaded = codegen::load_spec(spec, spec_display);
    let Some(catalog) = loaded.catalog else {
        eprint!("{}", codegen::diagnostic::render_all(&loaded.diagnostics));
        return Err(Failure::SpecErrors);
    };
    let differences = compare_page(page, tables, &catalog, spec_display);
    if differences.is_empty() {
        Ok(())
    } else {
        eprint!("{}", import::check::render(page, &differences));
        Err(Failure::Drift)
    }
}

/// The differences between the tables read from the page `page` and the
/// rows of `catalog` (the spec `spec_display`); none, it says that they match.
fn compare_page(
    page: &str,
    tables: &[import::Table],
    catalog: &codegen::Catalog,
    spec_display: &str,
) -> Vec<import::check::Difference> {
    let spec_rows = import::check::spec_rows(catalog);
    let differences = import::check::compare(tables, &spec_rows, catalog);
    if differences.is_empty() {
        println!("{page} matches {spec_display}: {} rows", spec_rows.len());
    }
    differences
}

/// Writes `text` to `path` whole or not at all: into a temporary file
/// beside it, then renamed over it.
pub fn write_whole(path: &Path, text: &str) -> Result<(), Failure> {
    let name = path
        .file_name()
        .ok_or_else(|| Failure::Usage(format!("`{}` is not a file", path.display())))?;
    let temporary = path.with_file_name(format!(".{}.importing", name.to_string_lossy()));
    let failed =
        |e: std::io::Error| Failure::Other(format!("cannot write {}: {e}", path.display()));
    fs::write(&temporary, text).map_err(failed)?;
    fs::rename(&temporary, path).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        failed(e)
    })
}
