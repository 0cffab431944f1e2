//! Property (issue 14): every cell's `text` is at its `span` in the text, and its value is
//! what that text says — read here by an independent reader of the printed forms (signs,
//! full-width digits, separators, 万/元/% units). Over every fixture, then over mutations of
//! the seeds (digits deleted, spaces inserted or removed, digits doubled).

mod common;

use nianbao_core::{check, Value};
use proptest::prelude::*;

/// What a printed number says, as (sign, digits, scale, ×10⁴ for 万) — `None` when the text
/// is not a number this reader knows (then the cell must be a placeholder).
fn printed(text: &str) -> Option<(bool, String, usize, bool)> {
    let mut negative = false;
    let mut digits = String::new();
    let mut scale = None::<usize>;
    let mut wan = false;
    let mut seen_digit = false;
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' | '—' => '-',
            '＋' => '+',
            c => c,
        };
        match c {
            '0'..='9' => {
                seen_digit = true;
                digits.push(c);
                if let Some(s) = scale.as_mut() {
                    *s += 1;
                }
            }
            '.' if seen_digit && scale.is_none() => scale = Some(0),
            '-' | '减' if !seen_digit => negative = true,
            '+' | '增' if !seen_digit => {}
            ',' | '，' | ' ' | '\u{3000}' | '\t' => {}
            '万' if seen_digit => wan = true,
            '元' | '%' | '％' | '件' | '(' | ')' | '（' | '）' if seen_digit => {}
            _ if !seen_digit && c.is_whitespace() => {}
            _ => return None,
        }
    }
    seen_digit.then(|| (negative, digits, scale.unwrap_or(0), wan))
}

/// The canonical decimal string of a printed number (trailing fraction zeros dropped).
fn canonical(negative: bool, digits: &str, scale: usize, shift: usize) -> String {
    let mut digits = digits.to_string();
    let mut scale = scale;
    // ×10^shift: move the point right.
    for _ in 0..shift {
        if scale > 0 {
            scale -= 1;
        } else {
            digits.push('0');
        }
    }
    let (int, frac) = digits.split_at(digits.len() - scale);
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if negative && !(int.is_empty() && frac.is_empty()) {
        out.push('-');
    }
    out.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn canonical_of_value(s: &str) -> String {
    let (negative, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    canonical(negative, &format!("{int}{frac}"), frac.len(), 0)
}

/// Checks one text; returns a description of the first cell that breaks the property.
fn violation(text: &str) -> Option<String> {
    let checked = check(text);
    for (path, cell) in checked.report.cells.iter() {
        let Some(cell) = cell else { continue };
        let Some(shown) = text.get(cell.span.range()) else {
            return Some(format!("{path}: span {:?} not in the text", cell.span));
        };
        let said = printed(shown);
        let ok = match (&cell.value, &said) {
            (Value::Placeholder, None) => true,
            (Value::Placeholder, Some(_)) => false,
            (_, None) => false,
            (Value::Count(n), Some((neg, digits, scale, wan))) => {
                canonical(*neg, digits, *scale, if *wan { 4 } else { 0 }) == n.to_string()
            }
            (Value::Decimal(d), Some((neg, digits, scale, wan))) => {
                canonical(*neg, digits, *scale, if *wan { 4 } else { 0 })
                    == canonical_of_value(&d.to_string())
            }
            // Money is in 元; a number without a unit may be read in 万元 by the column's
            // default, so either reading of a unit-less number is what the text says.
            (Value::Money(d), Some((neg, digits, scale, wan))) => {
                let value = canonical_of_value(&d.to_string());
                let as_yuan = canonical(*neg, digits, *scale, 0);
                let as_wan = canonical(*neg, digits, *scale, 4);
                if *wan {
                    value == as_wan
                } else {
                    value == as_yuan || (!shown.contains('元') && value == as_wan)
                }
            }
        };
        if !ok {
            return Some(format!(
                "{path}: value {:?} but the text says “{shown}”",
                cell.value
            ));
        }
    }
    None
}

#[test]
fn the_independent_reader_reads_printed_forms() {
    let read = |t: &str| printed(t).map(|(n, d, s, w)| canonical(n, &d, s, if w { 4 } else { 0 }));
    assert_eq!(read("23083万元").as_deref(), Some("230830000"));
    assert_eq!(read("6,239,795.00元").as_deref(), Some("6239795"));
    assert_eq!(read("增 71").as_deref(), Some("71"));
    assert_eq!(read("-21").as_deref(), Some("-21"));
    assert_eq!(read("１２").as_deref(), Some("12"));
    assert_eq!(read("81.48%").as_deref(), Some("81.48"));
    assert_eq!(read("3929. 08 万元").as_deref(), Some("39290800"));
    assert_eq!(read("/"), None);
    // A reading that differs is caught: 32 is not 3.
    assert_ne!(read("32").as_deref(), Some("3"));
}

#[test]
fn every_fixture_cell_says_what_its_text_says() {
    let read: usize = common::all_reports()
        .iter()
        .map(|(_, t)| check(t).report.cells.read_count())
        .sum();
    assert!(read > 2000, "only {read} cells read");
    for (name, text) in common::all_reports() {
        if let Some(v) = violation(&text) {
            panic!("{name}: {v}");
        }
    }
}

fn seeds() -> &'static [String] {
    static SEEDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        common::all_reports()
            .into_iter()
            .filter(|(n, _)| n.starts_with("seeds/"))
            .map(|(_, t)| t)
            .collect()
    })
}

/// One edit at a digit of the text: delete it, double it, put a space after it, or join it to
/// the next number by deleting the space that follows.
fn mutate(text: &str, which: usize, at: usize, edit: u8) -> String {
    let digits: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    let Some(&i) = digits.get(at % digits.len().max(1)) else {
        return text.to_string();
    };
    let _ = which;
    let mut out = text.to_string();
    match edit % 4 {
        0 => {
            out.remove(i);
        }
        1 => out.insert(i, text.as_bytes()[i] as char),
        2 => out.insert(i + 1, ' '),
        _ => {
            if out.as_bytes().get(i + 1) == Some(&b' ') {
                out.remove(i + 1);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_seed_cells_say_what_their_text_says(
        which in 0usize..5,
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..4),
    ) {
        let seeds = seeds();
        let mut text = seeds[which % seeds.len()].clone();
        for (at, edit) in edits {
            text = mutate(&text, which, at, edit);
        }
        if let Some(v) = violation(&text) {
            prop_assert!(false, "{}", v);
        }
    }
}
