//! A trivial native method (two longs in, one out) bound two ways, to price the template's call path.

// The template's lib.rs: its imports, Error and ThrowJavaException.
include!(concat!(env!("OUT_DIR"), "/template.rs"));

/// The template's pattern: `#[jni_mangle]`, `EnvUnowned::with_env`, `resolve::<ThrowJavaException>`.
#[jni_mangle("bench.NativeCall", "addPattern")]
pub fn java_add_pattern<'local>(
    mut unowned_env: EnvUnowned<'local>,
    _class: JClass<'local>,
    a: jlong,
    b: jlong,
) -> jlong {
    unowned_env
        .with_env(|_env| -> Result<_, Error> { Ok(a.wrapping_add(b)) })
        .resolve::<ThrowJavaException>()
}

/// The floor: a bare `extern "system"` function with the same signature.
#[unsafe(no_mangle)]
pub extern "system" fn Java_bench_NativeCall_addRaw(
    _env: *mut jni::sys::JNIEnv,
    _class: jni::sys::jclass,
    a: jlong,
    b: jlong,
) -> jlong {
    a.wrapping_add(b)
}

// Where the pattern's time goes, one layer at a time.

/// `#[jni_mangle]` and jni-rs argument types, nothing else.
#[jni_mangle("bench.NativeCall", "addMangled")]
pub fn java_add_mangled<'local>(
    _unowned_env: EnvUnowned<'local>,
    _class: JClass<'local>,
    a: jlong,
    b: jlong,
) -> jlong {
    a.wrapping_add(b)
}

/// One `AttachGuard`, as `with_env` and `resolve` each create.
#[jni_mangle("bench.NativeCall", "addGuard")]
pub fn java_add_guard<'local>(
    unowned_env: EnvUnowned<'local>,
    _class: JClass<'local>,
    a: jlong,
    b: jlong,
) -> jlong {
    // Safety: the pointer is this native call's own JNIEnv.
    let _guard = unsafe { jni::AttachGuard::from_unowned(unowned_env.as_raw()) };
    a.wrapping_add(b)
}

/// `with_env` without `resolve`.
#[jni_mangle("bench.NativeCall", "addWithEnv")]
pub fn java_add_with_env<'local>(
    mut unowned_env: EnvUnowned<'local>,
    _class: JClass<'local>,
    a: jlong,
    b: jlong,
) -> jlong {
    match unowned_env
        .with_env(|_env| -> Result<_, Error> { Ok(a.wrapping_add(b)) })
        .into_outcome()
    {
        jni::Outcome::Ok(sum) => sum,
        _ => 0,
    }
}
