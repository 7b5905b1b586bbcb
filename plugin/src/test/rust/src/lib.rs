//! The glue's fixed parts, as the plugin pastes them into each generated module, with their tests.
#![allow(dead_code)]

include!("../../../main/resources/io/github/rustyjava/maven/glue/common.rs");
include!("../../../main/resources/io/github/rustyjava/maven/glue/transcode.rs");

#[cfg(test)]
mod transcode_tests;

#[cfg(test)]
mod common_tests {
    use super::*;

    #[test]
    fn strings_cross_as_one_text_and_their_ends() {
        let strings = ["", "a,b", "😀", "ünï", ""];
        let mut packed = Vec::new();
        text_list_to_utf16(&strings, &mut packed);
        // Java reads the count and each end as two units, high half first.
        assert_eq!(&packed[..2], &[0, 5]);
        let ends: Vec<i32> = (0..5).map(|i| (i32::from(packed[2 + 2 * i]) << 16) | i32::from(packed[3 + 2 * i])).collect();
        assert_eq!(ends, [0, 3, 5, 8, 8]);
        let list = TextList::decode(&packed[12..], &ends, "fields").ok().unwrap();
        assert_eq!(list.strs(), strings);
    }

    #[test]
    fn a_lone_surrogate_names_the_parameter_the_element_and_the_index() {
        let units: Vec<u16> = "ok".encode_utf16().chain([0x61, 0xD800, 0x62]).collect();
        let Err(Failure::Thrown(exception)) = TextList::decode(&units, &[2, 5], "fields") else {
            panic!("a lone surrogate passed");
        };
        assert_eq!(exception.class(), "java.lang.IllegalArgumentException");
        assert!(exception.message().starts_with("fields[1]: the unit at index 1 (U+D800) is a lone surrogate"), "{}", exception.message());
        let Err(Failure::Thrown(single)) = text_from_utf16(&[0xDC00], "text") else {
            panic!("a lone low surrogate passed");
        };
        assert!(single.message().starts_with("text: the unit at index 0 (U+DC00)"), "{}", single.message());
    }

    #[test]
    fn errors_and_panics_become_failures_and_the_panic_prints_nothing() {
        install_panic_hook();
        let thrown = run(|| -> Result<i32, Exception> { Err(Exception::illegal_state("closed")) });
        assert!(matches!(thrown, Err(Failure::Thrown(ref e)) if e.class() == "java.lang.IllegalStateException"));
        let panicked = run(|| -> i32 { panic!("inside") });
        let Err(Failure::Panicked(message)) = panicked else {
            panic!("the panic was not caught");
        };
        assert!(message.starts_with("Rust panic at src/lib.rs:"), "{message}");
        assert!(message.ends_with(": inside"), "{message}");
        assert_eq!(run(|| 7).ok(), Some(7));
    }
}

/// The text conversions, public for examples/bench.rs, which times them against the standard library.
pub mod conversions {
    /// See transcode.rs.
    pub fn utf16_to_utf8(units: &[u16], out: &mut String) -> Result<(), usize> {
        super::utf16_to_utf8(units, out)
    }

    /// See transcode.rs.
    pub fn utf8_to_utf16(text: &str, out: &mut Vec<u16>) {
        super::utf8_to_utf16(text, out)
    }
}
