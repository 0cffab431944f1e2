//! A mutation fuzz loop over the committed PDF fixtures (bytes overwritten, runs deleted,
//! duplicated, numbers inserted): never a panic; files slower than 500 ms are written to /tmp.
//! `cargo run --release -p nianbao_pdf --example fuzzloop [ITERATIONS]` (debug builds also
//! catch arithmetic overflow).
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdf");
    let files: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    for it in 0..n {
        let mut b = files[(rnd() as usize) % files.len()].clone();
        for _ in 0..1 + rnd() % 16 {
            if b.is_empty() {
                break;
            }
            let at = (rnd() as usize) % b.len();
            match rnd() % 4 {
                0 => b[at] = rnd() as u8,
                1 => {
                    let end = (at + (rnd() as usize) % 512).min(b.len());
                    b.drain(at..end);
                }
                2 => {
                    let end = (at + (rnd() as usize) % 64).min(b.len());
                    let run = b[at..end].to_vec();
                    b.splice(at..at, run);
                }
                _ => {
                    let digits = format!("{}", rnd() % 100000);
                    b.splice(at..at, digits.bytes());
                }
            }
        }
        let t = std::time::Instant::now();
        let _ = nianbao_pdf::read_pdf(&b);
        if t.elapsed().as_millis() > 500 {
            eprintln!("slow: iteration {it} {} ms", t.elapsed().as_millis());
            std::fs::write(format!("/tmp/slow{it}.pdf"), &b).unwrap();
        }
    }
    println!("ok {n}");
}
