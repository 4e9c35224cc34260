//! The pages that catalogs record (`import:` in their `catalog.yaml`): the
//! page check that CI runs (`import --check`), the re-reading that the
//! scheduled workflow runs after fetching them (`import --update`), and the
//! list of their addresses it fetches them from (`import --sources`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use codegen::import::{self, Field, Options, Table};
use codegen::model::{Catalog, ImportSettings};
use codegen::repository::Source;

use super::{Page, SpecRoot, compare_page};
use crate::failure::Failure;

/// The columns a person adds to an imported table, kept by `--update`.
const EDITORIAL: [&str; 3] = ["category", "retryable", "deprecated"];

/// A catalog of `spec/` that records its page.
struct Recorded {
    source: Source,
    catalog: Catalog,
    settings: ImportSettings,
}

impl Recorded {
    fn page(&self) -> Result<Page, Failure> {
        let path = self.source.path.join(&self.settings.page);
        super::read_page_at(
            &path,
            format!("{}/{}", self.source.display, self.settings.page),
        )
    }

    /// The options the page was imported with (validated with the catalog).
    fn options(&self) -> Options {
        let mut options = Options {
            table: self.settings.table,
            ..Options::default()
        };
        for (header, field) in &self.settings.columns {
            let _ = options.add_column(&format!("{header}={field}"));
        }
        options
    }

    /// The catalog's table files, in the order it lists them: one per code
    /// table of its page, in page order.
    fn table_files(&self) -> Result<Vec<PathBuf>, Failure> {
        let prefix = format!("{}/", self.source.display);
        let mut files = Vec::new();
        for file in &self.catalog.meta.spec_files {
            let Some(name) = file.strip_prefix(&prefix) else {
                continue;
            };
            if name == codegen::load::CATALOG_FILE {
                continue;
            }
            if Path::new(name).extension().is_none_or(|e| e != "csv") {
                return Err(Failure::Other(format!(
                    "{}: --update writes CSV tables; {name} is not one",
                    self.source.display
                )));
            }
            files.push(self.source.path.join(name));
        }
        Ok(files)
    }
}

/// The catalogs of the spec root (those of `only`, if it names any) that
/// record their page; an error if the spec has errors.
fn recorded(spec: &SpecRoot, only: &[String]) -> Result<Vec<Recorded>, Failure> {
    let repository = codegen::repository::load(&spec.path, &spec.display, only);
    if repository.has_errors() {
        let diagnostics: Vec<_> = repository.all_diagnostics().into_iter().cloned().collect();
        eprint!("{}", codegen::diagnostic::render_all(&diagnostics));
        return Err(Failure::SpecErrors);
    }
    Ok(repository
        .sources
        .into_iter()
        .zip(repository.catalogs)
        .filter_map(|(source, loaded)| {
            let catalog = loaded.catalog?;
            let settings = catalog.meta.import.clone()?;
            Some(Recorded {
                source,
                catalog,
                settings,
            })
        })
        .collect())
}

/// `import --check`: every recorded page against its catalog's table.
pub fn check(spec: &SpecRoot, only: &[String]) -> Result<(), Failure> {
    let recorded = recorded(spec, only)?;
    if recorded.is_empty() {
        println!("no catalog records its page (`import:` in catalog.yaml): nothing to check");
        return Ok(());
    }
    let mut differ = Vec::new();
    for catalog in &recorded {
        let page = catalog.page()?;
        // The page's warnings were for whoever imported it: shown again
        // only when the page no longer matches.
        let imported = import::import(&page.display, &page.text, page.format, &catalog.options());
        if imported.tables.is_empty() {
            eprint!("{}", import::render(&imported.diagnostics));
            return Err(Failure::SpecErrors);
        }
        let differences = compare_page(
            &page.display,
            &imported.tables,
            &catalog.catalog,
            &catalog.source.display,
        );
        if !differences.is_empty() {
            eprint!("{}", import::render(&imported.diagnostics));
            eprint!("{}", import::check::render(&page.display, &differences));
            differ.push(catalog.catalog.name.clone());
        }
    }
    if differ.is_empty() {
        return Ok(());
    }
    eprintln!(
        "the page of the catalog(s) {} differs from its table: if the page is right, run \
         `cargo xtask import --update --catalog NAME` to read it into the table, then \
         `cargo xtask gen`",
        differ.join(", ")
    );
    Err(Failure::Drift)
}

/// `import --sources`: the catalogs that record where their page is
/// published, one line each: name, address, the page's path (tab-separated).
pub fn sources(spec: &SpecRoot) -> Result<(), Failure> {
    for catalog in recorded(spec, &[])? {
        if let Some(url) = &catalog.settings.url {
            println!(
                "{}\t{url}\t{}/{}",
                catalog.catalog.name, catalog.source.display, catalog.settings.page
            );
        }
    }
    Ok(())
}

/// `import --update`: each recorded page read into its catalog's tables
/// again (one per code table of the page, in order); each code keeps the
/// editorial columns that its rows had.
pub fn update(spec: &SpecRoot, only: &[String]) -> Result<(), Failure> {
    for catalog in recorded(spec, only)? {
        let page = catalog.page()?;
        let tables = super::import_tables(&page, &catalog.options())?;
        let files = catalog.table_files()?;
        if files.len() != tables.len() {
            return Err(Failure::Other(format!(
                "{} has {} code table(s) now, and the catalog {} table file(s): import the page \
                 again as a new catalog, or set `import: table:` in its catalog.yaml",
                page.display,
                tables.len(),
                files.len()
            )));
        }
        for (table, file) in tables.iter().zip(&files) {
            let old = std::fs::read_to_string(file)
                .map_err(|e| Failure::Other(format!("cannot read {}: {e}", file.display())))?;
            let new = with_editorial_columns(table, &old).map_err(Failure::Other)?;
            let shown = format!(
                "{}/{}",
                catalog.source.display,
                file.file_name().unwrap_or_default().to_string_lossy()
            );
            if new == old.replace("\r\n", "\n") {
                println!("{shown} is up to date with {}", page.display);
            } else {
                super::write_whole(file, &new)?;
                println!(
                    "{shown}: read again from {} ({} rows); run `cargo xtask gen`",
                    page.display,
                    table.rows.len()
                );
            }
        }
    }
    Ok(())
}

/// The imported table as CSV, with the editorial columns of the old table
/// (`old`, CSV): each code's first row gets the values that the code's rows
/// had there.
fn with_editorial_columns(table: &Table, old: &str) -> Result<String, String> {
    let mut reader = csv::Reader::from_reader(old.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("reading the table: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let code_column = column("error_code").ok_or("the table has no error_code column")?;
    let kept: Vec<(&str, usize)> = EDITORIAL
        .iter()
        .filter_map(|&name| Some((name, column(name)?)))
        .collect();
    // Each code's editorial values: the first non-empty one of its rows.
    let mut values: HashMap<String, Vec<String>> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("reading the table: {e}"))?;
        let code = record.get(code_column).unwrap_or_default().to_owned();
        let entry = values
            .entry(code)
            .or_insert_with(|| vec![String::new(); kept.len()]);
        for (slot, (_, i)) in entry.iter_mut().zip(&kept) {
            if slot.is_empty() {
                record.get(*i).unwrap_or_default().clone_into(slot);
            }
        }
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: csv::Error| format!("writing the table: {e}");
    let mut names: Vec<&str> = table.fields.iter().map(|f| f.name()).collect();
    names.extend(kept.iter().map(|(name, _)| *name));
    writer.write_record(&names).map_err(failed)?;
    let mut seen = std::collections::HashSet::new();
    for row in &table.rows {
        let code = row.get(table, Field::ErrorCode);
        let mut record = row.values.clone();
        let first = seen.insert(code.to_owned());
        record.extend((0..kept.len()).map(|i| match values.get(code) {
            Some(editorial) if first => editorial[i].clone(),
            _ => String::new(),
        }));
        writer.write_record(&record).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("writing the table: {}", e.error()))?;
    String::from_utf8(bytes).map_err(|e| format!("writing the table: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_keeps_each_codes_editorial_columns() {
        let page = "| Status Code | Error Code | Error Message | Description | Solution |\n\
                    | --- | --- | --- | --- | --- |\n\
                    | 400 | A.1 | Bad. | d | s |\n\
                    | 401 | NEW.1 | New. | d | s |\n\
                    | 413 | A.1 | Too big. | d | s |\n";
        let imported = import::import("p.md", page, import::Format::Markdown, &Options::default());
        let table = &imported.tables[0];
        let old = "status_code,error_code,error_msg,description,handling_measure,category,retryable\n\
                   400,A.1,Bad.,d,s,,\n\
                   413,A.1,Too big.,d,s,request,false\n\
                   500,GONE.1,Gone.,d,s,server,true\n";
        let new = with_editorial_columns(table, old).expect("written");
        assert_eq!(
            new,
            "status_code,error_code,error_msg,description,handling_measure,category,retryable\n\
             400,A.1,Bad.,d,s,request,false\n\
             401,NEW.1,New.,d,s,,\n\
             413,A.1,Too big.,d,s,,\n"
        );
    }
}
