
// ---- Every shape a declaration can take (glue-checks). ----

pub fn flip(value: bool) -> bool {
    !value
}

pub fn next_byte(value: i8) -> i8 {
    value.wrapping_add(1)
}

pub fn negate_short(value: i16) -> i16 {
    value.wrapping_neg()
}

pub fn upper_char(value: u16) -> u16 {
    if (u16::from(b'a')..=u16::from(b'z')).contains(&value) { value - 32 } else { value }
}

pub fn twice(value: i32) -> i32 {
    value.wrapping_mul(2)
}

pub fn square(value: i64) -> i64 {
    value.wrapping_mul(value)
}

pub fn half(value: f32) -> f32 {
    value / 2.0
}

pub fn hypot(a: f64, b: f64) -> f64 {
    a.hypot(b)
}

#[allow(clippy::too_many_arguments)]
pub fn mix(z: bool, b: i8, s: i16, c: u16, i: i32, l: i64, f: f32, d: f64) -> f64 {
    f64::from(u8::from(z))
        + 2.0 * f64::from(b)
        + 3.0 * f64::from(s)
        + 5.0 * f64::from(c)
        + 7.0 * f64::from(i)
        + 11.0 * l as f64
        + 13.0 * f64::from(f)
        + 17.0 * d
}

pub fn greet(name: &str) -> String {
    format!("Hello, {name}!")
}

pub fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

pub fn greeting() -> &'static str {
    "Hello"
}

pub fn upper_all(words: &[&str]) -> Vec<String> {
    words.iter().map(|word| word.to_uppercase()).collect()
}

pub fn split_words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

pub fn total_length(words: &[&str]) -> i64 {
    words.iter().map(|word| word.chars().count() as i64).sum()
}

pub fn reverse_bytes(data: &[u8]) -> Vec<u8> {
    data.iter().rev().copied().collect()
}

// A &[T] borrowed from an array argument does not compile with jni (the pinned array is released first), so
// these return slices of statics.
pub fn magic() -> &'static [u8] {
    b"\x7fELF"
}

pub fn prefix_sums(values: &[i32]) -> Vec<i32> {
    let mut sum = 0i32;
    values.iter().map(|&value| {
        sum = sum.wrapping_add(value);
        sum
    }).collect()
}

pub fn header(data: &[u8], length: i32) -> &[u8] {
    &data[..data.len().min(length.max(0) as usize)]
}

pub fn ascii_prefix(data: &[u8]) -> &str {
    let end = data.iter().position(|byte| !byte.is_ascii()).unwrap_or(data.len());
    std::str::from_utf8(&data[..end]).unwrap_or_default()
}

pub fn min_max(values: &[i32]) -> [i32; 2] {
    [values.iter().copied().min().unwrap_or(0), values.iter().copied().max().unwrap_or(0)]
}

static POWERS_OF_TWO: [i64; 63] = {
    let mut powers = [1i64; 63];
    let mut i = 1;
    while i < 63 {
        powers[i] = powers[i - 1] * 2;
        i += 1;
    }
    powers
};

pub fn powers_of_two(count: i32) -> &'static [i64] {
    &POWERS_OF_TWO[..count.clamp(0, 63) as usize]
}

pub fn squares(values: &[i64]) -> Vec<i64> {
    values.iter().map(|&value| value.wrapping_mul(value)).collect()
}

pub fn scale(values: &[f64], factor: f64) -> Vec<f64> {
    values.iter().map(|value| value * factor).collect()
}

pub fn stats(values: &[f64]) -> [f64; 3] {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    [min, max, values.iter().sum::<f64>() / values.len() as f64]
}

pub fn rot13(buffer: &mut [u8]) -> i32 {
    let mut changed = 0;
    for byte in buffer.iter_mut() {
        let base = match *byte {
            b'a'..=b'z' => b'a',
            b'A'..=b'Z' => b'A',
            _ => continue,
        };
        *byte = (*byte - base + 13) % 26 + base;
        changed += 1;
    }
    changed
}

/// A text that is no percentage: Java receives it as ShapeException.
#[derive(Debug)]
pub struct PercentError(String);

impl From<PercentError> for Exception {
    fn from(error: PercentError) -> Exception {
        Exception::new("PACKAGE.ShapeException", error.0)
    }
}

pub fn parse_percent(text: &str) -> Result<i32, PercentError> {
    match text.strip_suffix('%').map(str::parse::<i32>) {
        Some(Ok(value)) if (0..=100).contains(&value) => Ok(value),
        _ => Err(PercentError(format!("'{text}' is not a percentage from 0% to 100%"))),
    }
}

pub fn checked_sum(values: &[i64]) -> Result<i64, Exception> {
    values.iter().try_fold(0i64, |sum, &value| sum.checked_add(value)).ok_or_else(|| Exception::arithmetic("long overflow"))
}

pub fn require_non_negative(value: i32) -> Result<(), Exception> {
    if value < 0 {
        return Err(Exception::illegal_argument(format!("{value} is negative")));
    }
    Ok(())
}

pub fn sqrt_all(values: &[f64]) -> Result<Vec<f64>, Exception> {
    values
        .iter()
        .map(|&value| if value < 0.0 { Err(Exception::illegal_argument(format!("sqrt of {value}"))) } else { Ok(value.sqrt()) })
        .collect()
}

/// A running total that Tally.java owns.
pub struct Tally {
    total: i64,
}

pub fn tally_new(start: i64) -> Result<Tally, PercentError> {
    if start < 0 {
        return Err(PercentError(format!("a tally cannot start at {start}")));
    }
    Ok(Tally { total: start })
}

pub fn tally_add(tally: &mut Tally, amount: i64) {
    tally.total += amount;
}

pub fn tally_total(tally: &Tally) -> i64 {
    tally.total
}

pub fn tally_merge(into: &mut Tally, from: &Tally) {
    into.total += from.total;
}

#[allow(clippy::too_many_arguments)]
pub fn weave(text: &str, data: &[u8], words: &[&str], buffer: &mut [u8], tally: &mut Tally, ints: &[i32], scale: f64) -> i64 {
    buffer.fill(b'w');
    tally.total += 1;
    let sum = text.chars().count() + data.len() + words.len() + buffer.len() + ints.len();
    (sum as f64 * scale) as i64 + ints.iter().map(|&i| i64::from(i)).sum::<i64>()
}

pub fn r#move(r#fn: i32, r#ref: i32) -> i32 {
    r#fn * 10 + r#ref
}

pub fn parse_http_version(line: &str) -> String {
    line.rsplit(' ').next().unwrap_or("").to_owned()
}

pub fn copy_into(target: &mut [u8], source: &mut [u8]) -> i32 {
    let n = target.len().min(source.len());
    target[..n].copy_from_slice(&source[..n]);
    n as i32
}
