//! Prints a document's text view: `cargo run -p nianbao_doc --example view FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: view FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    match nianbao_doc::read_document(&bytes, &path) {
        Ok(doc) => {
            print!("{}", doc.text());
            for note in doc.notes {
                eprintln!("note: {note}");
            }
        }
        Err(e) => {
            eprintln!("{}", e.message_zh());
            std::process::exit(2);
        }
    }
}
