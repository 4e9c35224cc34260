//! The lookup behind `ErrorCode::from_code`: a private module `lookup` with
//! `fn find(code: &str) -> Option<ErrorCode>`.
//!
//! Kept apart from the rest of the Rust emitter because it is the one part
//! tuned for speed (see `cargo xtask bench`).
//!
//! The codes are placed in a perfect hash table, built here at generation
//! time ("hash and displace", as in PTHash): a code's hash picks a bucket,
//! the bucket's *pilot* (a small number found by search) moves the code to a
//! slot of its own, and the slot holds the code's discriminant. A lookup is
//! one cheap hash of the text (the `FxHash` step over 8 bytes at a time), two
//! array reads and one string compare, with no probing. `phf` does the same
//! with `SipHash`, which costs more than the rest of the lookup together.
//!
//! The construction is deterministic (fixed seeds, tried in order) and always
//! ends: if no seed works within a fixed budget, the module falls back to a
//! binary search over the sorted codes.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::rust::int_literal;
use crate::model::Catalog;

/// Defines the items that the generator and the generated crate share, and
/// `shared_items()`, which gives the same items as tokens. The table is built
/// with the very functions that look codes up, so the two cannot disagree.
macro_rules! shared {
    ($($items:tt)*) => {
        $($items)*

        /// The shared items, as emitted into the generated crate.
        fn shared_items() -> TokenStream {
            quote!($($items)*)
        }
    };
}

shared! {
    /// The multiplier of the hash steps: the fractional part of the golden
    /// ratio, an odd number with well-spread bits.
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    /// Multiplies to 128 bits and folds the halves together: every input bit
    /// reaches every output bit, in both directions.
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn fold(x: u64, y: u64) -> u64 {
        let product = u128::from(x) * u128::from(y);
        (product as u64) ^ ((product >> 64) as u64)
    }

    /// The 8 bytes of `bytes` at `at` (`at + 8 <= bytes.len()`).
    #[inline]
    fn word(bytes: &[u8], at: usize) -> u64 {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    }

    /// Every byte of a text shorter than 8 bytes, in one word: two
    /// overlapping 4-byte reads, or for 1 to 3 bytes the first, middle and
    /// last byte. For one length, equal words mean equal texts.
    #[inline]
    fn short_word(bytes: &[u8]) -> u64 {
        let len = bytes.len();
        if len >= 4 {
            let mut first = [0; 4];
            let mut last = [0; 4];
            first.copy_from_slice(&bytes[..4]);
            last.copy_from_slice(&bytes[len - 4..]);
            u64::from(u32::from_le_bytes(first)) | (u64::from(u32::from_le_bytes(last)) << 32)
        } else if len > 0 {
            u64::from(bytes[0]) | (u64::from(bytes[len / 2]) << 8) | (u64::from(bytes[len - 1]) << 16)
        } else {
            0
        }
    }

    /// Hashes a code: its length, then its words folded into the state: 8
    /// bytes at a time, the last word ending at the last byte (overlapping
    /// the one before), so that there are no byte-by-byte copies.
    #[inline]
    fn hash(code: &[u8], seed: u64) -> u64 {
        let len = code.len();
        let mut hash = seed ^ len as u64;
        if len < 8 {
            return fold(hash ^ short_word(code), MULTIPLIER);
        }
        let mut at = 0;
        while at + 8 < len {
            hash = fold(hash ^ word(code, at), MULTIPLIER);
            at += 8;
        }
        fold(hash ^ word(code, len - 8), MULTIPLIER)
    }

    /// Whether two texts are equal, compared a word at a time as `hash`
    /// reads them (which the compiler inlines, unlike a call to `memcmp`).
    #[inline]
    fn same(a: &[u8], b: &[u8]) -> bool {
        let len = a.len();
        if len != b.len() {
            return false;
        }
        if len < 8 {
            return short_word(a) == short_word(b);
        }
        let mut at = 0;
        while at + 8 < len {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        word(a, len - 8) == word(b, len - 8)
    }

    /// The bucket of a hash: its top `bucket_bits` bits (1 to 32), so the
    /// value is below `2^bucket_bits` and the cast cannot truncate.
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn bucket(hash: u64, bucket_bits: u32) -> usize {
        (hash >> (64 - bucket_bits)) as usize
    }

    /// The slot of a hash, moved by its bucket's pilot: the top `slot_bits`
    /// bits (1 to 32) of the hash mixed with the pilot, so the value is below
    /// `2^slot_bits` and the cast cannot truncate.
    #[inline]
    #[allow(clippy::cast_possible_truncation)]
    fn slot(hash: u64, pilot: u16, slot_bits: u32) -> usize {
        let moved = hash ^ u64::from(pilot).wrapping_mul(MULTIPLIER);
        (moved.wrapping_mul(MULTIPLIER) >> (64 - slot_bits)) as usize
    }
}

/// Seeds tried before falling back to a binary search.
const SEEDS: u64 = 64;

/// The perfect hash table of a set of codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerfectHash {
    /// The seed of the hash function.
    pub seed: u64,
    /// `log2` of the number of buckets (`pilots.len()`).
    pub bucket_bits: u32,
    /// `log2` of the number of slots (`slots.len()`).
    pub slot_bits: u32,
    /// Each bucket's pilot.
    pub pilots: Vec<u16>,
    /// Each slot's code index. A slot that no code uses holds 0: the string
    /// compare that follows rejects any text that lands there.
    pub slots: Vec<usize>,
}

impl PerfectHash {
    /// The table for `codes` (distinct), or `None` if no seed of the budget
    /// separates them (not seen in practice: the first seed works for the
    /// synthetic sets of up to 100,000 codes in the tests) or there are more
    /// than 3 billion codes.
    #[must_use]
    pub fn build(codes: &[&str]) -> Option<Self> {
        Self::build_within(codes, SEEDS)
    }

    /// [`PerfectHash::build`], trying at most `seeds` seeds.
    #[must_use]
    pub fn build_within(codes: &[&str], seeds: u64) -> Option<Self> {
        // About 4 codes a bucket and a table at most 80 % full: the pilot
        // search then ends after a few tries for almost every bucket.
        let buckets = codes.len().div_ceil(4).max(2).next_power_of_two();
        let slots = (codes.len() + codes.len() / 4).max(2).next_power_of_two();
        let bucket_bits = buckets.trailing_zeros();
        let slot_bits = slots.trailing_zeros();
        if slot_bits > 32 {
            return None;
        }
        (0..seeds).find_map(|i| {
            let seed = i.wrapping_mul(MULTIPLIER);
            Self::build_with_seed(codes, seed, bucket_bits, slot_bits)
        })
    }

    fn build_with_seed(
        codes: &[&str],
        seed: u64,
        bucket_bits: u32,
        slot_bits: u32,
    ) -> Option<Self> {
        let hashes: Vec<u64> = codes.iter().map(|c| hash(c.as_bytes(), seed)).collect();
        // Two codes with one hash cannot be separated by any pilot.
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return None;
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); 1 << bucket_bits];
        for (i, &h) in hashes.iter().enumerate() {
            members[bucket(h, bucket_bits)].push(i);
        }
        // The fullest buckets first, while the table is still empty.
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(members[b].len()), b));

        let mut pilots = vec![0_u16; members.len()];
        let mut taken = vec![false; 1 << slot_bits];
        let mut slots = vec![0_usize; 1 << slot_bits];
        let mut placed = Vec::new();
        for b in order {
            if members[b].is_empty() {
                break;
            }
            let pilot = (0..=u16::MAX).find(|&pilot| {
                placed.clear();
                members[b].iter().all(|&i| {
                    let s = slot(hashes[i], pilot, slot_bits);
                    let free = !taken[s] && !placed.contains(&s);
                    placed.push(s);
                    free
                })
            })?;
            pilots[b] = pilot;
            for (&i, &s) in members[b].iter().zip(&placed) {
                taken[s] = true;
                slots[s] = i;
            }
        }
        Some(Self {
            seed,
            bucket_bits,
            slot_bits,
            pilots,
            slots,
        })
    }

    /// The index of `code` in the codes the table was built from, if it is one
    /// of them: what the generated `find` computes.
    #[must_use]
    pub fn find(&self, codes: &[&str], code: &str) -> Option<usize> {
        let h = hash(code.as_bytes(), self.seed);
        let pilot = self.pilots[bucket(h, self.bucket_bits)];
        let i = self.slots[slot(h, pilot, self.slot_bits)];
        codes
            .get(i)
            .is_some_and(|candidate| same(candidate.as_bytes(), code.as_bytes()))
            .then_some(i)
    }
}

/// `mod lookup { pub(crate) fn find(..) }`. It reads each code's text with
/// the crate's `code_bytes(discriminant)`.
#[must_use]
pub fn module(catalog: &Catalog) -> TokenStream {
    module_within(catalog, SEEDS)
}

/// [`module`], trying at most `seeds` seeds for the perfect hash table.
fn module_within(catalog: &Catalog, seeds: u64) -> TokenStream {
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    match PerfectHash::build_within(&codes, seeds) {
        Some(table) => perfect_hash_module(&table, needs_wide_slots(codes.len())),
        None => binary_search_module(&codes),
    }
}

/// Whether discriminants need `u32` slots: more codes than a `u16` counts.
fn needs_wide_slots(code_count: usize) -> bool {
    u16::try_from(code_count).is_err()
}

/// The lookup module; `wide_slots` when discriminants do not fit in a `u16`
/// (more than 65,535 codes).
fn perfect_hash_module(table: &PerfectHash, wide_slots: bool) -> TokenStream {
    let seed = Literal::u64_unsuffixed(table.seed);
    let slot_bits = Literal::u32_unsuffixed(table.slot_bits);
    let bucket_bits = Literal::u32_unsuffixed(table.bucket_bits);
    let bucket_count = int_literal(table.pilots.len());
    let slot_count = int_literal(table.slots.len());
    let pilots = table.pilots.iter().map(|&p| Literal::u16_unsuffixed(p));
    // Slot entries as small as the number of codes allows: `usize::from` reads
    // a `u16`; `u32` has no `From` into `usize`, and `as` is lossless there.
    let (index_type, slots, slot_to_index): (_, Vec<Literal>, _) = if wide_slots {
        (
            format_ident!("u32"),
            table.slots.iter().map(|&i| int_literal(i)).collect(),
            quote!(SLOTS[slot(h, pilot, SLOT_BITS)] as usize),
        )
    } else {
        (
            format_ident!("u16"),
            table
                .slots
                .iter()
                .map(|&i| Literal::u16_unsuffixed(u16::try_from(i).unwrap_or_default()))
                .collect(),
            quote!(usize::from(SLOTS[slot(h, pilot, SLOT_BITS)])),
        )
    };
    let shared = shared_items();
    quote! {
        /// Finding a code by its text: a perfect hash table, built by the
        /// generator. The code's hash picks a bucket, the bucket's pilot moves
        /// it to its slot, and the slot gives the one code it can be.
        mod lookup {
            use super::{code_bytes, ErrorCode};

            /// The seed of `hash`.
            const SEED: u64 = #seed;
            /// `log2` of the number of buckets.
            const BUCKET_BITS: u32 = #bucket_bits;
            /// `log2` of the number of slots.
            const SLOT_BITS: u32 = #slot_bits;
            /// Each bucket's pilot.
            static PILOTS: [u16; #bucket_count] = [#(#pilots),*];
            /// Each slot's discriminant; a slot that no code uses holds 0.
            static SLOTS: [#index_type; #slot_count] = [#(#slots),*];

            #shared

            /// The code whose text is `code`.
            pub(crate) fn find(code: &str) -> Option<ErrorCode> {
                let h = hash(code.as_bytes(), SEED);
                let pilot = PILOTS[bucket(h, BUCKET_BITS)];
                let i = #slot_to_index;
                if same(code_bytes(i), code.as_bytes()) {
                    ErrorCode::ALL.get(i).copied()
                } else {
                    None
                }
            }
        }
    }
}

/// The fallback: a binary search over the codes, sorted.
fn binary_search_module(codes: &[&str]) -> TokenStream {
    let n = int_literal(codes.len());
    let mut sorted: Vec<(&str, usize)> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    sorted.sort_unstable();
    let discriminants = sorted.iter().map(|(_, i)| int_literal(*i));
    quote! {
        /// Finding a code by its text.
        mod lookup {
            use super::{code_bytes, ErrorCode};

            /// Every discriminant, sorted by the code's text.
            static SORTED: [u32; #n] = [#(#discriminants),*];

            /// The code whose text is `code`.
            pub(crate) fn find(code: &str) -> Option<ErrorCode> {
                let i = SORTED
                    .binary_search_by(|&i| code_bytes(i as usize).cmp(code.as_bytes()))
                    .ok()?;
                ErrorCode::ALL.get(SORTED[i] as usize).copied()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::*;
    use crate::model::{Case, Code};

    fn seed_catalog() -> Catalog {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let loaded = crate::load_spec(&spec, "spec");
        loaded
            .catalog
            .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
    }

    /// `count` codes in the shapes of real tables: prefixes of several
    /// lengths, 4- and 5-digit numbers, bare numbers, and a few oddities
    /// (a code that is a prefix of another, lengths around multiples of 8,
    /// non-ASCII).
    fn synthetic_codes(count: usize) -> Vec<String> {
        const PREFIXES: [&str; 6] = ["AIS", "APIG", "ModelArts", "IAM", "", "ECS.Instance"];
        let mut codes: Vec<String> = (0..count)
            .map(|i| {
                let prefix = PREFIXES[i % PREFIXES.len()];
                let number = i / PREFIXES.len();
                match (prefix, number % 7) {
                    ("", _) => format!("{}", 1000 + number),
                    (_, 6) => format!("{prefix}.{:05}", 80_000 + number),
                    _ => format!("{prefix}.{number:04}"),
                }
            })
            .collect();
        codes.extend(
            [
                "AIS.01",
                "AIS.012",
                "ABCDEFGH",
                "ABCDEFGHI",
                "ABCDEFG",
                "Ü.0001",
                "错误.0001",
            ]
            .map(str::to_owned),
        );
        codes
    }

    /// Texts that are close to a code but are none of `codes`: every prefix
    /// (the empty string too), one character changed or added, the case
    /// swapped, surrounding space, and very long or non-ASCII texts.
    fn near_misses(codes: &[&str]) -> Vec<String> {
        let known: BTreeSet<&str> = codes.iter().copied().collect();
        let mut probes = vec![
            String::new(),
            "\0".to_owned(),
            "é".to_owned(),
            "x".repeat(10_000),
        ];
        for code in codes {
            probes.extend(code.char_indices().map(|(i, _)| code[..i].to_owned()));
            for (i, c) in code.char_indices() {
                let other = match c {
                    '9' => '0',
                    'z' | 'Z' => 'a',
                    c if c.is_ascii() => char::from(c as u8 + 1),
                    _ => 'a',
                };
                probes.push(format!(
                    "{}{other}{}",
                    &code[..i],
                    &code[i + c.len_utf8()..]
                ));
            }
            probes.push(format!("{code}0"));
            probes.push(format!("{code}é"));
            probes.push(format!("0{code}"));
            probes.push(format!(" {code}"));
            probes.push(format!("{code}\n"));
            probes.push(code.to_lowercase());
            probes.push(code.to_uppercase());
            probes.push(code.repeat(100));
        }
        probes.retain(|p| !known.contains(p.as_str()));
        probes.sort();
        probes.dedup();
        probes
    }

    fn check_table(codes: &[&str]) -> PerfectHash {
        let table = PerfectHash::build(codes).expect("a table within the seed budget");
        assert_eq!(table.pilots.len(), 1 << table.bucket_bits);
        assert_eq!(table.slots.len(), 1 << table.slot_bits);
        assert!(table.slots.len() >= codes.len());
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(table.find(codes, code), Some(i), "{code}");
        }
        for probe in near_misses(codes) {
            assert_eq!(table.find(codes, &probe), None, "{probe:?}");
        }
        table
    }

    #[test]
    fn the_seed_codes_are_found_and_near_misses_are_not() {
        let catalog = seed_catalog();
        let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
        check_table(&codes);
    }

    #[test]
    fn synthetic_codes_of_every_size_are_found_and_near_misses_are_not() {
        for count in [0, 1, 2, 3, 7, 100, 1_000, 10_000] {
            let codes = synthetic_codes(count);
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            check_table(&codes);
        }
    }

    #[test]
    fn a_table_of_100k_codes_is_perfect_and_small() {
        let codes = synthetic_codes(100_000);
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        let table = PerfectHash::build(&codes).expect("a table");
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(table.find(&codes, code), Some(i), "{code}");
        }
        // At most 80 % full before rounding up to a power of two.
        assert!(table.slots.len() <= 2 * (codes.len() + codes.len() / 4));
        assert!(table.pilots.len() <= codes.len() / 2);
    }

    #[test]
    fn same_compares_every_byte_of_texts_of_every_length() {
        for len in 0..40 {
            let text: Vec<u8> = b"abcdefghijklmnopqrstuvwxyz"
                .iter()
                .cycle()
                .take(len)
                .copied()
                .collect();
            assert!(same(&text, &text.clone()), "{len}");
            for at in 0..len {
                let mut other = text.clone();
                other[at] = b'#';
                assert!(!same(&text, &other), "{len} {at}");
                assert_ne!(hash(&text, 0), hash(&other, 0), "{len} {at}");
            }
            let mut longer = text.clone();
            longer.push(b'a');
            assert!(!same(&text, &longer), "{len}");
        }
    }

    #[test]
    fn construction_is_deterministic() {
        let codes = synthetic_codes(5_000);
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        assert_eq!(PerfectHash::build(&codes), PerfectHash::build(&codes));
    }

    #[test]
    fn without_a_seed_the_module_falls_back_to_binary_search() {
        let catalog = seed_catalog();
        let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(PerfectHash::build_within(&codes, 0), None);
        let tokens = module_within(&catalog, 0).to_string();
        assert!(tokens.contains("binary_search_by"), "{tokens}");
        assert!(module(&catalog).to_string().contains("PILOTS"));
    }

    #[test]
    fn slots_are_u32_when_there_are_more_codes_than_u16_can_count() {
        let table = PerfectHash {
            seed: 0,
            bucket_bits: 1,
            slot_bits: 1,
            pilots: vec![0, 0],
            slots: vec![0, 1],
        };
        assert!(!needs_wide_slots(65_535));
        assert!(needs_wide_slots(65_536));
        let big = perfect_hash_module(&table, true).to_string();
        assert!(big.contains("static SLOTS : [u32"), "{big}");
        let small = perfect_hash_module(&table, false).to_string();
        assert!(small.contains("static SLOTS : [u16"), "{small}");
        // Generated crates with either kind compile and find every code:
        // `generated_crates_find_every_code_and_no_near_miss`.
    }

    /// The seed catalog with its codes replaced by `codes`.
    fn catalog_with_codes(codes: &[String], crate_name: &str) -> Catalog {
        let mut catalog = seed_catalog();
        let case = catalog.codes[0].primary().clone();
        let category_count = catalog.categories.len();
        catalog.meta.crate_name = crate_name.to_owned();
        // Texts that repeat across codes and texts of their own, statuses,
        // categories and retryability that vary, and codes with several rows.
        let row = |i: usize, k: usize| Case {
            http_status: [400, 401, 403, 404, 429, 500][(i + k) % 6],
            error_msg: format!("Message {}.", (i + k) % 50),
            description: format!("Row {k} of code {i}:\nsecond paragraph, 错误."),
            handling_measure: if i % 2 == 0 {
                "Fix it.".into()
            } else {
                format!("Fix {i}.")
            },
            ..case.clone()
        };
        catalog.codes = codes
            .iter()
            .enumerate()
            .map(|(i, code)| Code {
                code: code.clone(),
                prefix: None,
                rust_variant: format!("C{i}"),
                anchor: format!("c{i}"),
                category: i % category_count,
                retryable: i % 3 == 0,
                deprecated: None,
                cases: (0..1 + usize::from(i % 5 == 0) + usize::from(i % 10 == 0))
                    .map(|k| row(i, k))
                    .collect(),
            })
            .collect();
        catalog
    }

    /// Which lookup module a test crate gets.
    #[derive(Clone, Copy)]
    enum Lookup {
        AsGenerated,
        BinarySearch,
        /// The perfect hash with `u32` slots, as for more than 65,535 codes.
        WideSlots,
    }

    /// Writes the crate for `catalog` into `dir`, with tests that check
    /// `from_code` against the catalog's codes and their near misses, `Debug`
    /// against the variant names, and every accessor against the catalog's rows.
    fn write_crate_with_test(catalog: &Catalog, dir: &Path, lookup: Lookup) {
        let mut files = crate::emit::rust::emit(catalog);
        let replacement = match lookup {
            Lookup::AsGenerated => None,
            Lookup::BinarySearch => Some(module_within(catalog, 0)),
            Lookup::WideSlots => {
                let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
                let table = PerfectHash::build_within(&codes, SEEDS).expect("a table");
                Some(perfect_hash_module(&table, true))
            }
        };
        if let Some(module) = replacement {
            // The lookup module is the last item of lib.rs: swap in another.
            let lib = files
                .iter_mut()
                .find(|f| f.path == "rust/src/lib.rs")
                .expect("lib.rs");
            let start = lib
                .contents
                .find("/// Finding a code by its text")
                .expect("the lookup module");
            let module = syn::parse2::<syn::File>(module).expect("parses");
            lib.contents.truncate(start);
            lib.contents += &prettyplease::unparse(&module);
        }
        let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
        let literals = |texts: &[&str]| -> String {
            texts.iter().fold(String::new(), |mut out, t| {
                out += &format!("    {},\n", Literal::string(t));
                out
            })
        };
        let variants: Vec<&str> = catalog
            .codes
            .iter()
            .map(|c| c.rust_variant.as_str())
            .collect();
        let rows = catalog
            .codes
            .iter()
            .enumerate()
            .fold(String::new(), |mut out, (i, code)| {
                for case in &code.cases {
                    out += &format!(
                        "    ({i}, {}, {}, {}, {}),\n",
                        case.http_status,
                        Literal::string(&case.error_msg),
                        Literal::string(&case.description),
                        Literal::string(&case.handling_measure)
                    );
                }
                out
            });
        let codes_data = catalog.codes.iter().fold(String::new(), |mut out, code| {
            out += &format!(
                "    ({}, {}),\n",
                Literal::string(&catalog.categories[code.category].key),
                code.retryable
            );
            out
        });
        let misses = near_misses(&codes);
        let misses: Vec<&str> = misses.iter().map(String::as_str).collect();
        let test = format!(
            "use {lib}::ErrorCode;\n\n\
             const SPEC_CODES: &[&str] = &[\n{codes}];\n\n\
             const MISSES: &[&str] = &[\n{misses}];\n\n\
             const VARIANTS: &[&str] = &[\n{variants}];\n\n\
             /// (discriminant, status, error_msg, description, handling_measure), every row.\n\
             const ROWS: &[(usize, u16, &str, &str, &str)] = &[\n{rows}];\n\n\
             /// (category, retryable), by discriminant.\n\
             const CODES_DATA: &[(&str, bool)] = &[\n{codes_data}];\n\n\
             #[test]\n\
             fn every_row_reads_back() {{\n\
             \x20   let mut rows = ROWS.iter();\n\
             \x20   for (i, code) in ErrorCode::ALL.iter().enumerate() {{\n\
             \x20       let cases = code.cases();\n\
             \x20       let first = cases[0];\n\
             \x20       assert_eq!((code.http_status(), code.error_msg(), code.description(), code.handling_measure()),\n\
             \x20           (first.http_status, first.error_msg, first.description, first.handling_measure));\n\
             \x20       for case in cases {{\n\
             \x20           let expected = rows.next().expect(\"a row\");\n\
             \x20           assert_eq!(&(i, case.http_status, case.error_msg, case.description, case.handling_measure), expected);\n\
             \x20       }}\n\
             \x20       assert_eq!((code.category().as_str(), code.is_retryable()), CODES_DATA[i], \"{{code}}\");\n\
             \x20   }}\n\
             \x20   assert!(rows.next().is_none(), \"every row is some code's\");\n\
             }}\n\n\
             #[test]\n\
             fn every_code_of_the_spec_is_found() {{\n\
             \x20   assert_eq!(ErrorCode::ALL.len(), SPEC_CODES.len());\n\
             \x20   for (i, code) in SPEC_CODES.iter().enumerate() {{\n\
             \x20       assert_eq!(ErrorCode::from_code(code), Some(ErrorCode::ALL[i]), \"{{code}}\");\n\
             \x20   }}\n\
             }}\n\n\
             #[test]\n\
             fn debug_prints_the_variant_name() {{\n\
             \x20   for (code, variant) in ErrorCode::ALL.iter().zip(VARIANTS) {{\n\
             \x20       assert_eq!(format!(\"{{code:?}}\"), *variant);\n\
             \x20   }}\n\
             }}\n\n\
             #[test]\n\
             fn near_misses_are_not_found() {{\n\
             \x20   for code in MISSES {{\n\
             \x20       assert_eq!(ErrorCode::from_code(code), None, \"{{code:?}}\");\n\
             \x20   }}\n\
             }}\n",
            lib = crate::emit::rust::lib_name(catalog),
            codes = literals(&codes),
            misses = literals(&misses),
            variants = literals(&variants),
        );
        for file in files {
            let path = dir.join(file.path.trim_start_matches("rust/"));
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, file.contents).expect("write");
        }
        std::fs::create_dir_all(dir.join("tests")).expect("mkdir");
        std::fs::write(dir.join("tests/from_code.rs"), test).expect("write");
    }

    #[test]
    fn generated_crates_find_every_code_and_no_near_miss() {
        let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/lookup-tests");
        let workspace = root.join("crates");
        let _ = std::fs::remove_dir_all(&workspace);
        let seed = seed_catalog();
        let synthetic = catalog_with_codes(&synthetic_codes(2_000), "synthetic-codes");
        let mut fallback = synthetic.clone();
        fallback.meta.crate_name = "fallback-codes".into();
        let mut wide = synthetic.clone();
        wide.meta.crate_name = "wide-codes".into();
        write_crate_with_test(&seed, &workspace.join("seed"), Lookup::AsGenerated);
        write_crate_with_test(
            &synthetic,
            &workspace.join("synthetic"),
            Lookup::AsGenerated,
        );
        write_crate_with_test(&fallback, &workspace.join("fallback"), Lookup::BinarySearch);
        write_crate_with_test(&wide, &workspace.join("wide"), Lookup::WideSlots);
        std::fs::write(
            workspace.join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = [\"seed\", \"synthetic\", \"fallback\", \"wide\"]\n",
        )
        .expect("write");
        let output = Command::new(env!("CARGO"))
            .args(["test", "--offline", "--workspace", "--tests"])
            .env("CARGO_TARGET_DIR", root.join("target"))
            .current_dir(&workspace)
            .output()
            .expect("cargo runs");
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "{log}");
        assert_eq!(log.matches("4 passed; 0 failed").count(), 4, "{log}");
    }
}
