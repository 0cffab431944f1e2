//! Peak heap of one check (issue 14): for each hostile input class, the most memory the
//! check and its JSON hold at once, as a multiple of the input. Memory is deterministic, so
//! these are exact bounds, not timings. This binary has its own counting allocator (a
//! reallocation counts the old and the new block, as if copied), so it measures nothing else.
//!
//! The target is 10× the input for every class, the process included; the heap bound here is
//! 9× where the class meets it (the input itself is the tenth). Classes that do not meet it
//! yet have today's peak, rounded up, as their bound, so they cannot grow back unnoticed
//! (BENCHMARKS.md says why): pre-2019 tables repeated by the thousand (9.14× with the whole
//! JSON: the report, a cell, its key and its row's label per 46 bytes of input, beside the
//! JSON, which is four times the text). The wasm and the CLI's single input write that JSON in
//! pieces; measured that way every class meets 9×. Dense pastes
//! (an 8-byte token per one or two bytes, the line read through a window) meet it.

use nianbao_core::PositionEncoding;
use peak_alloc::PeakAlloc;

#[path = "common/input_classes.rs"]
mod input_classes;
use input_classes::{build, classes};

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

const SIZE: usize = 1 << 20;

/// The heap bound of each class, as a multiple of the input (see the module comment).
fn bound(class: &str) -> f64 {
    match class {
        "old" => 9.5,
        // The prose stream gets no room for the spaces it drops (4.25× now).
        "dense-1-space" => 5.0,
        _ => 9.0,
    }
}

/// The most heap one check and its JSON (written by `json`) held at once, ÷ the input.
fn peak_ratio(text: &str, json: impl FnOnce(&nianbao_core::Checked, &str) -> String) -> f64 {
    PEAK.reset_peak_usage();
    let before = PEAK.current_usage();
    let checked = nianbao_core::check(text);
    let json = json(&checked, text);
    drop(checked);
    drop(json);
    (PEAK.peak_usage() - before) as f64 / text.len() as f64
}

/// Everything runs in this one test, so no other test allocates while it measures.
#[test]
fn peak_heap_stays_within_a_multiple_of_the_input() {
    let mut over = Vec::new();
    for (class, head, unit) in classes() {
        let text = build(&head, &unit, SIZE);
        // The whole JSON, as a CLI batch holds each line; then as the page and the CLI's single
        // input do, the JSON handed on in pieces: there every class meets the 9× bound (the
        // check's own peak; old tables 7.5×).
        let whole = peak_ratio(&text, |checked, text| {
            nianbao_core::to_json(checked, text, PositionEncoding::Utf16)
        });
        let pieces = peak_ratio(&text, |checked, text| {
            nianbao_core::to_json_pieces(checked, text, PositionEncoding::Utf16, &mut |_| {})
        });
        for (how, ratio, bound) in [
            ("whole", whole, bound(class)),
            ("in pieces", pieces, bound(class).min(9.0)),
        ] {
            println!("{class:<16} {how:<9} peak heap {ratio:5.2}× the input (bound {bound}×)");
            if ratio > bound {
                over.push(format!("{class} ({how}): {ratio:.2}× > {bound}×"));
            }
        }
    }
    assert!(over.is_empty(), "over the bound: {over:?}");
}
