//! Quick timing of parse + check per fixture (use the criterion benchmark for real figures).
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let n = 200;
        let start = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(nianbao_core::check(std::hint::black_box(&text)));
        }
        let per = start.elapsed() / n;
        println!("{:>10.1?}  {:>6} bytes  {path}", per, text.len());
    }
}
