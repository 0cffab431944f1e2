//! The honest measure of a balance checker: take every clean national-format report of the
//! seeds and the corpus, change one table 三/四 cell's digits *in the text*, check again, and
//! ask (1) does an error name that cell, and (2) does the first repair restore the value?
//! The measure itself is in `common/mutation.rs`, shared with the corpus summary.

mod common;
#[path = "common/mutation.rs"]
mod mutation;

use mutation::percent;

#[test]
fn every_changed_cell_is_found_and_most_are_restored() {
    let tally = mutation::run();
    let detected = percent(tally.detected, tally.cases);
    let restored = percent(tally.restored, tally.cases);
    print!("{}", tally.lines());
    for m in &tally.unread {
        println!("  unread: {m}");
    }
    for m in &tally.missed {
        println!("  missed: {m}");
    }
    for m in tally.not_restored.iter().take(60) {
        println!("  not restored: {m}");
    }
    assert!(tally.cases > 500, "too few cases: {}", tally.cases);
    assert!(
        tally.missed.is_empty(),
        "{} changed cells went unnoticed",
        tally.missed.len()
    );
    assert!(detected >= 99.0, "an error names only {detected:.1}%");
    assert!(
        restored >= 90.0,
        "first repair restores only {restored:.1}%"
    );
}
