//! What a diagnostic code is: its stable name, default severity and one-line zh-CN summary
//! ([`CodeDef`]). Codes are *declared* where they are reported — each check's file, and
//! `parse::codes`, `prose` and `cross_year` for the findings that have no check file — with
//! [`declare_codes!`]; the registry (`rules/mod.rs`, [`crate::rules::CODE_TABLE`]) is the one
//! list of them and gives each its place. The rule catalogue (`docs/rules.md`) and the page's
//! rule help are generated from that list and each check's [`RuleDoc`] ([`rule_doc!`]).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// User documentation of one code, written once in the file of the check that reports it.
#[derive(Clone, Copy, Debug)]
pub struct RuleDoc {
    pub code: Code,
    /// The relation checked, e.g. "一 + 二 = （七）总计 + 四（每一列）".
    pub formula: &'static str,
    /// What it checks and why it matters, in zh-CN.
    pub explanation: &'static str,
    /// A short worked example.
    pub example: &'static str,
}

/// Declares a check's documentation: one `const` whose rustdoc is the same text the page shows.
macro_rules! rule_doc {
    ($name:ident: $code:ident, formula: $formula:literal, explanation: $explanation:literal, example: $example:literal $(,)?) => {
        #[doc = concat!("公式：", $formula, "\n\n", $explanation, "\n\n例：", $example)]
        pub const $name: $crate::codes::RuleDoc = $crate::codes::RuleDoc {
            code: $crate::codes::Code::$code,
            formula: $formula,
            explanation: $explanation,
            example: $example,
        };
    };
}
pub(crate) use rule_doc;

/// The definition of one code, written once in the file that reports it ([`declare_codes!`]).
#[derive(Clone, Copy, Debug)]
pub struct CodeDef {
    /// The stable name, part of the public contract: "t3-identity".
    pub name: &'static str,
    pub severity: Severity,
    /// One zh-CN line saying what the code means.
    pub summary: &'static str,
}

/// A diagnostic code: its place in the registry's list, so codes order (and diagnostics sort)
/// in registry order. The string form ([`Code::as_str`]) is part of the public contract.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(u8);

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Code({})", self.as_str())
    }
}

/// The registry's codes in order.
const TABLE: &[CodeDef] = &crate::rules::CODE_TABLE;

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Code {
    /// Every code, in registry order.
    pub const ALL: &'static [Code] = &{
        let mut all = [Code(0); crate::rules::CODE_TABLE.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = Code(i as u8);
            i += 1;
        }
        all
    };

    /// The code the registry lists under `name`, found at compile time by [`declare_codes!`]:
    /// a declaration the registry does not list fails the build.
    pub const fn declared(name: &str) -> Code {
        let mut i = 0;
        while i < TABLE.len() {
            if same(TABLE[i].name, name) {
                return Code(i as u8);
            }
            i += 1;
        }
        panic!("a code is declared in a module the registry (rules/mod.rs) does not list")
    }

    /// The code's definition.
    pub fn def(self) -> &'static CodeDef {
        &TABLE[self.0 as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.def().name
    }

    pub fn default_severity(self) -> Severity {
        self.def().severity
    }

    /// One zh-CN line saying what the code means.
    pub fn summary(self) -> &'static str {
        self.def().summary
    }

    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

/// The number of codes in `groups`, for the registry's table.
pub const fn count(groups: &[&[CodeDef]]) -> usize {
    let mut n = 0;
    let mut g = 0;
    while g < groups.len() {
        n += groups[g].len();
        g += 1;
    }
    n
}

/// `groups` as one table, in order (`N` is [`count`]`(groups)`).
pub const fn flatten<const N: usize>(groups: &[&[CodeDef]]) -> [CodeDef; N] {
    const NONE: CodeDef = CodeDef {
        name: "",
        severity: Severity::Info,
        summary: "",
    };
    let mut out = [NONE; N];
    let (mut g, mut n) = (0, 0);
    while g < groups.len() {
        let mut i = 0;
        while i < groups[g].len() {
            out[n] = groups[g][i];
            n += 1;
            i += 1;
        }
        g += 1;
    }
    out
}

/// Declares the codes a module reports: `CODES` (listed by the registry, which gives each
/// its place) and `Code::Name` for each, so `Code::T3Identity` names it everywhere.
macro_rules! declare_codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident, $summary:literal; )*) => {
        /// The codes this module reports, as the registry lists them.
        pub const CODES: &[$crate::codes::CodeDef] = &[ $( $crate::codes::CodeDef {
            name: $name,
            severity: $crate::codes::Severity::$severity,
            summary: $summary,
        }, )* ];

        #[allow(non_upper_case_globals)]
        impl $crate::codes::Code {
            $( $(#[$doc])* pub const $variant: $crate::codes::Code = $crate::codes::Code::declared($name); )*
        }
    };
}
pub(crate) use declare_codes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_declared_once_and_round_trips() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            assert!(
                seen.insert(code.as_str()),
                "code {} is declared twice",
                code.as_str()
            );
            assert_eq!(Code::from_name(code.as_str()), Some(code));
            assert!(!code.summary().is_empty());
        }
        assert_eq!(Code::from_name("no-such-code"), None);
    }

    #[test]
    fn codes_order_as_the_registry_lists_them() {
        assert_eq!(Code::ALL[0], Code::TableMissing);
        assert!(Code::T3Identity < Code::RelationUnassessable);
        assert!(Code::RelationUnassessable < Code::SectionMissing);
        assert_eq!(Code::ALL.last(), Some(&Code::CrossYearMismatch));
        assert_eq!(format!("{:?}", Code::T3Identity), "Code(t3-identity)");
    }
}
