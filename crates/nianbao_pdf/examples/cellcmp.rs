//! Debugging aid: compares the cells the checker reads from a PDF's text view with those it
//! reads from a text file. Usage: cellcmp FILE.pdf FILE.txt
fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 3 {
        eprintln!("usage: cellcmp FILE.pdf FILE.txt");
        return;
    }
    let pdf = nianbao_pdf::read_pdf(&std::fs::read(&a[1]).expect("pdf")).expect("reads");
    let txt = std::fs::read_to_string(&a[2]).expect("txt");
    let want = nianbao_core::check(&txt).report.cells;
    let got = nianbao_core::check(&pdf.text).report.cells;
    let mut bad = 0;
    for (p, c) in want.iter() {
        let w = c.map(|c| c.value.display());
        let g = got.entry(p).map(|c| c.map(|c| c.value.display()));
        if g != Some(w.clone()) {
            bad += 1;
            println!("{p}: got {g:?} want {w:?}");
        }
    }
    println!("{bad} of {} cells differ", want.iter().count());
}
