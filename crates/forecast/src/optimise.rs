//! A small Nelder–Mead minimiser: up to four parameters (log-variances, damping) need no gradients, and restarts guard against stalls.
// Index loops over simplex coordinates read more plainly than zipped iterators here.
#![allow(clippy::needless_range_loop)]

/// Minimises `f` from `start` with an initial simplex of edge `step`; returns the best point and value.
pub(crate) fn nelder_mead<const N: usize>(
    f: &mut impl FnMut(&[f64; N]) -> f64,
    start: [f64; N],
    step: f64,
    max_evals: usize,
    ftol: f64,
    xtol: f64,
) -> ([f64; N], f64) {
    // One vertex more than the dimension; fixed-size arrays keep this allocation-free.
    let mut pts = [[0.0; N]; 5];
    debug_assert!(N < 5);
    let mut vals = [0.0; 5];
    for (i, p) in pts.iter_mut().enumerate().take(N + 1) {
        *p = start;
        if i > 0 {
            p[i - 1] += step;
        }
    }
    for i in 0..=N {
        vals[i] = f(&pts[i]);
    }
    let mut evals = N + 1;
    while evals < max_evals {
        // Order vertices best to worst (insertion sort: at most five).
        for i in 1..=N {
            let mut j = i;
            while j > 0 && vals[j] < vals[j - 1] {
                vals.swap(j, j - 1);
                pts.swap(j, j - 1);
                j -= 1;
            }
        }
        let (best, worst) = (vals[0], vals[N]);
        let size =
            (1..=N).map(|i| (0..N).map(|k| (pts[i][k] - pts[0][k]).abs()).fold(0.0, f64::max)).fold(0.0, f64::max);
        if (worst - best).abs() <= ftol * (1.0 + best.abs()) && size < xtol {
            break;
        }
        let mut centroid = [0.0; N];
        for p in pts.iter().take(N) {
            for k in 0..N {
                centroid[k] += p[k] / N as f64;
            }
        }
        let along = |t: f64| {
            let mut q = [0.0; N];
            for k in 0..N {
                q[k] = centroid[k] + t * (pts[N][k] - centroid[k]);
            }
            q
        };
        let reflected = along(-1.0);
        let fr = f(&reflected);
        evals += 1;
        if fr < vals[0] {
            let expanded = along(-2.0);
            let fe = f(&expanded);
            evals += 1;
            if fe < fr {
                (pts[N], vals[N]) = (expanded, fe);
            } else {
                (pts[N], vals[N]) = (reflected, fr);
            }
        } else if fr < vals[N - 1] {
            (pts[N], vals[N]) = (reflected, fr);
        } else {
            let (contracted, fc) = if fr < vals[N] {
                let c = along(-0.5);
                let v = f(&c);
                (c, v)
            } else {
                let c = along(0.5);
                let v = f(&c);
                (c, v)
            };
            evals += 1;
            if fc < vals[N].min(fr) {
                (pts[N], vals[N]) = (contracted, fc);
            } else {
                // Shrink towards the best vertex.
                for i in 1..=N {
                    for k in 0..N {
                        pts[i][k] = pts[0][k] + 0.5 * (pts[i][k] - pts[0][k]);
                    }
                    vals[i] = f(&pts[i]);
                }
                evals += N;
            }
        }
    }
    let mut b = 0;
    for i in 1..=N {
        if vals[i] < vals[b] {
            b = i;
        }
    }
    (pts[b], vals[b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nelder_mead_finds_the_minimum_of_a_skewed_quadratic() {
        let mut f = |x: &[f64; 3]| (x[0] - 1.0).powi(2) + 10.0 * (x[1] + 2.0).powi(2) + (x[2] - x[0]).powi(2);
        let (x, v) = nelder_mead(&mut f, [0.0; 3], 1.0, 5000, 1e-14, 1e-6);
        assert!(v < 1e-10, "{v}");
        assert!((x[0] - 1.0).abs() < 1e-4 && (x[1] + 2.0).abs() < 1e-4 && (x[2] - 1.0).abs() < 1e-4);
    }
}
