//! The short fuzz run of `npm test`: every committed corpus input (seeded with the fixtures,
//! grown by the long libFuzzer runs) through the fuzz target's function, on stable.

/// `folder` is relative to fuzz/: the document targets replay the committed document fixtures
/// (long runs take them as a seed corpus: `cargo fuzz run pdf ../tests/fixtures/pdf`).
fn replay(folder: &str, run: fn(&[u8])) {
    let target = folder;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        run(&bytes);
        count += 1;
    }
    assert!(count > 0, "empty corpus for {target}");
    eprintln!("{target}: replayed {count} inputs");
}

#[test]
fn text_corpus_replays_clean() {
    replay("corpus/text", nianbao_fuzz::text);
}

#[test]
fn document_corpus_replays_clean() {
    replay("../tests/fixtures/docs", nianbao_fuzz::document);
}

#[test]
fn pdf_corpus_replays_clean() {
    replay("../tests/fixtures/pdf", nianbao_fuzz::pdf);
}
