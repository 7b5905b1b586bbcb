
/// Deliberately wrong, for glue-checks: a JNI call (GetArrayLength) while the array is pinned.
#[unsafe(no_mangle)]
extern "system" fn JNI_SYMBOL(env: *mut jni::sys::JNIEnv, _: jni::sys::jclass, data: jni::sys::jarray) -> i32 {
    // Safety: the JVM passes this call's env and a live, non-null byte[].
    unsafe {
        let functions = &(**env).v1_6;
        let elements = (functions.GetPrimitiveArrayCritical)(env, data, std::ptr::null_mut());
        let length = (functions.GetArrayLength)(env, data);
        (functions.ReleasePrimitiveArrayCritical)(env, data, elements, jni::sys::JNI_ABORT);
        length
    }
}
