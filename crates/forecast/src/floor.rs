//! The floor under the simulation, for its benchmark: the same normal draws, and nothing else.
//!
//! A simulation of `paths` × `series` × `months` cannot be faster than drawing its
//! `paths × series × (3 × months + 2)` normals with the same generator (xoshiro128+ lanes and
//! the vectorised Box–Muller of `rng`), in the same blocks, on the same threads, built for the
//! same vector unit. `draw_normals_only` does exactly that and sums the draws so the compiler
//! cannot drop them; the benchmark reports the simulation as a multiple of it.

// Index loops over fixed-size lanes are deliberate: they are what the compiler vectorises.
#![allow(clippy::needless_range_loop)]

use rayon::prelude::*;

use crate::rng::{LANES, LaneRng};
use crate::simulate::{CHUNK_MONTHS, Kernel};

/// Draws every normal a simulation of this size draws, the way it draws them; returns their sum.
pub fn draw_normals_only(seed: u64, paths: u64, series: u64, months: usize) -> f64 {
    let blocks = paths.div_ceil(LANES as u64);
    let draw: fn(u64, u64, u64, usize) -> f32 = best_build();
    let sums: Vec<f32> = (0..blocks).into_par_iter().map(|b| draw(seed, b * LANES as u64, series, months)).collect();
    // Summed in block order, so the result does not depend on how rayon split the work.
    sums.into_iter().map(f64::from).sum()
}

/// The build the simulation runs on this CPU ([`Kernel::best`]), for the same draws.
fn best_build() -> fn(u64, u64, u64, usize) -> f32 {
    match Kernel::best() {
        Kernel::Baseline => block,
        // SAFETY: `Kernel::best` checked that the CPU has these features.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => |a, b, c, d| unsafe { block_avx2(a, b, c, d) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => |a, b, c, d| unsafe { block_avx512(a, b, c, d) },
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn block_avx2(seed: u64, first_path: u64, series: u64, months: usize) -> f32 {
    block(seed, first_path, series, months)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2")]
fn block_avx512(seed: u64, first_path: u64, series: u64, months: usize) -> f32 {
    block(seed, first_path, series, months)
}

/// One block of `LANES` paths: per series, the two starting draws, then three per month in
/// chunks of `CHUNK_MONTHS` (the simulation's buffer), folded into a per-lane sum.
#[inline(always)]
fn block(seed: u64, first_path: u64, series: u64, months: usize) -> f32 {
    let mut sum = [0.0f32; LANES];
    let mut zb = [[0.0f32; LANES]; 3 * CHUNK_MONTHS];
    for s in 0..series {
        let mut rng = LaneRng::new(seed, first_path, s);
        rng.fill_normals(&mut zb[..2]);
        let mut t = 0;
        while t < months {
            let len = CHUNK_MONTHS.min(months - t);
            let n = (3 * len).next_multiple_of(2);
            rng.fill_normals(&mut zb[..n]);
            for z in &zb[..n] {
                for l in 0..LANES {
                    sum[l] += z[l];
                }
            }
            t += len;
        }
    }
    sum.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_draws_standard_normals_and_depends_only_on_the_seed() {
        // 1,000 paths × 2 series × (3 × 12 + 2) = 76,000 draws (rounded up to whole blocks):
        // their sum has sd ≈ 276, so |sum| < 5 sd; the same seed gives the same sum.
        let a = draw_normals_only(3, 1_000, 2, 12);
        assert!(a.abs() < 5.0 * (1_008.0f64 * 2.0 * 38.0).sqrt(), "sum {a}");
        assert_eq!(a.to_bits(), draw_normals_only(3, 1_000, 2, 12).to_bits());
        assert_ne!(a, draw_normals_only(4, 1_000, 2, 12));
    }
}
