//! Times the transcoders against the standard library: `cargo run --release --example bench` in plugin/src/test/rust.

use std::hint::black_box;
use std::time::Instant;
use glue_runtime_tests::conversions::{utf8_to_utf16, utf16_to_utf8};

/// Calls per timed batch; large enough that Instant's resolution is irrelevant.
const ITERS: u32 = 5_000;
/// Batches per measurement; the fastest batch is reported because other load on the machine only adds time.
const BATCHES: usize = 41;

/// Nanoseconds per call of `f`: the best batch and the median batch.
fn time(mut f: impl FnMut()) -> (f64, f64) {
    for _ in 0..ITERS {
        f();
    }
    let mut per_call: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..ITERS {
                f();
            }
            t.elapsed().as_nanos() as f64 / ITERS as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    (per_call[0], per_call[BATCHES / 2])
}

fn report(name: &str, text: &str) {
    let units: Vec<u16> = text.encode_utf16().collect();
    // Timing a wrong result would be meaningless, so check both directions against the standard library first.
    let mut check_text = String::new();
    utf16_to_utf8(&units, &mut check_text).unwrap();
    assert_eq!(
        check_text, text,
        "utf16_to_utf8 differs from std on the {name} text"
    );
    let mut check_units = Vec::new();
    utf8_to_utf16(text, &mut check_units);
    assert_eq!(
        check_units, units,
        "utf8_to_utf16 differs from std on the {name} text"
    );
    // Each call builds a fresh buffer, as std's collect does, so allocation is counted on both sides.
    let ours_16_8 = time(|| {
        let mut s = String::new();
        utf16_to_utf8(black_box(&units), &mut s).unwrap();
        black_box(s);
    });
    let ours_8_16 = time(|| {
        let mut v = Vec::new();
        utf8_to_utf16(black_box(text), &mut v);
        black_box(v);
    });
    let std_16_8 = time(|| {
        let s: String = char::decode_utf16(black_box(&units).iter().copied())
            .collect::<Result<_, _>>()
            .unwrap();
        black_box(s);
    });
    let std_8_16 = time(|| {
        let v: Vec<u16> = black_box(text).encode_utf16().collect();
        black_box(v);
    });
    let from_utf16 = time(|| {
        black_box(String::from_utf16(black_box(&units)).unwrap());
    });
    println!(
        "{name}: {} UTF-16 units, {} UTF-8 bytes (ns per call, best / median of {BATCHES} batches of {ITERS})",
        units.len(),
        text.len()
    );
    let row = |dir: &str, ours: (f64, f64), std: (f64, f64)| {
        println!(
            "  {dir:<13} ours {:>8.1} / {:>8.1}   std naive {:>8.1} / {:>8.1}   speed-up {:>5.1}x",
            ours.0,
            ours.1,
            std.0,
            std.1,
            std.0 / ours.0
        );
    };
    row("utf16->utf8", ours_16_8, std_16_8);
    row("utf8->utf16", ours_8_16, std_8_16);
    row(
        "both",
        (ours_16_8.0 + ours_8_16.0, ours_16_8.1 + ours_8_16.1),
        (std_16_8.0 + std_8_16.0, std_16_8.1 + std_8_16.1),
    );
    println!(
        "  (String::from_utf16 for reference: {:.1} / {:.1})",
        from_utf16.0, from_utf16.1
    );
}

fn main() {
    let mixed = "Java with a Rust core, ünïcödé and 😀 included. ".repeat(20);
    let ascii: String = "The quick brown fox jumps over the lazy dog. "
        .chars()
        .cycle()
        .take(940)
        .collect();
    let cjk: String = "漢字かなカナ한글中文日本語조선말"
        .chars()
        .cycle()
        .take(940)
        .collect();
    report("mixed", &mixed);
    report("ascii", &ascii);
    report("cjk", &cjk);
}
