//! Writes `phf_maps.rs`: a `phf::Map` from each code to its `ErrorCode`, for
//! both crates, the baseline that `from_code` is measured against.

use std::fmt::Write as _;
use std::path::PathBuf;

/// `static NAME: phf::Map<&str, CRATE::ErrorCode>`, each value read from `ErrorCode::ALL`.
fn map(name: &str, krate: &str, codes: impl Iterator<Item = &'static str>) -> String {
    let mut map = phf_codegen::Map::new();
    for (i, code) in codes.enumerate() {
        map.entry(code, format!("{krate}::ErrorCode::ALL[{i}]"));
    }
    format!(
        "pub(crate) static {name}: phf::Map<&'static str, {krate}::ErrorCode> = {};\n",
        map.build()
    )
}

fn main() {
    let mut out = String::new();
    out += &map(
        "SEED_PHF",
        "seed_codes",
        seed_codes::ErrorCode::ALL.iter().map(|c| c.as_str()),
    );
    out += &map(
        "LARGE_PHF",
        "large_codes",
        large_codes::ErrorCode::ALL.iter().map(|c| c.as_str()),
    );
    let _ = writeln!(out);
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("phf_maps.rs"), out).expect("OUT_DIR is writable");
}
