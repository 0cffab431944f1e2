//! What the national notices require of a report for its year (format-spec §6): the table format.
//! The contract's `required_format` (the page's checklist) says it; the `format-year` rule
//! (rules/format_year.rs) checks the same years.

use crate::report::Format;

/// The table format a report of `year` must use: the 2019 trial format for 2019 and 2020, the
/// 2021 format from 2021 on; before 2019 there was no national format (`Old`).
pub fn required_format(year: u16) -> Format {
    match year {
        ..=2018 => Format::Old,
        2019 | 2020 => Format::F2019,
        _ => Format::F2021,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_changes_in_2019_and_2021() {
        assert_eq!(required_format(2018), Format::Old);
        assert_eq!(required_format(2019), Format::F2019);
        assert_eq!(required_format(2020), Format::F2019);
        assert_eq!(required_format(2021), Format::F2021);
        assert_eq!(required_format(2025), Format::F2021);
    }
}
