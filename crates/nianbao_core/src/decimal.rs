//! Exact decimal numbers for money and percentages: a mantissa and a power-of-ten scale,
//! never a float, so "400.45887 万元" becomes exactly "4004588.7" 元.

use std::cmp::Ordering;
use std::fmt;

/// `mantissa × 10^-scale`. Always kept normalized (no trailing zero digits in the fraction),
/// so equal numbers have equal representations.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: Mantissa,
    scale: u32,
}

/// An `i128` in two 8-byte words: an `i128` field would align every `Decimal`, `Value` and
/// `Cell` to 16 bytes (a cell 80 bytes instead of 56, and a long table has tens of thousands).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Mantissa([u64; 2]);

impl Mantissa {
    const fn new(m: i128) -> Mantissa {
        Mantissa([m as u64, (m >> 64) as u64])
    }

    const fn get(self) -> i128 {
        ((self.0[1] as i128) << 64) | self.0[0] as i128
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decimal")
            .field("mantissa", &self.m())
            .field("scale", &self.scale)
            .finish()
    }
}

/// Largest scale we keep; a report never prints more than a dozen decimals.
const MAX_SCALE: u32 = 30;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: Mantissa::new(0),
        scale: 0,
    };

    fn m(self) -> i128 {
        self.mantissa.get()
    }

    fn raw(mantissa: i128, scale: u32) -> Decimal {
        Decimal {
            mantissa: Mantissa::new(mantissa),
            scale,
        }
    }

    /// Builds `mantissa × 10^-scale`, normalized. `None` when the scale is absurd.
    pub fn new(mantissa: i128, scale: u32) -> Option<Decimal> {
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal::raw(mantissa, scale).normalized())
    }

    /// Mantissa and scale, for compact storage ([`Decimal::new`] rebuilds the same value).
    pub(crate) fn parts(self) -> (i128, u32) {
        (self.m(), self.scale)
    }

    pub fn from_int(value: i64) -> Decimal {
        Decimal::raw(value as i128, 0)
    }

    fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.m() % 10 == 0 {
            self.mantissa = Mantissa::new(self.m() / 10);
            self.scale -= 1;
        }
        if self.m() == 0 {
            self.scale = 0;
        }
        self
    }

    /// Multiplies by `10^power` exactly (e.g. 万 → ×10⁴). `None` on overflow.
    pub fn shift(self, power: u32) -> Option<Decimal> {
        if self.scale >= power {
            return Some(Decimal::raw(self.m(), self.scale - power).normalized());
        }
        let factor = 10i128.checked_pow(power - self.scale)?;
        Some(Decimal::raw(self.m().checked_mul(factor)?, 0))
    }

    pub fn is_negative(self) -> bool {
        self.m() < 0
    }

    pub fn is_zero(self) -> bool {
        self.m() == 0
    }

    /// The value when it is a whole number that fits an `i64`.
    pub fn as_integer(self) -> Option<i64> {
        if self.scale == 0 {
            i64::try_from(self.m()).ok()
        } else {
            None
        }
    }

    fn aligned(self, other: Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let a = self
            .m()
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .m()
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some((a, b, scale))
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        Decimal::new(a.checked_add(b)?, scale)
    }

    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        Decimal::new(a.checked_sub(b)?, scale)
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match self.aligned(*other) {
            Some((a, b, _)) => a.cmp(&b),
            // Only reachable with absurd magnitudes; fall back to the sign and integer part.
            None => (self.m().signum(), self.m() / 10i128.pow(self.scale))
                .cmp(&(other.m().signum(), other.m() / 10i128.pow(other.scale))),
        }
    }
}

impl fmt::Display for Decimal {
    /// Digits written by hand: `i128`'s own formatting is kilobytes of wasm the page would ship.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Least significant digit first, then the integer part padded with "0" as needed.
        let mut digits = Vec::with_capacity(40);
        let mut rest = self.m().unsigned_abs();
        let scale = self.scale as usize;
        while rest > 0 || digits.len() <= scale {
            digits.push(b'0' + (rest % 10) as u8);
            rest /= 10;
        }
        if self.m() < 0 {
            f.write_str("-")?;
        }
        let mut out = String::with_capacity(digits.len() + 1);
        for (i, &d) in digits.iter().enumerate().rev() {
            out.push(d as char);
            if i == scale && scale > 0 {
                out.push('.');
            }
        }
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i128, s: u32) -> Decimal {
        Decimal::new(m, s).unwrap()
    }

    #[test]
    fn wan_yuan_is_exact() {
        // 400.45887 万元 = 4004588.7 元
        assert_eq!(d(40045887, 5).shift(4).unwrap().to_string(), "4004588.7");
        assert_eq!(d(23083, 0).shift(4).unwrap().to_string(), "230830000");
        assert_eq!(
            d(24252311082, 6).shift(4).unwrap().to_string(),
            "242523110.82"
        );
    }

    #[test]
    fn prints_like_the_report_writes_numbers() {
        for (m, s, text) in [
            (0, 0, "0"),
            (-5, 0, "-5"),
            (5, 2, "0.05"),
            (-1234, 3, "-1.234"),
            (7000, 0, "7000"),
            (i128::MAX, 0, "170141183460469231731687303715884105727"),
        ] {
            assert_eq!(d(m, s).to_string(), text);
        }
    }

    #[test]
    fn trailing_zeros_are_dropped() {
        assert_eq!(d(623979500, 2).to_string(), "6239795");
        assert_eq!(d(5, 3).to_string(), "0.005");
        assert_eq!(d(-5, 1).to_string(), "-0.5");
    }

    #[test]
    fn arithmetic_and_order() {
        assert_eq!(d(15, 1).checked_add(d(25, 2)).unwrap(), d(175, 2));
        assert!(d(8148, 2) < d(8149, 2));
        assert_eq!(d(100, 2), Decimal::from_int(1));
    }
}
