//! `cargo xtask bench [--quick]`: generation time (synthetic specs, the
//! 864-row `ModelArts` table, the workspace's catalogs, every real page
//! imported as a catalog, and a newcomer's first `cargo xtask gen` with its
//! build), compile time of the generated crate against an enum with
//! strum's derives, `ErrorCode::from_code` against `phf` and `HashMap`, and
//! the npm package's bundle sizes per export, printed as one Markdown report.
//!
//! Everything it writes goes to `target/bench/` (and the generated crates of
//! the lookup benchmark to `xtask/bench/lookup/crates/`, the bundles to
//! `xtask/ts/from-spec/bundles/`, both ignored by git).
//! `--quick` is CI's smoke run: small sizes and few samples, and no cold
//! build. It checks that the benchmarks run, never how fast.

mod bundle;
mod catalogs;
mod compile;
mod import;
mod lookup;
pub(crate) mod synthetic;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::process::Step;

/// CI: the lookup benchmark's own crate is formatted, and a smoke run of
/// every benchmark succeeds (its numbers are not checked).
pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "rustfmt of the lookup benchmark (xtask/bench/lookup)",
            run: |root| {
                // rustfmt itself: `cargo fmt` needs the crates that only a bench run writes.
                let dir = root.join("xtask").join("bench").join("lookup");
                let args = [
                    "--check",
                    "--edition",
                    "2024",
                    "build.rs",
                    "benches/lookup.rs",
                ];
                crate::process::run_command(&dir, "rustfmt", &args, &[])
            },
        },
        Step {
            name: "bench smoke run (cargo xtask bench --quick)",
            run: |root| run(root, true),
        },
    ]
}

/// The sizes and repetitions of one run.
struct Plan {
    quick: bool,
    /// Rows of the synthetic specs whose generation is timed.
    gen_rows: Vec<usize>,
    /// Runs of `gen` per size (the median is reported).
    gen_runs: usize,
    /// Rows of the spec whose crate is compiled against strum's and the bare enum.
    compile_rows: usize,
    /// Clean builds per crate and profile.
    compile_runs: usize,
    /// Rows of the spec of the large crate in the lookup benchmark.
    lookup_rows: usize,
}

/// The real table whose generation time is reported: the largest one.
const MODELARTS: &str = "codegen/tests/data/huawei/modelarts-error-codes.csv";

impl Plan {
    fn new(quick: bool) -> Self {
        if quick {
            Self {
                quick,
                gen_rows: vec![1_000],
                gen_runs: 1,
                compile_rows: 1_000,
                compile_runs: 1,
                lookup_rows: 1_000,
            }
        } else {
            Self {
                quick,
                gen_rows: vec![1_000, 10_000, 100_000],
                gen_runs: 3,
                compile_rows: 10_000,
                compile_runs: 3,
                lookup_rows: 10_000,
            }
        }
    }
}

/// `cargo xtask bench [--quick]`.
pub fn run(root: &Path, quick: bool) -> Result<(), String> {
    let plan = Plan::new(quick);
    let work = root.join("target").join("bench");
    let mut report = machine_report();

    // The debug build first: it is the one `cargo xtask` runs.
    let xtasks = xtasks(root, plan.quick)?;
    println!("==> timing generation");
    report += &time_generation(root, &xtasks, &work, &plan)?;
    println!("==> timing gen and check of many catalogs");
    let debug = &xtasks.first().ok_or("no xtask was built")?.exe;
    report += &catalogs::run(root, debug, &work, plan.gen_runs)?;
    if plan.quick {
        report += "\n(The first `cargo xtask gen` of a fresh clone is not timed in a quick run.)\n";
    } else {
        println!("==> timing a first `cargo xtask gen` in a fresh target folder");
        report += &time_first_gen(root, &work)?;
    }

    println!("==> timing clean builds of the generated crate, the strum enum and the bare enum");
    let spec = ensure_spec(&work, plan.compile_rows)?;
    let catalog = load(&spec)?;
    report += &compile::run(
        root,
        &work.join("compile"),
        &work.join("strum-target"),
        &catalog,
        plan.compile_runs,
        plan.quick,
    )?;

    report += &import::run(root, plan.quick)?;

    println!("==> bundling each export of the npm package");
    report += &bundle::run(root)?;

    println!("==> benchmarking from_code");
    let spec = ensure_spec(&work, plan.lookup_rows)?;
    report += &lookup::run(root, &spec, plan.quick)?;

    println!("\n{report}");
    fs::write(work.join("report.md"), &report).map_err(|e| format!("writing the report: {e}"))?;
    println!("(also written to target/bench/report.md)");
    Ok(())
}

/// Where the synthetic spec of `rows` rows is written.
fn spec_dir(work: &Path, rows: usize) -> PathBuf {
    work.join(format!("spec-{rows}"))
}

/// Writes the synthetic spec of `rows` rows (again: it is cheap and deterministic).
fn ensure_spec(work: &Path, rows: usize) -> Result<PathBuf, String> {
    let dir = spec_dir(work, rows);
    synthetic::write_spec(&dir, rows, "synthetic-error-codes")?;
    Ok(dir)
}

/// The catalog of a spec, or its diagnostics.
fn load(spec: &Path) -> Result<codegen::Catalog, String> {
    crate::sync::catalog_of(spec, "spec")
}

/// The machine: cores, CPU model, memory, rustc.
fn machine_report() -> String {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("unknown CPU", |rest| {
            rest.trim_start_matches([' ', '\t', ':'])
        });
    let memory = fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches(" kB").parse::<u64>().ok())
        .map_or_else(
            || "unknown".to_owned(),
            |kb| format!("{} GiB", kb / (1 << 20)),
        );
    let rustc =
        command_output("rustc", &["--version"]).unwrap_or_else(|_| "rustc (unknown)".into());
    format!(
        "Machine: {cores} cores ({cpu}), {memory} of memory, {}.\n",
        rustc.trim()
    )
}

/// Runs a command and returns its standard output.
fn command_output(program: &str, args: &[&str]) -> Result<String, String> {
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The median of some durations (the upper one of an even count).
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// A built xtask whose `gen` is timed.
struct Xtask {
    /// `debug` or `release`.
    profile: &'static str,
    exe: PathBuf,
}

/// The xtasks to time: the dev build that `cargo xtask` runs and, except in
/// a quick run, a release build. Both are built here: the running executable
/// may have been replaced on disk since it started (`cargo test` rebuilds
/// the xtask binary with its dev-dependencies' features).
fn xtasks(root: &Path, quick: bool) -> Result<Vec<Xtask>, String> {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let profiles: &[(&'static str, &[&str])] = if quick {
        &[("debug", &[])]
    } else {
        &[("debug", &[]), ("release", &["--release"])]
    };
    let mut xtasks = Vec::new();
    for &(profile, flags) in profiles {
        let mut args = vec!["build", "--locked", "--quiet", "--package", "xtask"];
        args.extend_from_slice(flags);
        crate::process::run_command(root, "cargo", &args, &[])?;
        let exe = target
            .join(profile)
            .join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
        xtasks.push(Xtask { profile, exe });
    }
    Ok(xtasks)
}

/// Times `xtask gen` on synthetic specs and on the `ModelArts` table, each
/// run into an empty output folder.
fn time_generation(
    root: &Path,
    xtasks: &[Xtask],
    work: &Path,
    plan: &Plan,
) -> Result<String, String> {
    let mut table = format!(
        "\n### Generation\n\n`xtask gen --spec SPEC --out OUT` end to end (read, validate, \
         generate, write into an empty folder), xtask already built, median of {} runs.\n\n\
         | spec | rows | codes | files written |",
        plan.gen_runs
    );
    for xtask in xtasks {
        let _ = write!(table, " {} xtask | per 1,000 rows |", xtask.profile);
    }
    table += "\n|---|---:|---:|---:|";
    table += &"---:|---:|".repeat(xtasks.len());
    table.push('\n');
    let mut specs = Vec::new();
    for &rows in &plan.gen_rows {
        specs.push(("synthetic".to_owned(), ensure_spec(work, rows)?, rows));
    }
    let modelarts = root.join(MODELARTS);
    let modelarts_rows = load(&modelarts)?.codes.iter().map(|c| c.cases.len()).sum();
    specs.push((
        "`ModelArts` (a real table)".to_owned(),
        modelarts,
        modelarts_rows,
    ));
    for (name, spec, rows) in specs {
        let out = work.join(format!("gen-{rows}"));
        let mut summary = String::new();
        let mut cells = String::new();
        for xtask in xtasks {
            let mut times = Vec::new();
            for _ in 0..plan.gen_runs {
                let (time, stdout) = time_gen(&xtask.exe, &spec, &out)?;
                times.push(time);
                summary = stdout;
            }
            let time = median(times);
            println!(
                "gen {name}, {rows} rows, {} xtask: {}",
                xtask.profile,
                seconds(time)
            );
            let per_thousand =
                time.as_secs_f64() * 1e6 / f64::from(u32::try_from(rows).unwrap_or(u32::MAX));
            let _ = write!(cells, " {} | {per_thousand:.0} ms |", seconds(time));
        }
        // "generated 1 catalog (N codes) into OUT: M files, ..."
        let codes: usize = summary
            .lines()
            .find_map(|line| line.strip_prefix("generated "))
            .and_then(|rest| rest.split_once('(').map(|(_, after)| after))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.replace(',', "").parse().ok())
            .unwrap_or(0);
        let files = summary
            .rsplit(": ")
            .next()
            .and_then(|s| s.split_whitespace().next())
            .unwrap_or("?");
        let _ = writeln!(
            table,
            "| {name} | {} | {} | {files} |{cells}",
            thousands(rows),
            thousands(codes)
        );
    }
    Ok(table)
}

/// Times what a newcomer's first `cargo xtask gen` does on a fresh clone:
/// build the xtask and its dependencies in an empty target folder (the
/// crates already downloaded), then generate the workspace's catalogs into
/// an empty folder.
fn time_first_gen(root: &Path, work: &Path) -> Result<String, String> {
    let target = work.join("cold-target");
    let out = work.join("cold-gen");
    for dir in [&target, &out] {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
        }
    }
    let out_arg = out.to_string_lossy().into_owned();
    let args = [
        "run",
        "--locked",
        "--quiet",
        "--package",
        "xtask",
        "--",
        "gen",
        "--out",
        &out_arg,
    ];
    println!(
        "$ cargo {} (CARGO_TARGET_DIR={})",
        args.join(" "),
        target.display()
    );
    let started = Instant::now();
    let output = Command::new("cargo")
        .args(args)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let time = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "the first `cargo xtask gen` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let _ = fs::remove_dir_all(&target);
    println!("first cargo xtask gen: {}", seconds(time));
    Ok(format!(
        "\n### A newcomer's first `cargo xtask gen`\n\nThe build of the xtask and its \
         dependencies in an empty target folder (crates already downloaded), then `gen` of the \
         workspace's catalogs: {}.\n",
        seconds(time)
    ))
}

/// One timed `gen` into an emptied `out`; its time and standard output.
fn time_gen(exe: &Path, spec: &Path, out: &Path) -> Result<(Duration, String), String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("removing {}: {e}", out.display()))?;
    }
    let started = Instant::now();
    let output = Command::new(exe)
        .arg("gen")
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let time = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "xtask gen failed on {}:\n{}",
            spec.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok((time, String::from_utf8_lossy(&output.stdout).into_owned()))
}

/// `12345` → `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn the_median_is_the_middle_value() {
        let ms = Duration::from_millis;
        assert_eq!(median(vec![ms(3), ms(1), ms(2)]), ms(2));
        assert_eq!(median(vec![ms(5)]), ms(5));
        assert_eq!(median(Vec::new()), Duration::ZERO);
    }
}
