//! `lookup.rs`: the lookup behind `ErrorCode::from_code`,
//! `fn find(code: &str) -> Option<ErrorCode>`.
//!
//! Kept apart from the rest of the Rust emitter because it is the one part
//! tuned for speed (see `cargo xtask bench`).
//!
//! The codes are placed in a perfect hash table, built here at generation
//! time ("hash and displace", as in PTHash): a code's hash picks a bucket,
//! the bucket's *pilot* (a small number found by search) moves the code to a
//! slot of its own, and the slot holds the code's stable number. A lookup is
//! one cheap hash of the text (the `FxHash` step over 8 bytes at a time), two
//! array reads, the code's entry in `table.rs`, and one string compare, with
//! no probing. `phf` does the same with `SipHash`, which costs more than the
//! rest of the lookup together.
//!
//! The slots hold numbers, not positions in a table, so that a new code
//! changes only the slots and pilots its placement moves. The construction is
//! deterministic (fixed seeds, tried in order; the same set of codes gives
//! the same table whatever their order) and always ends: if no seed works
//! within a fixed budget, the module falls back to a binary search over the
//! sorted codes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{int_literal, source_file};
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
    /// Each slot's code, as its index in the codes the table was built
    /// from; `None` for a slot that no code uses.
    pub slots: Vec<Option<usize>>,
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
        let mut slots = vec![None; 1 << slot_bits];
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
                slots[s] = Some(i);
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
        let i = self.slots[slot(h, pilot, self.slot_bits)]?;
        same(codes[i].as_bytes(), code.as_bytes()).then_some(i)
    }
}

/// The file: the hash functions, the table of the catalog's codes, and `find`.
pub(super) fn file(catalog: &Catalog) -> syn::File {
    file_within(catalog, SEEDS)
}

/// [`file`], trying at most `seeds` seeds for the perfect hash table.
pub(super) fn file_within(catalog: &Catalog, seeds: u64) -> syn::File {
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    let numbers: Vec<u32> = catalog.codes.iter().map(|c| c.number).collect();
    match PerfectHash::build_within(&codes, seeds) {
        Some(table) => perfect_hash(&table, &numbers),
        None => binary_search(&codes, &numbers),
    }
}

/// The perfect hash table, with the numbers of the codes in its slots.
fn perfect_hash(table: &PerfectHash, numbers: &[u32]) -> syn::File {
    let seed = Literal::u64_unsuffixed(table.seed);
    let slot_bits = Literal::u32_unsuffixed(table.slot_bits);
    let bucket_bits = Literal::u32_unsuffixed(table.bucket_bits);
    let bucket_count = int_literal(table.pilots.len() as u64);
    let slot_count = int_literal(table.slots.len() as u64);
    let pilots = table.pilots.iter().map(|&p| Literal::u16_unsuffixed(p));
    // A slot that no code uses holds the smallest number: the compare with
    // that code's text rejects whatever lands there, at the speed of a hit.
    let empty = numbers.iter().copied().min().unwrap_or(0);
    let slots = table
        .slots
        .iter()
        .map(|slot| int_literal(u64::from(slot.map_or(empty, |i| numbers[i]))));
    // Numbers as small as the codes allow: a `u16` while they fit.
    let (number_type, slot_number) = if needs_wide_slots(numbers) {
        (quote!(u32), quote!(SLOTS[slot(h, pilot, SLOT_BITS)]))
    } else {
        (
            quote!(u16),
            quote!(u32::from(SLOTS[slot(h, pilot, SLOT_BITS)])),
        )
    };
    let shared = shared_items();
    let items = quote! {
        use crate::{table, ErrorCode};

        /// The seed of `hash`.
        const SEED: u64 = #seed;
        /// `log2` of the number of buckets.
        const BUCKET_BITS: u32 = #bucket_bits;
        /// `log2` of the number of slots.
        const SLOT_BITS: u32 = #slot_bits;
        /// Each bucket's pilot.
        static PILOTS: [u16; #bucket_count] = [#(#pilots),*];
        /// Each slot's code number (`ErrorCode as u32`); a slot that no code
        /// uses holds the smallest one, whose text the compare then rejects.
        static SLOTS: [#number_type; #slot_count] = [#(#slots),*];

        /// The code whose text is `code`.
        pub(crate) fn find(code: &str) -> Option<ErrorCode> {
            let h = hash(code.as_bytes(), SEED);
            let pilot = PILOTS[bucket(h, BUCKET_BITS)];
            let i = table::position(#slot_number)?;
            same(table::ENTRIES[i].code.as_bytes(), code.as_bytes()).then(|| ErrorCode::ALL[i])
        }

        #shared
    };
    source_file(
        &[
            "Finding a code by its text: a perfect hash table, built by the generator (\"hash",
            "and displace\"). The code's hash picks a bucket; the bucket's pilot, a small number",
            "found when the table was built, moves it to its slot; the slot holds the number of",
            "the one code it can be, and a compare with that code's text confirms it. No",
            "probing, no `SipHash`: one cheap hash of the text, 8 bytes at a time.",
        ],
        items,
    )
}

/// Whether the slots need `u32`s: a number does not fit in a `u16`.
fn needs_wide_slots(numbers: &[u32]) -> bool {
    numbers.iter().any(|&n| u16::try_from(n).is_err())
}

/// The fallback: a binary search over the codes' numbers, sorted by text.
fn binary_search(codes: &[&str], numbers: &[u32]) -> syn::File {
    let mut sorted: Vec<(&str, u32)> = codes.iter().copied().zip(numbers.iter().copied()).collect();
    sorted.sort_unstable();
    let numbers = sorted.iter().map(|&(_, n)| int_literal(u64::from(n)));
    let items = quote! {
        use crate::{table, ErrorCode};

        /// Every code's number, sorted by the code's text.
        static SORTED: &[u32] = &[#(#numbers),*];

        /// The text of the code numbered `number`.
        fn text(number: u32) -> &'static str {
            table::position(number).map_or("", |i| table::ENTRIES[i].code)
        }

        /// The code whose text is `code`.
        pub(crate) fn find(code: &str) -> Option<ErrorCode> {
            let i = SORTED.binary_search_by(|&n| text(n).cmp(code)).ok()?;
            table::position(SORTED[i]).map(|i| ErrorCode::ALL[i])
        }
    };
    source_file(
        &["Finding a code by its text: a binary search over the codes, sorted."],
        items,
    )
}

#[cfg(test)]
pub(super) mod tests;
