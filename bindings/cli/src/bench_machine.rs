//! What the benchmarks print about the machine beside their figures: the load average
//! (the machine may be shared, so a figure means little without it) and the process's
//! processor time.

/// The load averages over 1, 5 and 15 minutes, as `/proc/loadavg` has them ("" where it
/// is missing).
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// User and system processor time of this process, all its threads together, living and
/// ended, in seconds, to the nanosecond (`CLOCK_PROCESS_CPUTIME_ID`). `/proc/self/stat`
/// counts it in USER_HZ ticks (10 ms), which made 50 opens of 0.2 ms each read as 0 or
/// 10 ms.
pub fn process_cpu_s() -> f64 {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn processor_time_counts_less_than_a_tick() {
        // Spins of 300 µs without a system call. Other tests' threads may run meanwhile,
        // so a spin may read more than its own time, but a clock counted in 10 ms ticks
        // reads either nothing or a whole tick for every one of them.
        let advances: Vec<f64> = (0..10)
            .map(|_| {
                let before = process_cpu_s();
                let spin = Instant::now();
                let mut x = 0u64;
                while spin.elapsed() < Duration::from_micros(300) {
                    x = x.wrapping_mul(31).wrapping_add(7);
                }
                assert!(x != 1);
                process_cpu_s() - before
            })
            .collect();
        assert!(
            advances.iter().any(|s| (150e-6..5e-3).contains(s)),
            "{advances:?}"
        );
    }
}
