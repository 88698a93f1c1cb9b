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
/// ended, in seconds: fields 14 and 15 of `/proc/self/stat`, in USER_HZ ticks (100 per
/// second on Linux, fixed by its ABI), so only sums over many runs are meaningful. `0.0`
/// where `/proc` is missing.
pub fn process_cpu_s() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    let Some(end) = stat.rfind(')') else {
        return 0.0;
    };
    let mut fields = stat[end + 1..].split_whitespace().skip(11);
    let mut tick = || {
        fields
            .next()
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let (user, system) = (tick(), tick());
    (user + system) as f64 / 100.0
}
