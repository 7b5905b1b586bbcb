// ---- Text between Java's UTF-16 and Rust's UTF-8. ----

/// Appends the UTF-16 text to `out` as UTF-8; Err(index) names the unit that is the first lone surrogate.
fn utf16_to_utf8(units: &[u16], out: &mut String) -> Result<(), usize> {
    out.reserve(units.len());
    // Counted in units, not characters: a surrogate pair before the lone one is two units.
    let mut index = 0;
    for unit in char::decode_utf16(units.iter().copied()) {
        match unit {
            Ok(c) => {
                out.push(c);
                index += c.len_utf16();
            }
            Err(_) => return Err(index),
        }
    }
    Ok(())
}

/// Appends the UTF-8 text to `out` as UTF-16 units.
fn utf8_to_utf16(text: &str, out: &mut Vec<u16>) {
    out.extend(text.encode_utf16());
}
