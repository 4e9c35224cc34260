//! The lookup benchmark: writes the two crates it measures into
//! `xtask/bench/lookup/crates/`, runs `cargo bench` in `xtask/bench/lookup`
//! (divan), and turns divan's medians into nanoseconds per lookup.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::Catalog;

/// The lookups that are compared, as the benchmarks name them.
const LOOKUPS: [(&str, &str); 3] = [
    ("from_code", "`ErrorCode::from_code`"),
    ("phf", "`phf::Map`"),
    ("hashmap", "std `HashMap`"),
];

/// Runs the benchmark on the tests' sample catalog (31 real codes, the
/// benchmark crate's `seed`) and on the synthetic spec `large`; returns the
/// report's section.
pub fn run(root: &Path, large: &Path, quick: bool) -> Result<String, String> {
    let bench = root.join("xtask").join("bench").join("lookup");
    let seed = super::load(&root.join(crate::semver_suite::prepare::SAMPLE))?;
    write_crate(seed, "seed-codes", &bench.join("crates").join("seed"))?;
    write_crate(
        super::load(large)?,
        "large-codes",
        &bench.join("crates").join("large"),
    )?;

    let mut args = vec!["bench", "--locked", "--bench", "lookup", "--"];
    if quick {
        args.extend(["--sample-count", "5", "--sample-size", "5"]);
    }
    println!("$ cargo {} (in xtask/bench/lookup)", args.join(" "));
    let output = Command::new("cargo")
        .args(&args)
        .current_dir(&bench)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target").join("bench").join("lookup-target"),
        )
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    print!("{stdout}");
    if !output.status.success() {
        return Err(format!(
            "the lookup benchmark failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    report(&stdout)
}

/// Writes the Rust crate of `catalog` under another name (the benchmark's
/// manifest names its dependencies), leaving files that are already up to
/// date untouched so that cargo does not rebuild them.
fn write_crate(mut catalog: Catalog, name: &str, dir: &Path) -> Result<(), String> {
    name.clone_into(&mut catalog.meta.crate_name);
    "0.0.0".clone_into(&mut catalog.meta.version);
    for file in codegen::emit::rust::emit(&catalog) {
        let path = dir.join(file.path.trim_start_matches("rust/"));
        if fs::read_to_string(&path).is_ok_and(|on_disk| on_disk == file.contents) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        fs::write(&path, &file.contents).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The value after `label: ` on the line that starts with it.
fn labelled(output: &str, label: &str) -> Result<usize, String> {
    output
        .lines()
        .find_map(|line| line.strip_prefix(label)?.strip_prefix(": "))
        .and_then(|value| value.trim().parse().ok())
        .ok_or_else(|| format!("the benchmark did not print `{label}`"))
}

/// A divan duration (`12.34 ns`, `5.1 µs`) in nanoseconds.
fn nanoseconds(text: &str) -> Option<f64> {
    let (number, unit) = text.trim().split_once(' ')?;
    let number: f64 = number.parse().ok()?;
    let scale = match unit.trim() {
        "ps" => 1e-3,
        "ns" => 1.0,
        "µs" | "us" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => return None,
    };
    Some(number * scale)
}

/// The median time of the benchmark `name` in divan's table, in nanoseconds.
///
/// A row reads `├─ name  fastest │ slowest │ median │ mean │ samples │ iters`.
fn median_of(output: &str, name: &str) -> Result<f64, String> {
    output
        .lines()
        .find_map(|line| {
            let (_, row) = line.split_once("─ ")?;
            let mut cells = row.split('│');
            let first = cells.next()?.trim();
            let rest = first.strip_prefix(name)?;
            if !rest.starts_with(' ') {
                return None; // another benchmark whose name starts with this one
            }
            nanoseconds(cells.nth(1)?)
        })
        .ok_or_else(|| format!("no median for `{name}` in the benchmark's output"))
}

/// The report's section from the benchmark's output.
fn report(output: &str) -> Result<String, String> {
    let per_iteration = labelled(output, "lookups per iteration")?;
    let sets = [
        (
            "seed",
            labelled(output, "seed codes")?,
            "the sample catalog",
        ),
        (
            "large",
            labelled(output, "large codes")?,
            "the synthetic spec",
        ),
    ];
    let mut table = String::from(
        "\n### `ErrorCode::from_code`\n\nNanoseconds per lookup (divan's median time of an \
         iteration of 1,024 lookups, divided by 1,024), release build. Hits look up codes \
         drawn from all codes; misses look up near misses (one character changed, added or \
         removed, another case, another prefix).\n\n",
    );
    table += "| codes | lookups |";
    for (_, title) in LOOKUPS {
        let _ = write!(table, " {title} |");
    }
    table += "\n|---|---|";
    table += &"---:|".repeat(LOOKUPS.len());
    table.push('\n');
    let mut slower = Vec::new();
    for (set, count, title) in sets {
        for (kind, kind_title) in [("hit", "hits"), ("miss", "misses")] {
            let _ = write!(
                table,
                "| {} ({title}) | {kind_title} |",
                super::thousands(count)
            );
            let mut times = Vec::new();
            for (lookup, _) in LOOKUPS {
                let total = median_of(output, &format!("{set}_{lookup}_{kind}"))?;
                let per_lookup = total / f64::from(u32::try_from(per_iteration).unwrap_or(1));
                times.push(per_lookup);
                let _ = write!(table, " {per_lookup:.1} ns |");
            }
            table.push('\n');
            if times[1..].iter().any(|&other| other <= times[0]) {
                slower.push(format!("{count} codes, {kind_title}"));
            }
        }
    }
    if !slower.is_empty() {
        let _ = writeln!(
            table,
            "\n`from_code` was not the fastest for: {}.",
            slower.join("; ")
        );
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIVAN: &str = "\
lookups per iteration: 1024
seed codes: 31
large codes: 9786
Timer precision: 20 ns
lookup                  fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ large_from_code_hit  5.1 µs        │ 9.2 µs        │ 5.3 µs        │ 5.4 µs        │ 100     │ 100
├─ large_from_code_miss 4.1 µs        │ 7.2 µs        │ 4.2 µs        │ 4.4 µs        │ 100     │ 100
╰─ seed_phf_hit         812.5 ns      │ 1.2 µs        │ 820 ns        │ 830 ns        │ 100     │ 100
";

    #[test]
    fn medians_are_read_from_divan_rows_by_exact_name() {
        assert_eq!(median_of(DIVAN, "large_from_code_hit"), Ok(5300.0));
        assert_eq!(median_of(DIVAN, "large_from_code_miss"), Ok(4200.0));
        assert_eq!(median_of(DIVAN, "seed_phf_hit"), Ok(820.0));
        assert!(median_of(DIVAN, "large_from_code").is_err());
        assert!(median_of(DIVAN, "seed_hashmap_hit").is_err());
        assert_eq!(labelled(DIVAN, "large codes"), Ok(9786));
    }

    #[test]
    fn durations_are_converted_to_nanoseconds() {
        assert_eq!(nanoseconds("1.5 µs"), Some(1500.0));
        assert_eq!(nanoseconds("7 ns"), Some(7.0));
        assert_eq!(nanoseconds("2 ms"), Some(2e6));
        assert_eq!(nanoseconds("3 parsecs"), None);
        assert_eq!(nanoseconds("fast"), None);
    }
}
