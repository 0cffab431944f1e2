//! One `join` for the core's messages. std's `[S]::join` is a 0.9 KB function in the wasm for
//! each element type (`&str` and `String` both occur); this loop is a tenth of that.

pub trait Joined {
    /// The parts with `sep` between them.
    fn joined(&self, sep: &str) -> String;
}

impl<S: AsRef<str>> Joined for [S] {
    fn joined(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(part.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Joined;

    #[test]
    fn joins_like_std() {
        assert_eq!(["a", "b", "c"].joined("、"), "a、b、c");
        assert_eq!([String::from("1")].joined(" + "), "1");
        assert_eq!(Vec::<String>::new().joined(" "), "");
    }
}
