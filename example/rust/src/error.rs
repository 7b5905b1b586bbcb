//! This crate's errors, and the Java exception each becomes: add a variant and its arm for yours.

use crate::Exception;

/// A failure of one of the functions; Java receives it as the exception `From` below names.
#[derive(Debug)]
pub enum Error {
    /// A result outside its type's range, such as a `long` sum: `ArithmeticException`, as `Math.addExact` throws.
    Overflow(&'static str),
}

impl From<Error> for Exception {
    fn from(error: Error) -> Exception {
        match error {
            Error::Overflow(type_name) => Exception::arithmetic(format!("{type_name} overflow")),
        }
    }
}
