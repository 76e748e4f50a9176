//! Seeded random streams and a fast normal sampler, laid out lane-by-lane so the compiler vectorises them.
//!
//! Every (path, series) pair gets its own xoshiro128+ stream, keyed by SplitMix64 from
//! (seed, path, series). Results therefore depend only on the seed — never on how rayon
//! splits the work, and never on which other series a scenario happens to reference.
// Index loops over fixed-size lanes are deliberate: they are what the compiler vectorises.
#![allow(clippy::needless_range_loop)]

/// Paths simulated side by side in one SIMD-friendly block.
pub(crate) const LANES: usize = 16;

#[inline(always)]
fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 128-bit starting state of the stream for one (path, series) pair.
pub(crate) fn stream_state(seed: u64, path: u64, series: u64) -> [u32; 4] {
    let mut x = seed;
    let mut y = splitmix(&mut x) ^ path.wrapping_mul(0xD1B5_4A32_D192_ED03);
    let mut z = splitmix(&mut y) ^ series.wrapping_mul(0xABC9_8388_FB8F_AC03);
    let (a, b) = (splitmix(&mut z), splitmix(&mut z));
    let s = [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32];
    // xoshiro's one forbidden state; astronomically unlikely, but never panic or loop on it.
    if s == [0; 4] { [1, 0, 0, 0] } else { s }
}

/// `LANES` independent xoshiro128+ generators, stored structure-of-arrays.
pub(crate) struct LaneRng {
    s: [[u32; LANES]; 4],
}

impl LaneRng {
    /// Streams for paths `first_path..first_path + LANES` of one series.
    #[inline(always)]
    pub(crate) fn new(seed: u64, first_path: u64, series: u64) -> Self {
        let mut s = [[0u32; LANES]; 4];
        for l in 0..LANES {
            let st = stream_state(seed, first_path + l as u64, series);
            for k in 0..4 {
                s[k][l] = st[k];
            }
        }
        LaneRng { s }
    }

    #[inline(always)]
    pub(crate) fn next(&mut self) -> [u32; LANES] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut out = [0u32; LANES];
        for l in 0..LANES {
            // xoshiro128+: only the low bits are weak, and the sampler uses the top 24 of each word.
            out[l] = s0[l].wrapping_add(s3[l]);
            let t = s1[l] << 9;
            s2[l] ^= s0[l];
            s3[l] ^= s1[l];
            s1[l] ^= s2[l];
            s0[l] ^= s3[l];
            s2[l] ^= t;
            s3[l] = s3[l].rotate_left(11);
        }
        out
    }

    /// Fills `out` (even length) with standard normals, lane by lane.
    #[inline(always)]
    pub(crate) fn fill_normals(&mut self, out: &mut [[f32; LANES]]) {
        for pair in out.chunks_exact_mut(2) {
            let r1 = self.next();
            let r2 = self.next();
            let (a, b) = pair.split_at_mut(1);
            for l in 0..LANES {
                let (x, y) = box_muller(r1[l], r2[l]);
                a[0][l] = x;
                b[0][l] = y;
            }
        }
    }
}

/// Natural log for u in (0, 1], branch-free (f32, ~1e-7 relative): exponent plus an atanh series.
/// (Measured faster here than a division-free minimax polynomial: shorter dependency chain.)
#[inline(always)]
fn ln_unit(u: f32) -> f32 {
    let bits = u.to_bits() as i32;
    let e = ((bits >> 23) & 0xff) - 127;
    let m = f32::from_bits(((bits & 0x007f_ffff) | 0x3f80_0000) as u32); // [1, 2)
    let big = m > std::f32::consts::SQRT_2;
    let m = if big { m * 0.5 } else { m };
    let e = if big { e + 1 } else { e };
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    // |s| < 0.172, so the next term (2 s^9 / 9) is below 3e-8: under one f32 ulp of the result.
    let series = 1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0)));
    e as f32 * std::f32::consts::LN_2 + 2.0 * s * series
}

/// Box–Muller with polynomial log and sin/cos, so it vectorises; two independent N(0, 1) from two words.
///
/// The radius uses 23 bits (u in (0, 1], tails reach 5.65 sd); the angle takes its quadrant from the
/// top two bits and an offset in [-π/4, π/4) from the next 23, where short Taylor polynomials are
/// exact to f32. Uniforms are built by filling a float's mantissa (no integer-to-float conversion).
#[inline(always)]
pub(crate) fn box_muller(r1: u32, r2: u32) -> (f32, f32) {
    let u = 2.0 - f32::from_bits(0x3f80_0000 | (r1 >> 9));
    let radius = (-2.0 * ln_unit(u)).sqrt();
    let q = r2 >> 30;
    let x = f32::from_bits(0x3f80_0000 | ((r2 >> 7) & 0x007f_ffff)) - 1.5;
    let t = x * std::f32::consts::FRAC_PI_2;
    let t2 = t * t;
    let s = t * (1.0 + t2 * (-1.0 / 6.0 + t2 * (1.0 / 120.0 + t2 * (-1.0 / 5040.0))));
    let c = 1.0 + t2 * (-0.5 + t2 * (1.0 / 24.0 + t2 * (-1.0 / 720.0 + t2 * (1.0 / 40320.0))));
    // Rotate (cos t, sin t) by q quarter turns: swap on odd q, then flip signs.
    let odd = q & 1 == 1;
    let (a, b) = if odd { (s, c) } else { (c, s) };
    let a = f32::from_bits(a.to_bits() ^ (((q ^ (q >> 1)) & 1) << 31));
    let b = f32::from_bits(b.to_bits() ^ ((q >> 1) << 31));
    (radius * a, radius * b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Standard normal CDF via a high-accuracy erfc (W. J. Cody style rational fit is overkill here;
    /// Numerical Recipes' erfcc has |error| < 1.2e-7, far below the KS tolerance used).
    fn phi(x: f64) -> f64 {
        let z = x.abs() / std::f64::consts::SQRT_2;
        let t = 1.0 / (1.0 + 0.5 * z);
        let r = t
            * (-z * z - 1.26551223
                + t * (1.00002368
                    + t * (0.37409196
                        + t * (0.09678418
                            + t * (-0.18628806
                                + t * (0.27886807
                                    + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
                .exp();
        if x >= 0.0 { 1.0 - 0.5 * r } else { 0.5 * r }
    }

    fn sample(n: usize) -> Vec<f64> {
        let mut rng = LaneRng::new(42, 0, 0);
        let mut buf = vec![[0f32; LANES]; 1024];
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            rng.fill_normals(&mut buf);
            out.extend(buf.iter().flat_map(|r| r.iter().map(|&x| f64::from(x))));
        }
        out.truncate(n);
        out
    }

    #[test]
    fn sampler_passes_a_kolmogorov_smirnov_test_against_the_normal() {
        let mut xs = sample(1 << 20);
        xs.sort_by(f64::total_cmp);
        let n = xs.len() as f64;
        let d = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = phi(x);
                (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
            })
            .fold(0.0, f64::max);
        // 1.95/sqrt(n) is the 0.1% critical value.
        assert!(d < 1.95 / n.sqrt(), "KS distance {d}");
    }

    #[test]
    fn sampler_moments_and_tails_match_the_normal() {
        let xs = sample(1 << 22);
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        let kurt = xs.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / n / (var * var);
        let beyond3 = xs.iter().filter(|x| x.abs() > 3.0).count() as f64 / n;
        assert!(mean.abs() < 0.003, "mean {mean}");
        assert!((var - 1.0).abs() < 0.003, "variance {var}");
        assert!((kurt - 3.0).abs() < 0.02, "kurtosis {kurt}");
        // P(|Z| > 3) = 0.0026998; binomial sd here is about 2.5e-5.
        assert!((beyond3 - 0.0026998).abs() < 1.5e-4, "tail {beyond3}");
    }

    #[test]
    fn consecutive_normals_are_uncorrelated() {
        let xs = sample(1 << 20);
        let n = (xs.len() - 1) as f64;
        let r = xs.windows(2).map(|w| w[0] * w[1]).sum::<f64>() / n;
        assert!(r.abs() < 0.005, "lag-1 correlation {r}");
    }

    #[test]
    fn polynomial_log_is_accurate_over_the_unit_interval() {
        for k in 1..=100_000u32 {
            let u = k as f32 / 100_000.0;
            let err = (f64::from(ln_unit(u)) - f64::from(u).ln()).abs();
            assert!(err < 2e-7 * (1.0 + f64::from(u).ln().abs()), "u = {u}: error {err}");
        }
    }

    #[test]
    fn streams_differ_by_path_and_by_series() {
        let a = stream_state(7, 0, 0);
        assert_ne!(a, stream_state(7, 1, 0));
        assert_ne!(a, stream_state(7, 0, 1));
        assert_ne!(a, stream_state(8, 0, 0));
        assert_eq!(a, stream_state(7, 0, 0));
    }
}
