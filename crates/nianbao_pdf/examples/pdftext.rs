//! Prints a PDF's text view (or, with `--glyphs`, every glyph and rule) for debugging.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdftext FILE.pdf [--glyphs]");
        return;
    };
    let bytes = std::fs::read(path).expect("read");
    if args.iter().any(|a| a == "--glyphs") {
        match nianbao_pdf::read_pages(&bytes) {
            Ok((pages, _)) => {
                for (i, p) in pages.iter().enumerate() {
                    println!("page {} {}x{}", i + 1, p.width, p.height);
                    for g in &p.glyphs {
                        println!(
                            "g {:.1} {:.1} {:.1} {:.1} {:.1} {}",
                            g.x0, g.top, g.x1, g.bottom, g.size, g.text
                        );
                    }
                    for s in &p.segs {
                        println!("s {:.1} {:.1} {:.1} {:.1}", s.x0, s.y0, s.x1, s.y1);
                    }
                }
            }
            Err(e) => println!("{}", e.message_zh()),
        }
        return;
    }
    match nianbao_pdf::read_pdf(&bytes) {
        Ok(t) => {
            print!("{}", t.text);
            for n in t.notes {
                eprintln!("note: {n}");
            }
        }
        Err(e) => println!("error: {}", e.message_zh()),
    }
}
