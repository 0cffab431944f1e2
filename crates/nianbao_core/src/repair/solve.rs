//! Exact solution of the small linear systems of the repair search: at most a handful of
//! unknowns, integer coefficients, solved over the rationals by Gauss–Jordan elimination.

/// A fraction n/d with d > 0, in lowest terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Frac {
    n: i128,
    d: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Frac {
    fn int(n: i128) -> Frac {
        Frac { n, d: 1 }
    }

    fn new(n: i128, d: i128) -> Option<Frac> {
        if d == 0 {
            return None;
        }
        let g = gcd(n, d).max(1);
        let sign = if d < 0 { -1 } else { 1 };
        Some(Frac {
            n: sign * n / g,
            d: sign * d / g,
        })
    }

    fn is_zero(self) -> bool {
        self.n == 0
    }

    fn sub(self, other: Frac) -> Option<Frac> {
        let n = self
            .n
            .checked_mul(other.d)?
            .checked_sub(other.n.checked_mul(self.d)?)?;
        Frac::new(n, self.d.checked_mul(other.d)?)
    }

    fn mul(self, other: Frac) -> Option<Frac> {
        Frac::new(self.n.checked_mul(other.n)?, self.d.checked_mul(other.d)?)
    }

    fn div(self, other: Frac) -> Option<Frac> {
        Frac::new(self.n.checked_mul(other.d)?, self.d.checked_mul(other.n)?)
    }
}

/// The solution of `Σ row[k]·x[k] = constant` for every equation, when there is exactly one
/// and it is integral; `None` when the system is inconsistent, underdetermined, not integral
/// or overflows.
pub fn unique_integer_solution(
    equations: &[(Vec<i128>, i128)],
    unknowns: usize,
) -> Option<Vec<i128>> {
    if unknowns == 0 {
        return None;
    }
    let mut m: Vec<Vec<Frac>> = equations
        .iter()
        .map(|(row, constant)| {
            let mut r: Vec<Frac> = row.iter().map(|&a| Frac::int(a)).collect();
            r.push(Frac::int(*constant));
            r
        })
        .collect();
    let mut pivot_row = 0;
    for col in 0..unknowns {
        let Some(p) = (pivot_row..m.len()).find(|&r| !m[r][col].is_zero()) else {
            return None; // a free unknown: not unique
        };
        m.swap(pivot_row, p);
        let pivot = m[pivot_row][col];
        for x in m[pivot_row].iter_mut() {
            *x = x.div(pivot)?;
        }
        let pivot_values = m[pivot_row].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r == pivot_row || row[col].is_zero() {
                continue;
            }
            let factor = row[col];
            for (x, p) in row.iter_mut().zip(&pivot_values) {
                *x = x.sub(factor.mul(*p)?)?;
            }
        }
        pivot_row += 1;
    }
    // Remaining rows must read 0 = 0.
    if m[pivot_row..].iter().any(|r| !r[unknowns].is_zero()) {
        return None;
    }
    let mut out = Vec::with_capacity(unknowns);
    for row in m.iter().take(unknowns) {
        let value = row[unknowns];
        if value.d != 1 {
            return None;
        }
        out.push(value.n);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_consistent_and_integral() {
        // x = 1, y = 1, y - x = 0
        let eq = vec![(vec![1, 0], 1), (vec![0, 1], 1), (vec![-1, 1], 0)];
        assert_eq!(unique_integer_solution(&eq, 2), Some(vec![1, 1]));
    }

    #[test]
    fn inconsistent_underdetermined_or_fractional_fail() {
        assert_eq!(
            unique_integer_solution(&[(vec![1], 1), (vec![1], 2)], 1),
            None
        );
        assert_eq!(unique_integer_solution(&[(vec![1, 1], 2)], 2), None);
        assert_eq!(unique_integer_solution(&[(vec![2], 3)], 1), None);
        assert_eq!(unique_integer_solution(&[], 1), None);
    }
}
