#![no_main]
//! libFuzzer target for the .docx and HTML readers: `cargo +nightly fuzz run document --features libfuzzer corpus/document ../tests/fixtures/docs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::document(data);
});
