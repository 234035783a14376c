//! Per-stage timings and counts of one comparison: what `declcmp --stats` prints. Filled
//! by [`crate::compare_with_stats`]; the binary adds the stages it runs itself (reading,
//! rendering).

use std::fmt;
use std::time::{Duration, Instant};

/// Timings and counts of one comparison.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Stages in the order they ran, with their wall time.
    pub stages: Vec<(&'static str, Duration)>,
    /// Clauses of A.
    pub clauses_a: usize,
    /// Clauses of B.
    pub clauses_b: usize,
    /// Pairs found identical by the fast path (no scoring).
    pub identical: usize,
    /// `dense` (every clause pair scored) or `sparse` (candidates and a sample).
    pub path: &'static str,
    /// Clause pairs proposed by the word index (sparse path).
    pub candidates: usize,
    /// Clause pairs scored for the background only (sparse path).
    pub sampled: usize,
    /// Clause pairs scored in all.
    pub scored: usize,
    /// Whether pairs below the absolute cut-off had to keep the order of the identical
    /// clauses around them (long documents).
    pub order_gate: bool,
    /// Aligned groups (pairs, splits, merges).
    pub pairs: usize,
    /// The process's peak resident memory when each stage ended, in KiB (as `stages`;
    /// `None` where the system does not say: only Linux's `/proc/self/status` is read).
    pub peaks: Vec<Option<u64>>,
    /// Between two different texts, every candidate pair `(a, b)` with its signals, when
    /// asked for (`AlignOptions::keep_signals`; for fitting the decision).
    #[doc(hidden)]
    pub signals: Vec<(usize, usize, Vec<f64>)>,
}

/// The process's peak resident set size so far (`VmHWM`), in KiB, where Linux tells it.
pub fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Stats {
    /// Runs `stage`, adding its wall time under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce(&mut Stats) -> T) -> T {
        let started = Instant::now();
        let value = stage(self);
        self.push_stage(name, started.elapsed());
        value
    }

    /// Adds a stage timed elsewhere (that has just ended).
    pub fn push_stage(&mut self, name: &'static str, took: Duration) {
        self.stages.push((name, took));
        self.peaks.push(peak_kib());
    }

    /// Puts a stage that ran before the others first, with the peak memory ([`peak_kib`])
    /// taken when it ended.
    pub fn prepend_stage(&mut self, name: &'static str, took: Duration, peak: Option<u64>) {
        self.stages.insert(0, (name, took));
        self.peaks.insert(0, peak);
    }

    /// Wall time of all stages.
    pub fn total(&self) -> Duration {
        self.stages.iter().map(|&(_, d)| d).sum()
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "declcmp stats: {} × {} clauses, {} path{}",
            self.clauses_a,
            self.clauses_b,
            if self.path.is_empty() {
                "no"
            } else {
                self.path
            },
            if self.order_gate { ", order gate" } else { "" }
        )?;
        for (k, (name, took)) in self.stages.iter().enumerate() {
            write!(f, "  {name:<12} {:>10.1} ms", took.as_secs_f64() * 1e3)?;
            match self.peaks.get(k).copied().flatten() {
                Some(kib) => writeln!(f, "   peak {:>6.1} MB", kib as f64 / 1024.0)?,
                None => writeln!(f)?,
            }
        }
        writeln!(
            f,
            "  {:<12} {:>10.1} ms",
            "total",
            self.total().as_secs_f64() * 1e3
        )?;
        write!(
            f,
            "  identical {}, candidates {}, sampled {}, scored {}, pairs {}",
            self.identical, self.candidates, self.sampled, self.scored, self.pairs
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_print_one_line_each() {
        let mut stats = Stats::default();
        let x = stats.time("tokenize", |_| 42);
        stats.push_stage("read", Duration::from_millis(3));
        assert_eq!(x, 42);
        assert!(stats.total() >= Duration::from_millis(3));
        let text = stats.to_string();
        assert!(text.contains("tokenize") && text.contains("read") && text.contains("total"));
        assert_eq!(text.lines().count(), 1 + 2 + 1 + 1);
    }
}
