//! The short fuzz run of `npm test`: every committed corpus input (seeded with the fixtures,
//! grown by the long libFuzzer runs) through the fuzz target's function, on stable.

#[test]
fn text_corpus_replays_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus/text") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        nianbao_fuzz::text(&bytes);
        count += 1;
    }
    assert!(count > 0, "empty corpus");
    eprintln!("replayed {count} inputs");
}
