//! The perfect hash table: every code is found, no near miss is, at every size.

use std::collections::BTreeSet;
use std::path::Path;

use super::super::render;
use super::*;

pub(in crate::emit::rust) fn seed_catalog() -> Catalog {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/sample");
    let loaded = crate::load_spec(&spec, "spec");
    loaded
        .catalog
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

/// `count` codes in the shapes of real tables: prefixes of several
/// lengths, 4- and 5-digit numbers, bare numbers, and a few oddities
/// (a code that is a prefix of another, lengths around multiples of 8,
/// non-ASCII).
pub(in crate::emit::rust) fn synthetic_codes(count: usize) -> Vec<String> {
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
pub(in crate::emit::rust) fn near_misses(codes: &[&str]) -> Vec<String> {
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
fn without_a_seed_the_file_falls_back_to_binary_search() {
    let catalog = seed_catalog();
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(PerfectHash::build_within(&codes, 0), None);
    let text = render(file_within(&catalog, 0));
    assert!(text.contains("binary_search_by"), "{text}");
    assert!(render(file(&catalog)).contains("PILOTS"));
}

#[test]
fn slots_hold_numbers_as_u32_when_a_number_does_not_fit_in_u16() {
    let table = PerfectHash {
        seed: 0,
        bucket_bits: 1,
        slot_bits: 2,
        pilots: vec![0, 0],
        slots: vec![Some(1), None, Some(0), None],
    };
    assert!(!needs_wide_slots(&[0, 65_535]));
    assert!(needs_wide_slots(&[0, 65_536]));
    let big = render(perfect_hash(&table, &[7, 70_000]));
    assert!(
        big.contains("static SLOTS: [u32; 4] = [70000, 7, 7, 7];"),
        "{big}"
    );
    let small = render(perfect_hash(&table, &[7, 3]));
    assert!(
        small.contains("static SLOTS: [u16; 4] = [3, 3, 7, 3];"),
        "{small}"
    );
    // Generated crates with either kind compile and find every code:
    // `generated_crates_find_every_code_and_no_near_miss` in `rust::tests`.
}

#[test]
fn an_added_code_moves_few_slots() {
    let codes = synthetic_codes(1_000);
    let mut codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let before = PerfectHash::build(&codes).expect("a table");
    codes.insert(500, "AIS.0507");
    let after = PerfectHash::build(&codes).expect("a table");
    assert_eq!(before.slots.len(), after.slots.len());
    // Compare the codes in each slot, not their indices.
    let at =
        |table: &PerfectHash, codes: &[&str], s: usize| table.slots[s].map(|i| codes[i].to_owned());
    let (old_codes, new_codes): (Vec<&str>, Vec<&str>) = (
        codes.iter().copied().filter(|&c| c != "AIS.0507").collect(),
        codes.clone(),
    );
    let moved = (0..after.slots.len())
        .filter(|&s| at(&before, &old_codes, s) != at(&after, &new_codes, s))
        .count();
    assert!(moved < 40, "{moved} of {} slots changed", after.slots.len());
}
