#![no_main]
//! libFuzzer target for the PDF reader: `cargo +nightly fuzz run pdf --features libfuzzer corpus/pdf ../tests/fixtures/pdf`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::pdf(data);
});
