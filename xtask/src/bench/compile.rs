//! Compile time of the generated crate against what a Rust user would write
//! instead: the same codes as an enum with strum's derives (`EnumString`,
//! `IntoStaticStr`, `EnumIter`, `EnumMessage` with `message` = `error_msg`
//! and `detailed_message` = description, and the std derives); and, for
//! scale, the bare enum.
//!
//! Each crate is built alone, with its dependencies already built (strum's
//! lockfile is `xtask/bench/strum/Cargo.lock`; its target folder is kept
//! across runs), without incremental compilation (as a dependency is built):
//! `cargo clean -p` the crate, then `cargo build` and `cargo build
//! --release`. The wall time is measured here; the peak memory is GNU time's
//! maximum resident set size of `cargo` and the `rustc` it runs (the larger
//! of the two: `rustc`'s, for these crates).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use codegen::Catalog;

use super::{median, seconds};

/// GNU time, for the peak memory of a build.
const GNU_TIME: &str = "/usr/bin/time";

/// The goals of issue 11: the generated crate compiles at least this many
/// times faster than the strum enum, debug and release, ...
const SPEED_GOAL: f64 = 5.0;
/// ... with at most this share of its peak memory.
const MEMORY_GOAL: f64 = 0.25;

/// One crate to build.
struct Subject {
    label: &'static str,
    /// Its package name, for `cargo clean -p`.
    package: String,
    dir: PathBuf,
    /// Where it is built: kept across runs for a crate with dependencies.
    target: PathBuf,
    /// Dependencies to build before timing (`cargo build -p`).
    dependencies: &'static [&'static str],
}

/// The median time and peak memory of clean builds of one crate in one profile.
struct Measured {
    time: Duration,
    /// Peak resident memory in KiB, if GNU time is installed.
    peak_kib: Option<u64>,
}

/// Builds the crate generated from `catalog`, the strum enum and the bare
/// enum `runs` times each, in both profiles; returns the report's section.
/// `work` is emptied first; `strum_target` is kept.
pub fn run(
    root: &Path,
    work: &Path,
    strum_target: &Path,
    catalog: &Catalog,
    runs: usize,
    quick: bool,
) -> Result<String, String> {
    if work.exists() {
        fs::remove_dir_all(work).map_err(|e| format!("removing {}: {e}", work.display()))?;
    }
    let generated = work.join("generated");
    for file in codegen::emit::rust::emit(catalog) {
        let mut contents = file.contents;
        if file.path == "rust/Cargo.toml" {
            // Its own workspace: `target/` is inside this one.
            contents += &format!("\n{}", own_workspace()?);
        }
        write(
            &generated.join(file.path.trim_start_matches("rust/")),
            &contents,
        )?;
    }
    let strum = work.join("strum");
    write(&strum.join("src/lib.rs"), &strum_enum(catalog))?;
    for name in ["Cargo.toml", "Cargo.lock"] {
        fs::copy(root.join("xtask/bench/strum").join(name), strum.join(name))
            .map_err(|e| format!("copying xtask/bench/strum/{name}: {e}"))?;
    }
    let bare = work.join("bare");
    write(&bare.join("Cargo.toml"), &bare_manifest()?)?;
    write(&bare.join("src/lib.rs"), &bare_enum(catalog))?;

    let subjects = [
        Subject {
            label: "generated crate",
            package: catalog.meta.crate_name.clone(),
            dir: generated,
            target: work.join("target"),
            dependencies: &[],
        },
        Subject {
            label: "enum with strum's derives",
            package: "strum-codes".into(),
            dir: strum,
            target: strum_target.to_path_buf(),
            dependencies: &["strum"],
        },
        Subject {
            label: "bare enum",
            package: "bare".into(),
            dir: bare,
            target: work.join("target"),
            dependencies: &[],
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
    Ok(report(
        catalog,
        &subjects,
        &results,
        (runs, quick),
        has_gnu_time,
    ))
}

/// The report's section: a row per crate, then the ratios.
fn report(
    catalog: &Catalog,
    subjects: &[Subject],
    results: &[Vec<Measured>],
    (runs, quick): (usize, bool),
    has_gnu_time: bool,
) -> String {
    let mut table = format!(
        "\n### Compile time\n\nThe crate alone with {} codes (the synthetic spec of {} rows), \
         dependencies already built, `CARGO_INCREMENTAL=0`, median of {runs} clean builds; peak \
         memory is the maximum resident set size of `cargo` and `rustc`{}.\n\n\
         | crate | `cargo build` | peak memory | `cargo build --release` | peak memory |\n\
         |---|---:|---:|---:|---:|\n",
        super::thousands(catalog.codes.len()),
        super::thousands(catalog.codes.iter().map(|c| c.cases.len()).sum()),
        if has_gnu_time {
            " (GNU time)"
        } else {
            " (not measured: /usr/bin/time is not installed)"
        },
    );
    for (subject, row) in subjects.iter().zip(results) {
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
    // Subjects by index: 0 generated, 1 strum, 2 bare enum.
    let time_ratio = |a: usize, b: usize, profile: usize| {
        results[a][profile].time.as_secs_f64() / results[b][profile].time.as_secs_f64().max(1e-9)
    };
    let memory_ratio = |a: usize, b: usize, profile: usize| match (
        results[a][profile].peak_kib,
        results[b][profile].peak_kib,
    ) {
        (Some(a), Some(b)) if b > 0 => Some(ratio_of(a, b)),
        _ => None,
    };
    let share = |r: Option<f64>| r.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.2}×"));
    let _ = writeln!(
        table,
        "| **strum / generated crate** | **{:.1}×** | **{}** | **{:.1}×** | **{}** |",
        time_ratio(1, 0, 0),
        share(memory_ratio(0, 1, 0).map(|r| 1.0 / r)),
        time_ratio(1, 0, 1),
        share(memory_ratio(0, 1, 1).map(|r| 1.0 / r)),
    );
    let _ = writeln!(
        table,
        "| generated crate / bare enum | {:.1}× | {} | {:.1}× | {} |",
        time_ratio(0, 2, 0),
        share(memory_ratio(0, 2, 0)),
        time_ratio(0, 2, 1),
        share(memory_ratio(0, 2, 1)),
    );
    let fast = (0..2).all(|profile| time_ratio(1, 0, profile) >= SPEED_GOAL);
    let small = (0..2).all(|profile| memory_ratio(0, 1, profile).is_none_or(|r| r <= MEMORY_GOAL));
    let verdict = if quick {
        "not judged in a quick run (strum's cost grows faster than linearly: the goal is for about \
         10,000 codes)"
    } else if fast && small {
        "met"
    } else {
        "**not met**"
    };
    let _ = writeln!(
        table,
        "\nThe goal: the generated crate compiles at least {SPEED_GOAL}× faster than the strum \
         enum, debug and release, with at most {MEMORY_GOAL} of its peak memory (the memory \
         ratios above are strum's peak over the generated crate's): {verdict}."
    );
    table
}

/// `a / b` of two memory sizes.
fn ratio_of(a: u64, b: u64) -> f64 {
    let as_f64 = |n: u64| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    as_f64(a) / as_f64(b)
}

/// The strum enum: one variant per code, with its code, message and
/// description as strum attributes, and the std derives.
fn strum_enum(catalog: &Catalog) -> String {
    let mut lib = String::from(
        "//! The codes as an enum with strum's derives.\n\n\
         use strum::{EnumIter, EnumMessage, EnumString, IntoStaticStr};\n\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         #[derive(EnumString, IntoStaticStr, EnumIter, EnumMessage)]\n\
         pub enum ErrorCode {\n",
    );
    for code in &catalog.codes {
        let case = code.primary();
        // `{:?}` writes a Rust string literal: quotes and escapes included.
        let _ = writeln!(
            lib,
            "    #[strum(serialize = {:?}, message = {:?}, detailed_message = {:?})]\n    {},",
            code.code, case.error_msg, case.description, code.rust_variant
        );
    }
    lib += "}\n";
    lib
}

/// The bare enum: only the variants.
fn bare_enum(catalog: &Catalog) -> String {
    let mut lib = String::from("//! The bare enum.\n\npub enum ErrorCode {\n");
    for code in &catalog.codes {
        let _ = writeln!(lib, "    {},", code.rust_variant);
    }
    lib += "}\n";
    lib
}

/// `[workspace]`: a crate that is a workspace of its own.
fn own_workspace() -> Result<String, String> {
    let mut manifest = toml::Table::new();
    manifest.insert("workspace".into(), toml::Table::new().into());
    toml::to_string(&manifest).map_err(|e| format!("writing a manifest: {e}"))
}

/// The bare enum's `Cargo.toml`.
fn bare_manifest() -> Result<String, String> {
    let mut package = toml::Table::new();
    package.insert("name".into(), "bare".into());
    package.insert("version".into(), "0.0.0".into());
    package.insert("edition".into(), "2021".into());
    package.insert("publish".into(), false.into());
    let mut manifest = toml::Table::new();
    manifest.insert("package".into(), package.into());
    manifest.insert("workspace".into(), toml::Table::new().into());
    toml::to_string(&manifest).map_err(|e| format!("writing a manifest: {e}"))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// `cargo` with `args` in the subject's folder and target folder.
fn cargo(subject: &Subject, args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command
        .args(args)
        .current_dir(&subject.dir)
        .env("CARGO_TARGET_DIR", &subject.target)
        .env("CARGO_INCREMENTAL", "0");
    command
}

fn run_quietly(mut command: Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Builds `subject` clean `runs` times; the median time and peak memory.
fn measure(
    work: &Path,
    subject: &Subject,
    release: bool,
    runs: usize,
    has_gnu_time: bool,
) -> Result<Measured, String> {
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    for dependency in subject.dependencies {
        let mut args = vec!["build", "--locked", "--quiet", "-p", dependency];
        args.extend_from_slice(profile);
        run_quietly(
            cargo(subject, &args),
            &format!("building {dependency} for the {}", subject.label),
        )?;
    }
    // A crate without dependencies needs no registry; strum's are locked.
    let registry = if subject.dependencies.is_empty() {
        "--offline"
    } else {
        "--locked"
    };
    let memory_file = work.join("peak-memory.txt");
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..runs {
        let mut args = vec!["clean", "--quiet", registry, "-p", &subject.package];
        args.extend_from_slice(profile);
        run_quietly(
            cargo(subject, &args),
            &format!("cleaning the {}", subject.label),
        )?;
        let mut args = vec!["build", "--quiet", registry];
        args.extend_from_slice(profile);
        let mut command = if has_gnu_time {
            let mut command = Command::new(GNU_TIME);
            command
                .arg("--format=%M")
                .arg("--output")
                .arg(&memory_file)
                .arg("cargo")
                .args(&args)
                .current_dir(&subject.dir)
                .env("CARGO_TARGET_DIR", &subject.target)
                .env("CARGO_INCREMENTAL", "0");
            command
        } else {
            cargo(subject, &args)
        };
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
