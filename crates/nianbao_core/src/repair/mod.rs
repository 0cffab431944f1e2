//! The likely culprit: the smallest sets of cell changes that make every broken relation hold
//! (minimal error localisation in the Fellegi–Holt sense), with the values they need.
//!
//! 1. Constraints are the report's relations ([`crate::relations::instance::instances`]): the
//!    equalities and inequalities of tables 三/四 and of a pre-2019 table, over the cells that
//!    were read. A relation with missing cells only constrains through its bounds (counts are
//!    never negative); it never treats a blank as 0.
//! 2. A repair must touch every broken constraint, so candidate cell sets are hitting sets of
//!    the broken constraints, enumerated smallest first (iterative deepening up to
//!    [`MAX_CELLS`] cells, at most [`MAX_NODES`] search nodes in all).
//! 3. For a candidate set, the equalities that involve it form a small linear system; it must
//!    have exactly one solution, in non-negative integers, changing every chosen cell, and the
//!    changed values must keep every other constraint involving them.
//!
//! Among repairs of the same (smallest) size the order is a documented prior:
//! 1. more agreement with numbers the prose states for the changed cells (a prose sentence
//!    "办结1件" supports （七）总计·总计 = 1);
//! 2. fewer non-zero values among the changed cells (report tables are mostly zeros: a stray
//!    digit is likelier than a missing one);
//! 3. more printed totals among the changed cells (总计 column, （七）总计 row, table 四 总计,
//!    parent rows of a pre-2019 table): a total not updated after a detail was entered is the
//!    commonest slip;
//! 4. the smaller total change;
//! 5. document order.

mod solve;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::join::Joined;
use crate::naming::{self, CellId, Table};
use crate::relations::instance::Instance;
use crate::relations::{Kind, RelationId};
use crate::report::{fnv1a, path_hash, path_order, Report, FNV_OFFSET};
use crate::Repair;

/// Largest number of cells a repair changes.
pub const MAX_CELLS: usize = 4;
/// Search nodes allowed for one report, so a badly broken table cannot take long.
pub const MAX_NODES: usize = 20_000;
/// Repairs returned.
const MAX_REPAIRS: usize = 5;

/// FNV-1a, for the search's set of visited cell sets: the keys are small and not chosen by an
/// adversary, and std's SipHash with its random keys would add a kilobyte of wasm for nothing.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(FNV_OFFSET)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A cell that a repair may change; its path is the relation term's (borrowed: a long
/// pre-2019 table has tens of thousands of cells).
#[derive(Clone, Debug)]
struct Var<'a> {
    path: &'a str,
    value: i64,
    total: bool,
}

/// One relation over variables: Σ lhs (=|≥) Σ rhs. Missing cells make a side incomplete.
#[derive(Clone, Debug)]
struct Constraint {
    kind: Kind,
    lhs: Vec<usize>,
    rhs: Vec<usize>,
    lhs_complete: bool,
    rhs_complete: bool,
}

impl Constraint {
    fn complete(&self) -> bool {
        self.lhs_complete && self.rhs_complete
    }

    fn vars(&self) -> impl Iterator<Item = usize> + '_ {
        self.lhs.iter().chain(self.rhs.iter()).copied()
    }

    fn touches(&self, set: &[usize]) -> bool {
        self.vars().any(|v| set.contains(&v))
    }

    /// Whether it holds under an assignment (the same verdict as `Instance::outcome`).
    fn holds(&self, value: &dyn Fn(usize) -> i64) -> bool {
        let sum = |vs: &[usize]| vs.iter().map(|&v| value(v)).fold(0i64, i64::saturating_add);
        let (l, r) = (sum(&self.lhs), sum(&self.rhs));
        if self.complete() {
            return match self.kind {
                Kind::Equal => l == r,
                Kind::AtLeast => l >= r,
            };
        }
        if self.vars().any(|v| value(v) < 0) {
            return true; // bounds say nothing
        }
        match self.kind {
            Kind::AtLeast => !(self.lhs_complete && r > l),
            Kind::Equal => !((self.lhs_complete && r > l) || (self.rhs_complete && l > r)),
        }
    }
}

struct Problem<'a> {
    vars: Vec<Var<'a>>,
    constraints: Vec<Constraint>,
    /// Constraints each variable is in.
    of_var: Vec<Vec<usize>>,
}

fn problem<'a>(report: &Report, instances: &[Instance<'a>]) -> Problem<'a> {
    // The variables, numbered in first-seen order, found by (path hash, path) in one sorted
    // table built once (no hash map in the wasm; no insertion per variable, which is
    // quadratic in a long pre-2019 table).
    // Sized up front: a doubling vector holds its old and new buffer at once.
    let terms = instances
        .iter()
        .flat_map(|i| i.lhs.iter().chain(&i.rhs))
        .filter(|t| t.count().is_some())
        .count();
    let mut keys: Vec<(u64, &'a str, usize)> = Vec::with_capacity(terms);
    for instance in instances {
        for t in instance.lhs.iter().chain(&instance.rhs) {
            if t.count().is_some() {
                keys.push((path_hash(t.path), t.path, keys.len()));
            }
        }
    }
    crate::order::sort_by(&mut keys, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| path_order(a.1, b.1))
            .then(a.2.cmp(&b.2))
    });
    keys.dedup_by(|later, first| later.0 == first.0 && later.1 == first.1);
    // Rank of each distinct path by first appearance = its variable number.
    let mut by_first: Vec<usize> = (0..keys.len()).collect();
    crate::order::sort_by_key(&mut by_first, |&k| keys[k].2);
    let mut var_of_key = vec![0usize; keys.len()];
    for (v, &k) in by_first.iter().enumerate() {
        var_of_key[k] = v;
    }
    // Printed totals: the left side of every parts relation (R2, R3, R4, old parts).
    let mut totals: Vec<(u64, &'a str)> = instances
        .iter()
        .filter(|i| {
            matches!(
                i.id,
                RelationId::T3RowTotal
                    | RelationId::T3ResultTotal
                    | RelationId::T4GroupTotal
                    | RelationId::OldPartsSum
                    | RelationId::OldPartsAtMost
            )
        })
        .flat_map(|i| i.lhs.iter().map(|t| (path_hash(t.path), t.path)))
        .collect();
    crate::order::sort_by(&mut totals, |a, b| {
        a.0.cmp(&b.0).then_with(|| path_order(a.1, b.1))
    });
    let is_total = |hash: u64, path: &str| {
        totals
            .binary_search_by(|&(h, p)| h.cmp(&hash).then_with(|| path_order(p, path)))
            .is_ok()
    };
    let mut vars: Vec<Option<Var>> = vec![None; keys.len()];
    let mut constraints = Vec::new();
    for instance in instances {
        let mut side = |terms: &[crate::relations::instance::Term<'a>]| -> (Vec<usize>, bool) {
            let mut out = Vec::new();
            let mut complete = true;
            for t in terms {
                match t.count() {
                    Some(value) => {
                        let hash = path_hash(t.path);
                        let Ok(at) = keys.binary_search_by(|&(h, p, _)| {
                            h.cmp(&hash).then_with(|| path_order(p, t.path))
                        }) else {
                            complete = false;
                            continue;
                        };
                        let v = var_of_key[at];
                        vars[v].get_or_insert_with(|| Var {
                            path: t.path,
                            value,
                            total: is_total(hash, t.path),
                        });
                        out.push(v);
                    }
                    None => complete = false,
                }
            }
            (out, complete)
        };
        let (lhs, lhs_complete) = side(&instance.lhs);
        let (rhs, rhs_complete) = side(&instance.rhs);
        constraints.push(Constraint {
            kind: instance.kind,
            lhs,
            rhs,
            lhs_complete,
            rhs_complete: rhs_complete && !instance.incomplete,
        });
    }
    let vars: Vec<Var> = vars.into_iter().flatten().collect();
    let _ = report;
    let mut of_var = vec![Vec::new(); vars.len()];
    for (c, constraint) in constraints.iter().enumerate() {
        for v in constraint.vars() {
            if !of_var[v].contains(&c) {
                of_var[v].push(c);
            }
        }
    }
    Problem {
        vars,
        constraints,
        of_var,
    }
}

/// A candidate repair: the cells and their new values.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Candidate {
    changes: Vec<(usize, i64)>,
}

struct Search<'a> {
    problem: &'a Problem<'a>,
    violated: Vec<usize>,
    nodes: usize,
    seen: HashSet<Vec<usize>, BuildHasherDefault<Fnv>>,
    found: Vec<Candidate>,
}

impl Search<'_> {
    fn dfs(&mut self, set: &mut Vec<usize>, size: usize) {
        self.nodes += 1;
        if self.nodes > MAX_NODES || self.found.len() >= 2 * MAX_REPAIRS {
            return;
        }
        let unhit = self
            .violated
            .iter()
            .copied()
            .find(|&c| !self.problem.constraints[c].touches(set));
        if let Some(c) = unhit {
            if set.len() == size {
                return;
            }
            let vars: Vec<usize> = self.problem.constraints[c].vars().collect();
            self.branch(set, size, &vars);
            return;
        }
        let mut key = set.clone();
        crate::order::sort(&mut key);
        if !self.seen.insert(key) {
            return;
        }
        if set.len() == size {
            if let Some(candidate) = self.solve(set) {
                self.found.push(candidate);
            }
            return;
        }
        // Every broken constraint is touched but a smaller set failed: widen with a cell of a
        // constraint the chosen cells are in.
        let mut vars: Vec<usize> = Vec::new();
        for &v in set.iter() {
            for &c in &self.problem.of_var[v] {
                for w in self.problem.constraints[c].vars() {
                    if !vars.contains(&w) {
                        vars.push(w);
                    }
                }
            }
        }
        self.branch(set, size, &vars);
    }

    fn branch(&mut self, set: &mut Vec<usize>, size: usize, vars: &[usize]) {
        for &v in vars {
            if set.contains(&v) {
                continue;
            }
            set.push(v);
            self.dfs(set, size);
            set.pop();
            if self.nodes > MAX_NODES {
                return;
            }
        }
    }

    /// The unique values for `set` that make every constraint involving it hold.
    fn solve(&self, set: &[usize]) -> Option<Candidate> {
        let problem = self.problem;
        let mut equations: Vec<(Vec<i128>, i128)> = Vec::new();
        let mut involved: Vec<usize> = Vec::new();
        for &v in set {
            for &c in &problem.of_var[v] {
                if !involved.contains(&c) {
                    involved.push(c);
                }
            }
        }
        for &c in &involved {
            let constraint = &problem.constraints[c];
            if constraint.kind != Kind::Equal || !constraint.complete() {
                continue;
            }
            let mut row = vec![0i128; set.len()];
            let mut constant = 0i128;
            for (vars, sign) in [(&constraint.lhs, 1i128), (&constraint.rhs, -1i128)] {
                for &v in vars {
                    match set.iter().position(|&s| s == v) {
                        Some(k) => row[k] += sign,
                        None => constant -= sign * i128::from(problem.vars[v].value),
                    }
                }
            }
            equations.push((row, constant));
        }
        let values = solve::unique_integer_solution(&equations, set.len())?;
        let mut changes = Vec::with_capacity(set.len());
        for (k, &v) in set.iter().enumerate() {
            let value = i64::try_from(values[k]).ok()?;
            if value < 0 || value == problem.vars[v].value {
                return None;
            }
            changes.push((v, value));
        }
        let assigned = |v: usize| {
            changes
                .iter()
                .find(|(w, _)| *w == v)
                .map_or(problem.vars[v].value, |(_, x)| *x)
        };
        if involved
            .iter()
            .chain(self.violated.iter())
            .any(|&c| !problem.constraints[c].holds(&assigned))
        {
            return None;
        }
        crate::order::sort_by_key(&mut changes, |(v, _)| *v);
        Some(Candidate { changes })
    }
}

/// The smallest repairs of the report's broken relations, best first. `evidence` holds
/// values the prose states for single cells (path, value), used only to order repairs.
pub fn search(report: &Report, instances: &[Instance], evidence: &[(String, i64)]) -> Vec<Repair> {
    let broken = instances
        .iter()
        .filter(|i| {
            matches!(
                i.outcome(),
                crate::relations::instance::Outcome::Fails { .. }
                    | crate::relations::instance::Outcome::FailsAnyway { .. }
            )
        })
        .count();
    if broken == 0 || !can_hit(instances, broken) {
        return Vec::new();
    }
    let problem = problem(report, instances);
    let current = |v: usize| problem.vars[v].value;
    let violated: Vec<usize> = (0..problem.constraints.len())
        .filter(|&c| !problem.constraints[c].holds(&current))
        .collect();
    if violated.is_empty() {
        return Vec::new();
    }
    let max_degree = problem.of_var.iter().map(Vec::len).max().unwrap_or(0);
    let mut search = Search {
        problem: &problem,
        violated,
        nodes: 0,
        seen: HashSet::default(),
        found: Vec::new(),
    };
    for size in 1..=MAX_CELLS {
        // A set of `size` cells touches at most size × max_degree constraints.
        if search.violated.len() > size * max_degree {
            continue;
        }
        search.seen.clear();
        search.dfs(&mut Vec::new(), size);
        if !search.found.is_empty() || search.nodes > MAX_NODES {
            break;
        }
    }
    let mut found = search.found;
    let score = |c: &Candidate| {
        let support: i64 = c
            .changes
            .iter()
            .map(|&(v, value)| {
                let path = problem.vars[v].path;
                evidence
                    .iter()
                    .filter(|(p, _)| p == path)
                    .map(|&(_, stated)| {
                        if stated == value {
                            1
                        } else if stated == problem.vars[v].value {
                            -1
                        } else {
                            0
                        }
                    })
                    .sum::<i64>()
            })
            .sum();
        let nonzero = c.changes.iter().filter(|(_, x)| *x != 0).count();
        let totals = c
            .changes
            .iter()
            .filter(|(v, _)| problem.vars[*v].total)
            .count();
        let delta: i64 = c
            .changes
            .iter()
            .map(|&(v, x)| (x - problem.vars[v].value).abs())
            .sum();
        let first = c.changes.first().map_or(0, |(v, _)| *v);
        (-support, nonzero, std::cmp::Reverse(totals), delta, first)
    };
    crate::order::sort_by_key(&mut found, score);
    found.dedup();
    found
        .into_iter()
        .take(MAX_REPAIRS)
        .map(|c| {
            // Changes in document (cell map) order.
            let mut changes: Vec<(usize, i64)> = c.changes;
            crate::order::sort_by_key(&mut changes, |(v, _)| {
                report
                    .cells
                    .iter()
                    .position(|(p, _)| p == problem.vars[*v].path)
            });
            Repair {
                changes: changes
                    .into_iter()
                    .map(|(v, x)| (problem.vars[v].path.to_string().into(), x.to_string()))
                    .collect(),
            }
        })
        .collect()
}

/// Whether `MAX_CELLS` cells can touch `broken` relations (the ones whose outcome fails, which
/// are the problem's violated constraints): not when there are more than `MAX_CELLS` times the
/// most relations one cell is in, and the search below would skip every size. Then the problem
/// is not built: a pre-2019 table repeated by the thousand, one broken sum in each copy, would
/// take about 3.5 times the text for nothing (issue 14). A cell's relations are counted from
/// its path's hash (a collision only counts more, so the answer is never a wrong "no").
fn can_hit(instances: &[Instance], broken: usize) -> bool {
    // Hashes cut to 32 bits (a collision only counts more), sorted by the core's radix sort.
    let mut hashes: Vec<(u32, u32)> = Vec::new();
    for instance in instances {
        for t in instance.lhs.iter().chain(&instance.rhs) {
            if t.count().is_some() {
                hashes.push((path_hash(t.path) as u32, 0));
            }
        }
    }
    let hashes = crate::order::radix_sort_pairs(hashes);
    let (mut most, mut run) = (0, 0);
    for (i, h) in hashes.iter().enumerate() {
        run = if i > 0 && hashes[i - 1].0 == h.0 {
            run + 1
        } else {
            1
        };
        most = most.max(run);
    }
    broken <= MAX_CELLS * most
}

/// A repair in words, row by row: "（七）总计 自然人 0 → 1，总计 0 → 1".
pub fn describe_repair(report: &Report, repair: &Repair) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut last_row: Option<String> = None;
    for (path, value) in &repair.changes {
        let name = naming::name(report, path);
        // Table 三 is the one repairs are usually in: its rows go unprefixed.
        let row = match CellId::parse(path).and_then(CellId::table) {
            Some(Table::T3) => name.row.clone(),
            _ => format!("{}{}", name.table, name.row),
        };
        let old = report
            .cells
            .get(path)
            .map_or("空白".to_string(), |c| c.value.display());
        let column = if name.column.is_empty() {
            String::new()
        } else {
            format!("{} ", name.column)
        };
        if last_row.as_deref() == Some(row.as_str()) {
            parts.push(format!("{column}{old} → {value}"));
        } else {
            parts.push(format!("{row} {column}{old} → {value}"));
        }
        last_row = Some(row);
    }
    parts.joined("，")
}

/// What the first repair tells the user, worded once: the help for the errors it resolves and
/// the other repairs of the same size. [`crate::findings`] attaches it to those errors.
#[derive(Clone, Debug)]
pub struct Advice<'r> {
    pub repair: &'r Repair,
    /// "建议：…（只改这一格，所有不平衡的关系就都能成立）。"
    pub help: String,
    /// "同样只改 n 格的其他改法：…", when there are other repairs.
    pub alternatives: Option<String>,
}

/// The advice of the best repair, if any.
pub fn advice<'r>(report: &Report, repairs: &'r [Repair]) -> Option<Advice<'r>> {
    let first = repairs.first()?;
    let words = describe_repair(report, first);
    let alternatives: Vec<String> = repairs[1..]
        .iter()
        .take(2)
        .map(|r| describe_repair(report, r))
        .collect();
    let n = first.changes.len();
    let help = if n == 1 {
        format!("建议：{words}（只改这一格，所有不平衡的关系就都能成立）。")
    } else {
        format!("建议：{words}（改这 {n} 格，所有不平衡的关系就都能成立）。")
    };
    let alternatives = (!alternatives.is_empty())
        .then(|| format!("同样只改 {n} 格的其他改法：{}", alternatives.joined("；")));
    Some(Advice {
        repair: first,
        help,
        alternatives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relations::instance::instances;
    use crate::report::Format;
    use crate::testing;

    fn changes(repair: &Repair) -> Vec<(String, String)> {
        repair
            .changes
            .iter()
            .map(|(p, v)| (p.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn a_clean_table_needs_no_repair() {
        let report = testing::national(Format::F2019);
        assert!(search(&report, &instances(&report), &[]).is_empty());
    }

    #[test]
    fn seed_000_is_repaired_in_the_total_row() {
        // 一 = 1, （二）部分公开 = 1, （七）总计 = 0 in columns 自然人 and 总计.
        let mut report = testing::national(Format::F2019);
        for path in [
            "t3.new.natural_person",
            "t3.new.total",
            "t3.partial.natural_person",
            "t3.partial.total",
        ] {
            testing::set(&mut report, path, 1);
        }
        let repairs = search(&report, &instances(&report), &[]);
        assert_eq!(
            changes(&repairs[0]),
            [
                ("t3.total.natural_person".to_string(), "1".to_string()),
                ("t3.total.total".to_string(), "1".to_string())
            ]
        );
        assert_eq!(
            describe_repair(&report, &repairs[0]),
            "（七）总计 自然人 0 → 1，总计 0 → 1"
        );
    }

    #[test]
    fn a_changed_detail_cell_is_found_and_restored() {
        let mut report = testing::national(Format::F2021);
        testing::set(&mut report, "t3.granted.research", 5);
        let repairs = search(&report, &instances(&report), &[]);
        assert_eq!(
            changes(&repairs[0]),
            [("t3.granted.research".to_string(), "0".to_string())]
        );
    }

    #[test]
    fn prose_evidence_orders_equally_small_repairs() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t4.review.upheld", 1);
        // Without evidence the stray digit is the likelier culprit …
        let repairs = search(&report, &instances(&report), &[]);
        assert_eq!(
            changes(&repairs[0]),
            [("t4.review.upheld".to_string(), "0".to_string())]
        );
        // … but a sentence "行政复议1件" supports a missing total.
        let repairs = search(
            &report,
            &instances(&report),
            &[("t4.review.total".to_string(), 1)],
        );
        assert_eq!(
            changes(&repairs[0]),
            [("t4.review.total".to_string(), "1".to_string())]
        );
    }

    #[test]
    fn blanks_are_not_variables_and_bounds_still_hold() {
        let mut report = testing::national(Format::F2019);
        testing::blank(&mut report, "t3.partial.natural_person");
        testing::set(&mut report, "t3.granted.natural_person", 2);
        testing::set(&mut report, "t3.granted.total", 2);
        let repairs = search(&report, &instances(&report), &[]);
        // （七）总计·自然人 0 < 2 already read: raise the totals or drop the 2.
        assert!(!repairs.is_empty());
        for repair in &repairs {
            assert!(repair
                .changes
                .iter()
                .all(|(p, _)| p != "t3.partial.natural_person"));
        }
    }

    #[test]
    fn many_broken_relations_stay_bounded() {
        let mut report = testing::national(Format::F2021);
        let paths: Vec<String> = report
            .cells
            .iter()
            .map(|(p, _)| p.to_string())
            .filter(|p| p.starts_with("t3.") || p.starts_with("t4."))
            .collect();
        for (i, path) in paths.iter().enumerate() {
            testing::set(&mut report, path, (i as i64 * 7919) % 13);
        }
        let start = std::time::Instant::now();
        let _ = search(&report, &instances(&report), &[]);
        assert!(start.elapsed().as_secs() < 2);
    }
}
