//! The policy core's speed: one PIN check with every rule (target: at most 1 µs median)
//! and one gate decision.
//!
//! `cargo bench -p avain-core --bench policy`

#![allow(missing_docs)] // criterion's macros generate undocumented items

use std::hint::black_box;

use avain_core::os_policy::{OsPolicy, Platform, Version};
use avain_core::pin::{Pin, PinContext, check_pin, preload};
use criterion::{Criterion, criterion_group, criterion_main};
use time::macros::date;

fn pin_check(c: &mut Criterion) {
    preload();
    let current = Pin::new("50718263".to_owned());
    // Every rule runs: birth date known, current PIN known.
    let context = PinContext {
        birth_date: Some(date!(1987 - 06 - 23)),
        current: Some(&current),
    };
    let mut group = c.benchmark_group("pin_check");
    // An accepted PIN runs every rule to the end; the refused ones hit early matches.
    for (name, text) in [
        ("accepted_6", "748193"),
        ("accepted_8", "50718264"),
        ("refused_4", "1234"),
        ("birth_date_8", "23061987"),
    ] {
        let pin = Pin::new(text.to_owned());
        group.bench_function(name, |b| {
            b.iter(|| check_pin(black_box(&pin), black_box(&context)))
        });
    }
    group.finish();
}

fn gate(c: &mut Criterion) {
    let policy = OsPolicy::builtin();
    let today = date!(2025 - 06 - 01);
    let mut group = c.benchmark_group("gate");
    group.bench_function("evaluate", |b| {
        let os = Version::new(13, 4);
        b.iter(|| {
            policy.evaluate(
                black_box(Platform::Ios),
                black_box(os),
                black_box(None),
                black_box(today),
            )
        })
    });
    group.bench_function("parse_and_evaluate", |b| {
        b.iter(|| {
            policy.gate(
                black_box("android"),
                black_box("14.0.1"),
                black_box(Some("5.2.0")),
                black_box(today),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, pin_check, gate);
criterion_main!(benches);
