//! Compile time of the generated crate against its floor: a crate that holds
//! only the bare enum with the same variants.
//!
//! Each crate is built clean (an empty target folder), alone, with
//! `cargo build` and `cargo build --release`, without incremental compilation
//! (as a dependency is built). The wall time is measured here; the peak
//! memory is GNU time's maximum resident set size of `cargo` and the `rustc`
//! it runs (the larger of the two: `rustc`'s, for these crates).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::{median, seconds};

/// GNU time, for the peak memory of a build.
const GNU_TIME: &str = "/usr/bin/time";

/// The `Cargo.toml` of a floor crate: its own workspace.
const FLOOR_MANIFEST: &str = "[package]\nname = \"floor\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n";

/// One crate to build: a name for the table and its folder.
struct Subject {
    label: &'static str,
    dir: PathBuf,
}

/// The median time and peak memory of clean builds of one crate in one profile.
struct Measured {
    time: Duration,
    /// Peak resident memory in KiB, if GNU time is installed.
    peak_kib: Option<u64>,
}

/// Builds the crate generated from `spec` and its floors `runs` times each,
/// in both profiles; returns the report's section.
pub fn run(work: &Path, spec: &Path, runs: usize) -> Result<String, String> {
    let loaded = codegen::load_spec(spec, "spec");
    let catalog = loaded.catalog.ok_or_else(|| {
        format!(
            "the synthetic spec has errors:\n{}",
            codegen::diagnostic::render_all(&loaded.diagnostics)
        )
    })?;
    let variants: Vec<&str> = catalog
        .codes
        .iter()
        .map(|c| c.rust_variant.as_str())
        .collect();
    if work.exists() {
        fs::remove_dir_all(work).map_err(|e| format!("removing {}: {e}", work.display()))?;
    }
    let generated = work.join("generated");
    for file in codegen::emit::rust::emit(&catalog) {
        let path = generated.join(file.path.trim_start_matches("rust/"));
        let mut contents = file.contents;
        if file.path == "rust/Cargo.toml" {
            // Its own workspace: `target/` is inside this one.
            contents += "\n[workspace]\n";
        }
        write(&path, &contents)?;
    }
    let bare = work.join("floor-bare");
    write_floor(&bare, &variants, "")?;
    let contract = work.join("floor-contract");
    write_contract_floor(
        &contract,
        &fs::read_to_string(generated.join("src/lib.rs"))
            .map_err(|e| format!("reading the generated lib.rs: {e}"))?,
    )?;
    let derives = work.join("floor-derives");
    write_floor(
        &derives,
        &variants,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n",
    )?;
    let subjects = [
        Subject {
            label: "generated crate",
            dir: generated,
        },
        Subject {
            label: "floor: the bare enum",
            dir: bare,
        },
        Subject {
            label: "contract floor: the generated enum (docs, aliases, derives) and `ALL` alone",
            dir: contract,
        },
        Subject {
            label: "the enum with the derives of the contract (a derived Debug included)",
            dir: derives,
        },
    ];
    let has_gnu_time = Path::new(GNU_TIME).exists();
    let mut results = Vec::new();
    for subject in &subjects {
        let mut row = Vec::new();
        for release in [false, true] {
            let measured = measure(work, subject, release, runs, has_gnu_time)?;
            println!(
                "{} ({}): {}",
                subject.label,
                if release { "release" } else { "debug" },
                seconds(measured.time)
            );
            row.push(measured);
        }
        results.push(row);
    }

    let mut table = format!(
        "\n### Compile time\n\nClean builds of one crate alone with {} variants (the synthetic spec of \
         {} rows), `CARGO_INCREMENTAL=0`, median of {runs}; peak memory is the maximum resident set \
         size of `cargo` and `rustc`{}.\n\n\
         | crate | `cargo build` | peak memory | `cargo build --release` | peak memory |\n\
         |---|---:|---:|---:|---:|\n",
        super::thousands(variants.len()),
        super::thousands(catalog.codes.iter().map(|c| c.cases.len()).sum()),
        if has_gnu_time {
            " (GNU time)"
        } else {
            " (not measured: /usr/bin/time is not installed)"
        },
    );
    for (subject, row) in subjects.iter().zip(&results) {
        let _ = writeln!(
            table,
            "| {} | {} | {} | {} | {} |",
            subject.label,
            seconds(row[0].time),
            memory(row[0].peak_kib),
            seconds(row[1].time),
            memory(row[1].peak_kib),
        );
    }
    // Subjects by index: 0 generated, 1 bare enum, 2 contract floor.
    let ratio = |subject: usize, floor: usize, profile: usize| {
        results[subject][profile].time.as_secs_f64()
            / results[floor][profile].time.as_secs_f64().max(1e-9)
    };
    let _ = writeln!(
        table,
        "| **generated / bare enum** | **{:.2}×** | | **{:.2}×** | |",
        ratio(0, 1, 0),
        ratio(0, 1, 1)
    );
    for (label, subject, floor) in [
        ("generated / contract floor", 0, 2),
        ("contract floor / bare enum", 2, 1),
    ] {
        let _ = writeln!(
            table,
            "| {label} | {:.2}× | | {:.2}× | |",
            ratio(subject, floor, 0),
            ratio(subject, floor, 1)
        );
    }
    Ok(table)
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// A crate that holds only `pub enum ErrorCode` with these variants.
fn write_floor(dir: &Path, variants: &[&str], derives: &str) -> Result<(), String> {
    write(&dir.join("Cargo.toml"), FLOOR_MANIFEST)?;
    let mut lib = String::from("//! The floor: the bare enum.\n\n");
    lib += derives;
    lib += "pub enum ErrorCode {\n";
    for variant in variants {
        let _ = writeln!(lib, "    {variant},");
    }
    lib += "}\n";
    write(&dir.join("src/lib.rs"), &lib)
}

/// A crate with what the contract asks of every variant and nothing else:
/// the generated `ErrorCode` (its docs, aliases, derives and `repr`) and
/// `ErrorCode::ALL`, cut out of the generated `lib.rs`. The rest of the
/// generated crate (its data, lookup and impls) is what the generator adds.
fn write_contract_floor(dir: &Path, generated_lib: &str) -> Result<(), String> {
    let cut = |start: &str, end: &str| -> Result<&str, String> {
        let from = generated_lib
            .find(start)
            .ok_or_else(|| format!("the generated lib.rs has no `{start}`"))?;
        let to = generated_lib[from..]
            .find(end)
            .ok_or_else(|| format!("the generated lib.rs has no `{end}` after `{start}`"))?;
        Ok(&generated_lib[from..from + to + end.len()])
    };
    let enum_item = cut("/// An error code of the", "\n}\n")?;
    let all_codes = cut("static ALL_CODES", "];\n")?;
    write(&dir.join("Cargo.toml"), FLOOR_MANIFEST)?;
    let lib = format!(
        "//! The contract's floor: the documented enum and `ALL`.\n#![allow(deprecated)]\n\n\
         /// The variants' docs link to it.\npub enum Category {{}}\n\n{enum_item}\n\
         impl ErrorCode {{\n    /// Every code.\n    pub const ALL: &'static [ErrorCode] = &ALL_CODES;\n}}\n\n{all_codes}"
    );
    write(&dir.join("src/lib.rs"), &lib)
}

/// Builds `subject` clean `runs` times; the median time and peak memory.
fn measure(
    work: &Path,
    subject: &Subject,
    release: bool,
    runs: usize,
    has_gnu_time: bool,
) -> Result<Measured, String> {
    let target = work.join("target");
    let memory_file = work.join("peak-memory.txt");
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..runs {
        if target.exists() {
            fs::remove_dir_all(&target)
                .map_err(|e| format!("removing {}: {e}", target.display()))?;
        }
        let mut cargo_args = vec!["build", "--offline", "--quiet"];
        if release {
            cargo_args.push("--release");
        }
        let mut command = if has_gnu_time {
            let mut c = Command::new(GNU_TIME);
            c.arg("--format=%M").arg("--output").arg(&memory_file);
            c.arg("cargo");
            c
        } else {
            Command::new("cargo")
        };
        command
            .args(&cargo_args)
            .current_dir(&subject.dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", "0");
        let started = Instant::now();
        let output = command
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        times.push(started.elapsed());
        if !output.status.success() {
            return Err(format!(
                "building the {} failed:\n{}",
                subject.label,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if has_gnu_time {
            let text = fs::read_to_string(&memory_file).unwrap_or_default();
            peaks.extend(
                text.trim()
                    .lines()
                    .last()
                    .and_then(|l| l.trim().parse::<u64>().ok()),
            );
        }
    }
    peaks.sort_unstable();
    Ok(Measured {
        time: median(times),
        peak_kib: peaks.get(peaks.len() / 2).copied(),
    })
}

fn memory(peak_kib: Option<u64>) -> String {
    peak_kib.map_or_else(|| "n/a".to_owned(), |kib| format!("{} MiB", kib / 1024))
}
