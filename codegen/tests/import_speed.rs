//! The importer's speed on the largest real page (`ModelArts`, 1.2 MB, 864
//! rows): at most 0.3 s in the build that `cargo xtask` runs (the test
//! profile is the dev one). Ignored by default, since a loaded machine makes
//! any timing noisy; run it alone on a quiet one:
//!
//! ```sh
//! cargo test -p codegen --test import_speed -- --ignored --nocapture
//! ```
//!
//! `cargo xtask bench` times every page of its import table the same way.

use std::time::{Duration, Instant};

use codegen::import::{self, Format, Options};

#[test]
#[ignore = "a timing: run alone, on a quiet machine"]
fn the_modelarts_page_imports_in_at_most_300_ms() {
    let page = "tests/data/pages/modelarts.rst";
    let text = std::fs::read_to_string(page).expect("the ModelArts page");
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let started = Instant::now();
            let imported = import::import(page, &text, Format::Rst, &Options::default());
            let elapsed = started.elapsed();
            assert_eq!(imported.tables.len(), 1);
            assert_eq!(imported.tables[0].rows.len(), 864);
            elapsed
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "ModelArts page: median {:.0} ms, fastest {:.0} ms (7 runs)",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
    assert!(median <= Duration::from_millis(300), "{median:?}");
}
