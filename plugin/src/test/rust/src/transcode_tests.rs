//! Tests of the text conversions the glue pastes into every generated module (src/main/resources/.../transcode.rs).

use super::*;

    /// Reference: the standard library's decoder, with the index of the first lone surrogate.
    fn reference(units: &[u16]) -> Result<String, usize> {
        let mut s = String::new();
        let mut index = 0;
        for r in char::decode_utf16(units.iter().copied()) {
            match r {
                Ok(c) => {
                    s.push(c);
                    index += c.len_utf16();
                }
                Err(_) => return Err(index),
            }
        }
        Ok(s)
    }

    /// Checks both directions on `units` against the standard library, including appending to existing content.
    fn check(units: &[u16]) {
        let expected = reference(units);
        let mut out = String::from("prefix·");
        let got = utf16_to_utf8(units, &mut out);
        // Checked before any message prints `out`, since formatting an invalid String aborts the test run.
        assert!(
            std::str::from_utf8(out.as_bytes()).is_ok(),
            "invalid UTF-8 from units {units:04X?}"
        );
        match &expected {
            Ok(s) => {
                assert_eq!(got, Ok(()), "units {units:04X?}");
                assert_eq!(out, format!("prefix·{s}"), "units {units:04X?}");
                let mut back = vec![0xD800u16];
                utf8_to_utf16(s, &mut back);
                assert_eq!(back[0], 0xD800, "existing content must be kept");
                assert_eq!(&back[1..], units, "round trip of {s:?}");
            }
            Err(i) => assert_eq!(got, Err(*i), "units {units:04X?}"),
        }
    }

    fn check_str(s: &str) {
        let units: Vec<u16> = s.encode_utf16().collect();
        check(&units);
        let mut ours = Vec::new();
        utf8_to_utf16(s, &mut ours);
        assert_eq!(ours, units, "utf8_to_utf16 of {s:?}");
        let mut text = String::new();
        utf16_to_utf8(&ours, &mut text).unwrap();
        assert_eq!(text, s, "round trip of {s:?}");
    }

    #[test]
    fn empty() {
        check(&[]);
        check_str("");
        let mut out = String::from("kept");
        assert_eq!(utf16_to_utf8(&[], &mut out), Ok(()));
        assert_eq!(out, "kept");
    }

    #[test]
    fn ascii_of_every_length_across_chunk_edges() {
        let alphabet: String = (0u8..128).map(char::from).collect();
        for len in 0..=40 {
            for start in 0..(128 - len) {
                check_str(&alphabet[start..start + len]);
            }
        }
    }

    #[test]
    fn every_bmp_non_surrogate_code_point() {
        let all: Vec<u16> = (0..=0xFFFFu16)
            .filter(|u| !(0xD800..=0xDFFF).contains(u))
            .collect();
        // One long run, and every code point alone and embedded in ASCII at each chunk offset.
        check(&all);
        for &u in &all {
            check(&[u]);
        }
        for boundary in [0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF] {
            for pos in 0..=33 {
                let mut v = vec![b'a' as u16; 34];
                v[pos] = boundary;
                check(&v);
            }
        }
    }

    #[test]
    fn surrogate_pairs_at_every_chunk_offset() {
        for (hi, lo) in [(0xD800, 0xDC00), (0xD83D, 0xDE00), (0xDBFF, 0xDFFF)] {
            for len in 2..=40 {
                for pos in 0..len - 1 {
                    let mut v = vec![b'x' as u16; len];
                    v[pos] = hi;
                    v[pos + 1] = lo;
                    check(&v);
                    let mut cjk = vec![0x6F22u16; len];
                    cjk[pos] = hi;
                    cjk[pos + 1] = lo;
                    check(&cjk);
                }
            }
        }
        check_str(&"😀".repeat(40));
        check_str(&"\u{10FFFF}\u{10000}".repeat(17));
    }

    #[test]
    fn lone_high_surrogate_at_end() {
        for len in 1..=40 {
            let mut v = vec![b'a' as u16; len];
            v[len - 1] = 0xD83D;
            assert_eq!(utf16_to_utf8(&v, &mut String::new()), Err(len - 1));
            check(&v);
        }
    }

    #[test]
    fn lone_high_surrogate_followed_by_non_low() {
        for next in [b'a' as u16, 0xE9, 0x6F22, 0xD800, 0xDBFF, 0xE000, 0xFFFF] {
            for pos in 0..=34 {
                let mut v = vec![b'a' as u16; 36];
                v[pos] = 0xD83D;
                v[pos + 1] = next;
                assert_eq!(
                    utf16_to_utf8(&v, &mut String::new()),
                    Err(pos),
                    "next {next:04X} at {pos}"
                );
                check(&v);
            }
        }
    }

    #[test]
    fn lone_low_surrogate_at_start_and_middle() {
        for lo in [0xDC00u16, 0xDE00, 0xDFFF] {
            assert_eq!(utf16_to_utf8(&[lo], &mut String::new()), Err(0));
            assert_eq!(
                utf16_to_utf8(&[lo, b'a' as u16], &mut String::new()),
                Err(0)
            );
            for pos in 1..=34 {
                let mut v = vec![0xE9u16; 36];
                v[pos] = lo;
                assert_eq!(
                    utf16_to_utf8(&v, &mut String::new()),
                    Err(pos),
                    "low {lo:04X} at {pos}"
                );
                check(&v);
                // A low after a complete pair is lone too.
                v[pos - 1] = 0xDC00;
                check(&v);
            }
        }
    }

    #[test]
    fn error_leaves_valid_utf8_prefix() {
        let mut out = String::new();
        let units: Vec<u16> = "ünïcödé 😀 and more"
            .encode_utf16()
            .chain([0xDC00])
            .collect();
        assert_eq!(utf16_to_utf8(&units, &mut out), Err(units.len() - 1));
        // `out` is unspecified on error, but it is a String, so it must still be valid UTF-8.
        assert!(std::str::from_utf8(out.as_bytes()).is_ok());
    }

    #[test]
    fn three_byte_blocks_broken_at_every_position() {
        // 60 CJK characters, one of them replaced by a 1-, 2- or 4-byte character, after 0..=17 ASCII bytes:
        // covers the 16-unit and 48-byte block paths, their rejection at each position, and the per-unit runs.
        for odd in ['a', 'é', '😀', '\u{7FF}', '\u{800}', '\u{FFFF}'] {
            for pos in 0..60 {
                for prefix in 0..=17 {
                    let mut s = "x".repeat(prefix);
                    s.extend((0..60).map(|k| {
                        if k == pos {
                            odd
                        } else {
                            char::from_u32(0x4E00 + k).unwrap()
                        }
                    }));
                    check_str(&s);
                }
            }
        }
    }

    #[test]
    fn benchmark_text_and_scripts() {
        check_str(&"Java with a Rust core, ünïcödé and 😀 included. ".repeat(20));
        check_str(&"漢字かなカナ한글中文日本語조선말".repeat(30));
        check_str(
            "Ελληνικά кириллица עברית العربية हिन्दी ไทย 🦀🎉 \u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}",
        );
    }

    /// Deterministic xorshift64 so failures reproduce without a crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn fuzz_against_std() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let (mut ok, mut err) = (0, 0);
        for _ in 0..10_000 {
            let len = (rng.next() % 80) as usize;
            // Each input leans to one class (ASCII, 2-byte, 3-byte) so that every block path is entered and left;
            // lone surrogates are rare enough that about half the inputs are valid.
            let lean = rng.next() % 3;
            let mut units = Vec::with_capacity(len + 1);
            while units.len() < len {
                let r = rng.next();
                let v = (r >> 16) as u16;
                let class = match (r % 128, lean) {
                    (0..=9, _) => r % 128,
                    (_, 0) if r % 128 >= 54 => 54,
                    (_, 1) if r % 128 >= 54 => 10,
                    (_, 2) if r % 128 >= 54 => 30,
                    (c, _) => c,
                };
                match class {
                    0 => units.push(0xD800 | v & 0x3FF),
                    1 => units.push(0xDC00 | v & 0x3FF),
                    2..=9 => units.extend([0xD800 | v & 0x3FF, 0xDC00 | (v >> 6) & 0x3FF]),
                    10..=29 => units.push(0x80 + v % 0x780),
                    30..=49 => units.push(0x800 + v % 0xD000),
                    50..=53 => units.push(0xE000 | v),
                    _ => units.push(v & 0x7F),
                }
            }
            match reference(&units) {
                Ok(_) => ok += 1,
                Err(_) => err += 1,
            }
            check(&units);
        }
        // Both outcomes must be exercised, or the fuzz proves little.
        assert!(ok > 1000 && err > 1000, "ok {ok}, err {err}");
    }
