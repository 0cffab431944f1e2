//! The facts the page's checklist of notice requirements reads from the contract: the title's
//! year and place, the statistics period's year and place, the format the year requires.

use nianbao_core::{check, to_json, PositionEncoding};

const SEED_000: &str = include_str!("../../../tests/fixtures/seeds/000_7a90e1b32b8dd451.txt");

fn field<'a>(json: &'a str, key: &str) -> &'a str {
    let at = json.find(&format!("\"{key}\":")).expect(key) + key.len() + 3;
    let end = if json[at..].starts_with('{') {
        at + json[at..].find('}').unwrap() + 1
    } else {
        at + json[at..].find([',', '}']).unwrap()
    };
    &json[at..end]
}

#[test]
fn seed_000_states_title_year_period_and_its_required_format() {
    let json = to_json(&check(SEED_000), SEED_000, PositionEncoding::Utf8);
    assert_eq!(field(&json, "required_format"), "\"f2019\"");
    let title = field(&json, "title_year");
    assert!(title.starts_with("{\"year\":2020,\"span\":["), "{title}");
    let period = field(&json, "period");
    assert!(period.starts_with("{\"year\":2020,\"span\":["), "{period}");
    // The period's span is the year as printed, on the line it says.
    let span: Vec<usize> = period[period.find('[').unwrap() + 1..period.find(']').unwrap()]
        .split(',')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(&SEED_000[span[0]..span[1]], "2020");
    let line = SEED_000[..span[0]].matches('\n').count() + 1;
    assert!(period.ends_with(&format!("\"line\":{line}}}")), "{period}");
}

#[test]
fn missing_facts_are_null() {
    let text = "没有标题的一段文字\n一、总体情况\n";
    let json = to_json(&check(text), text, PositionEncoding::Utf16);
    assert_eq!(field(&json, "title_year"), "null");
    assert_eq!(field(&json, "period"), "null");
    assert_eq!(field(&json, "required_format"), "null");
}
