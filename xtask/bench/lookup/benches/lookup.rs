//! `ErrorCode::from_code` against a `phf::Map` (built by `phf_codegen`, as
//! rust-postgres does) and a std `HashMap` (`SipHash`, the default hasher),
//! over the same codes: the 31 codes of the seed spec and the codes of a
//! large synthetic spec. Each iteration looks up `LOOKUPS` texts: all hits
//! or all misses (near misses of the codes: one character changed, added or
//! removed, another case, another prefix).
//!
//! `cargo xtask bench` runs this and reads divan's median of each benchmark.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::sync::LazyLock;

use divan::Bencher;

/// The `phf` maps, written by build.rs with `phf_codegen`.
#[allow(clippy::unreadable_literal)] // the seeds that phf_codegen writes
mod phf_maps {
    include!(concat!(env!("OUT_DIR"), "/phf_maps.rs"));
}
use phf_maps::{LARGE_PHF, SEED_PHF};

/// Lookups per iteration; `cargo xtask bench` divides by it.
const LOOKUPS: usize = 1024;

/// A small deterministic generator (`SplitMix64`).
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        usize::try_from((z ^ (z >> 31)) % n as u64).unwrap_or(0)
    }
}

/// The texts to look up: `LOOKUPS` codes drawn from `codes`, and `LOOKUPS`
/// near misses, none of which is a code.
struct Keys {
    hits: Vec<String>,
    misses: Vec<String>,
}

impl Keys {
    fn new(codes: &[&str]) -> Self {
        let known: HashSet<&str> = codes.iter().copied().collect();
        let mut random = Random(7);
        let hits = (0..LOOKUPS)
            .map(|_| codes[random.below(codes.len())].to_owned())
            .collect();
        let mut misses = Vec::with_capacity(LOOKUPS);
        while misses.len() < LOOKUPS {
            let code = codes[random.below(codes.len())];
            let mut chars: Vec<char> = code.chars().collect();
            let at = random.below(chars.len());
            let miss: String = match random.below(6) {
                0 => {
                    chars[at] = if chars[at] == '9' { '0' } else { '9' };
                    chars.into_iter().collect()
                }
                1 => format!("{code}{}", random.below(10)),
                2 => chars[..at].iter().collect(),
                3 => code.to_lowercase(),
                4 => format!("X{code}"),
                _ => format!("UNKNOWN.{:04}", random.below(10_000)),
            };
            if !known.contains(miss.as_str()) {
                misses.push(miss);
            }
        }
        Self { hits, misses }
    }
}

fn codes_of<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&c| as_str(c)).collect()
}

static SEED_KEYS: LazyLock<Keys> = LazyLock::new(|| {
    Keys::new(&codes_of(
        seed_codes::ErrorCode::ALL,
        seed_codes::ErrorCode::as_str,
    ))
});
static LARGE_KEYS: LazyLock<Keys> = LazyLock::new(|| {
    Keys::new(&codes_of(
        large_codes::ErrorCode::ALL,
        large_codes::ErrorCode::as_str,
    ))
});
static SEED_HASHMAP: LazyLock<HashMap<&str, seed_codes::ErrorCode>> = LazyLock::new(|| {
    seed_codes::ErrorCode::ALL
        .iter()
        .map(|&c| (c.as_str(), c))
        .collect()
});
static LARGE_HASHMAP: LazyLock<HashMap<&str, large_codes::ErrorCode>> = LazyLock::new(|| {
    large_codes::ErrorCode::ALL
        .iter()
        .map(|&c| (c.as_str(), c))
        .collect()
});

/// Looks up every key once per iteration.
fn run<T>(bencher: Bencher, keys: &[String], find: impl Fn(&str) -> Option<T>) {
    bencher.bench_local(|| {
        let mut found = 0_usize;
        for key in keys {
            found += usize::from(find(black_box(key.as_str())).is_some());
        }
        found
    });
}

/// One benchmark per set, lookup and kind of key, named `SET_LOOKUP_KIND`.
macro_rules! benchmarks {
    ($($name:ident: $keys:ident . $kind:ident, $make_find:expr;)*) => {
        $(
            #[divan::bench]
            fn $name(bencher: Bencher) {
                let keys = &$keys.$kind;
                run(bencher, keys, $make_find());
            }
        )*
    };
}

benchmarks! {
    seed_from_code_hit: SEED_KEYS.hits, || seed_codes::ErrorCode::from_code;
    seed_from_code_miss: SEED_KEYS.misses, || seed_codes::ErrorCode::from_code;
    seed_phf_hit: SEED_KEYS.hits, || |code: &str| SEED_PHF.get(code).copied();
    seed_phf_miss: SEED_KEYS.misses, || |code: &str| SEED_PHF.get(code).copied();
    seed_hashmap_hit: SEED_KEYS.hits, || { let map = &*SEED_HASHMAP; move |code: &str| map.get(code).copied() };
    seed_hashmap_miss: SEED_KEYS.misses, || { let map = &*SEED_HASHMAP; move |code: &str| map.get(code).copied() };
    large_from_code_hit: LARGE_KEYS.hits, || large_codes::ErrorCode::from_code;
    large_from_code_miss: LARGE_KEYS.misses, || large_codes::ErrorCode::from_code;
    large_phf_hit: LARGE_KEYS.hits, || |code: &str| LARGE_PHF.get(code).copied();
    large_phf_miss: LARGE_KEYS.misses, || |code: &str| LARGE_PHF.get(code).copied();
    large_hashmap_hit: LARGE_KEYS.hits, || { let map = &*LARGE_HASHMAP; move |code: &str| map.get(code).copied() };
    large_hashmap_miss: LARGE_KEYS.misses, || { let map = &*LARGE_HASHMAP; move |code: &str| map.get(code).copied() };
}

fn main() {
    // For `cargo xtask bench`, which reads these lines.
    println!("lookups per iteration: {LOOKUPS}");
    println!("seed codes: {}", seed_codes::ErrorCode::ALL.len());
    println!("large codes: {}", large_codes::ErrorCode::ALL.len());
    // Build the keys and maps before any timing.
    LazyLock::force(&SEED_KEYS);
    LazyLock::force(&LARGE_KEYS);
    LazyLock::force(&SEED_HASHMAP);
    LazyLock::force(&LARGE_HASHMAP);
    divan::main();
}
