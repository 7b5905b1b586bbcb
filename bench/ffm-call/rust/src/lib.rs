//! A trivial function (two longs in, one out) called through FFM each way the ffm template can call it, beside the
//! raw JNI floor. The ffm template's own machinery, from example-ffm/, is compiled in as it is.

#[allow(dead_code, unused_imports, unused_macros)]
#[path = "../../../../example-ffm/rust/src/boundary.rs"]
mod boundary;
#[allow(dead_code)]
#[path = "../../../../example-ffm/rust/src/error.rs"]
mod error;

use std::ffi::c_void;

/// The JNI floor: a bare `extern "system"` function, found by its JNI name.
#[unsafe(no_mangle)]
extern "system" fn Java_bench_FfmCall_addRaw(_env: *mut c_void, _class: *mut c_void, a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// FFM with nothing around the addition.
#[unsafe(no_mangle)]
extern "C" fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// FFM as the ffm template exports a function: `boundary::call` with a status out-parameter.
#[unsafe(no_mangle)]
unsafe extern "C" fn add_status(a: i64, b: i64, status: *mut i32) -> i64 {
    unsafe { boundary::call(status, || Ok(a.wrapping_add(b))) }
}
