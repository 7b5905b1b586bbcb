//! A trivial native method (two longs in, one out) bound each way the template can bind it, beside the floor.
//! The template's own machinery, from example/, is compiled in as it is.

#[allow(dead_code)]
#[path = "../../../../example/rust/src/boundary.rs"]
mod boundary;
#[allow(dead_code)]
#[path = "../../../../example/rust/src/error.rs"]
mod error;
#[path = "../../../../example/rust/src/register.rs"]
mod register;

use std::ffi::c_void;
use std::panic::{self, AssertUnwindSafe};

use jni::objects::JClass;
use jni::sys::jlong;
use jni::{Env, EnvUnowned, NativeMethod, jni_str, native_method};

const CLASS: &str = "bench.NativeCall";

const BINDINGS: &[NativeMethod] = &[
    // Safety: add_raw is an extern "system" function of the signature (JJ)J, static.
    unsafe { NativeMethod::from_raw_parts(jni_str!("addRaw"), jni_str!("(JJ)J"), add_raw as *mut c_void) },
    native_method! { static raw fn add_call(a: jlong, b: jlong) -> jlong, fn = add_call },
    native_method! { static raw fn add_call_env(a: jlong, b: jlong) -> jlong, fn = add_call_env },
    native_method! { static fn add_native_method(a: jlong, b: jlong) -> jlong, fn = add_native_method },
    native_method! { static raw fn add_catch_unwind(a: jlong, b: jlong) -> jlong, fn = add_catch_unwind },
    native_method! { static raw fn add_guard(a: jlong, b: jlong) -> jlong, fn = add_guard },
];

/// The floor: a bare `extern "system"` function, nothing between the JVM and the addition.
extern "system" fn add_raw(_env: *mut jni::sys::JNIEnv, _class: jni::sys::jclass, a: jlong, b: jlong) -> jlong {
    a.wrapping_add(b)
}

/// The template's pattern for a function that needs no `Env`: `boundary::call`.
fn add_call<'local>(env: EnvUnowned<'local>, _: JClass<'local>, a: jlong, b: jlong) -> jlong {
    boundary::call(env, || Ok(a.wrapping_add(b)))
}

/// The template's pattern for a function that needs the `Env`: `boundary::call_env`, one guard.
fn add_call_env<'local>(env: EnvUnowned<'local>, _: JClass<'local>, a: jlong, b: jlong) -> jlong {
    boundary::call_env(env, |_env| Ok(a.wrapping_add(b)))
}

/// jni's default `native_method!` (not raw): `with_env` and `resolve`, two guards, as the template had.
fn add_native_method<'local>(_env: &mut Env<'local>, _: JClass<'local>, a: jlong, b: jlong) -> jni::errors::Result<jlong> {
    Ok(a.wrapping_add(b))
}

/// A layer: `catch_unwind` alone, without the flag that keeps the panic hook quiet.
fn add_catch_unwind<'local>(_env: EnvUnowned<'local>, _: JClass<'local>, a: jlong, b: jlong) -> jlong {
    panic::catch_unwind(AssertUnwindSafe(|| a.wrapping_add(b))).unwrap_or_default()
}

/// A layer: one `AttachGuard`, as `with_env` builds.
fn add_guard<'local>(env: EnvUnowned<'local>, _: JClass<'local>, a: jlong, b: jlong) -> jlong {
    // Safety: the pointer is this native call's own JNIEnv.
    let _guard = unsafe { jni::AttachGuard::from_unowned(env.as_raw()) };
    a.wrapping_add(b)
}
