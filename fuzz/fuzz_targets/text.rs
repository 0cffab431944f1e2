#![no_main]
//! libFuzzer target for the text reader: `cargo +nightly fuzz run text`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::text(data);
});
