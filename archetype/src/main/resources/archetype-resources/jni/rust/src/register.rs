//! `JNI_OnLoad`: when `System.load` loads the library, checks `BINDINGS` against the native methods that
//! Rust.java declares (names, types, `static`) and registers them, or throws a `LinkageError` naming each
//! disagreement. Nothing here changes when you add a function.

use std::ffi::c_void;
use std::panic::{self, AssertUnwindSafe};

use jni::objects::{JClass, JObject, JObjectArray, JString};
use jni::strings::{JNIStr, JNIString};
use jni::sys::{JNI_VERSION_1_8, JNINativeMethod, jint};
use jni::{Env, JavaVM, NativeMethod, jni_sig, jni_str};

use crate::boundary::{in_binding, install_panic_hook, panic_message};

/// Called by the JVM on `System.load`; a pending exception makes `System.load` throw it and unload the library.
#[unsafe(no_mangle)]
pub extern "system" fn JNI_OnLoad(vm: *mut jni::sys::JavaVM, _reserved: *mut c_void) -> jint {
    install_panic_hook();
    // Safety: the JVM passes its own JavaVM, and this thread is attached to it.
    let vm = unsafe { JavaVM::from_raw(vm) };
    let checked = in_binding(|| {
        panic::catch_unwind(AssertUnwindSafe(|| {
            vm.with_local_frame(64, |env| -> jni::errors::Result<_> {
                Ok(register(env, crate::CLASS, crate::BINDINGS))
            })
        }))
    });
    let problem = match checked {
        Ok(Ok(Ok(()))) => return JNI_VERSION_1_8,
        Ok(Ok(Err(message))) => message,
        Ok(Err(err)) => format!(
            "Binding the native methods of {} failed: {err}",
            crate::CLASS
        ),
        Err(payload) => panic_message(payload),
    };
    let _ = vm.with_local_frame(4, |env| -> jni::errors::Result<()> {
        env.exception_clear();
        // throw_new reports the exception it raised as Err(JavaException): the outcome wanted here.
        let _ = env.throw_new(jni_str!("java/lang/LinkageError"), JNIString::from(problem));
        Ok(())
    });
    JNI_VERSION_1_8
}

/// A native method as Rust.java declares it or as `BINDINGS` binds it.
#[derive(Debug, Clone, PartialEq)]
struct Method {
    name: String,
    descriptor: String,
    is_static: bool,
}

fn register(env: &mut Env<'_>, class_name: &str, bindings: &[NativeMethod]) -> Result<(), String> {
    let failed = |err| format!("Checking the native methods of {class_name} failed: {err}");
    let class = find_uninitialised(env, class_name).map_err(|err| {
        format!("{class_name} (CLASS in rust/src/lib.rs) cannot be found: {err}. Name the class that declares the native methods.")
    })?;
    let declared = declared_natives(env, &class).map_err(failed)?;
    let problems = disagreements(&declared, &bindings.iter().map(bound).collect::<Vec<_>>());
    if !problems.is_empty() {
        return Err(format!(
            "{class_name} and BINDINGS in rust/src/lib.rs disagree, so no native method was bound:\n  - {}",
            problems.join("\n  - ")
        ));
    }
    // Safety: native_method! checked each function against its JNI signature, Java declares every one of
    // them as checked above, and each is static, as its JClass parameter expects.
    unsafe { env.register_native_methods(&class, bindings) }.map_err(failed)
}

/// The class, found through its array class: FindClass on the class itself would run its static initialiser,
/// which may be waiting on another thread for this very load.
fn find_uninitialised<'local>(
    env: &mut Env<'local>,
    name: &str,
) -> jni::errors::Result<JClass<'local>> {
    let array = env.find_class(JNIString::from(format!("[L{};", name.replace('.', "/"))))?;
    let class = call(
        env,
        &array,
        jni_str!("getComponentType"),
        jni_sig!(() -> JClass),
    )?;
    env.cast_local::<JClass>(class)
}

/// The native methods the class declares, by reflection.
fn declared_natives(env: &mut Env<'_>, class: &JClass<'_>) -> jni::errors::Result<Vec<Method>> {
    let (is_static, is_native) = (
        |modifiers| modifiers & 0x8 != 0,
        |modifiers| modifiers & 0x100 != 0,
    );
    let methods = call(
        env,
        class,
        jni_str!("getDeclaredMethods"),
        jni_sig!(() -> java.lang.reflect.Method[]),
    )?;
    let methods = env.cast_local::<JObjectArray>(methods)?;
    let mut natives = Vec::new();
    for index in 0..methods.len(env)? {
        env.with_local_frame(16, |env| -> jni::errors::Result<()> {
            let method = methods.get_element(env, index)?;
            let modifiers =
                env.call_method(&method, jni_str!("getModifiers"), jni_sig!(() -> jint), &[])?;
            let modifiers = modifiers.i()?;
            if !is_native(modifiers) {
                return Ok(());
            }
            let parameters = call(
                env,
                &method,
                jni_str!("getParameterTypes"),
                jni_sig!(() -> JClass[]),
            )?;
            let parameters = env.cast_local::<JObjectArray>(parameters)?;
            let mut descriptor = String::from("(");
            for index in 0..parameters.len(env)? {
                let parameter = parameters.get_element(env, index)?;
                descriptor += &type_descriptor(&name(env, &parameter)?);
            }
            let returns = call(
                env,
                &method,
                jni_str!("getReturnType"),
                jni_sig!(() -> JClass),
            )?;
            descriptor = descriptor + ")" + &type_descriptor(&name(env, &returns)?);
            let name = name(env, &method)?;
            natives.push(Method {
                name,
                descriptor,
                is_static: is_static(modifiers),
            });
            Ok(())
        })?;
    }
    Ok(natives)
}

fn call<'local>(
    env: &mut Env<'local>,
    object: &JObject<'_>,
    method: &JNIStr,
    signature: jni::signature::MethodSignature<'_, '_>,
) -> jni::errors::Result<JObject<'local>> {
    env.call_method(object, method, signature, &[])?.l()
}

/// `getName()` of a Method or a Class.
fn name(env: &mut Env<'_>, object: &JObject<'_>) -> jni::errors::Result<String> {
    let name = call(env, object, jni_str!("getName"), jni_sig!(() -> JString))?;
    env.cast_local::<JString>(name)?.try_to_string(env)
}

/// The Java primitive types and their letters in JNI signatures.
const PRIMITIVES: [(&str, char); 9] = [
    ("boolean", 'Z'),
    ("byte", 'B'),
    ("char", 'C'),
    ("short", 'S'),
    ("int", 'I'),
    ("long", 'J'),
    ("float", 'F'),
    ("double", 'D'),
    ("void", 'V'),
];

/// A `Class.getName()` as a JNI type: `int` gives `I`, `java.lang.String` gives `Ljava/lang/String;`.
fn type_descriptor(class_name: &str) -> String {
    match PRIMITIVES.iter().find(|(name, _)| *name == class_name) {
        Some((_, letter)) => letter.to_string(),
        None if class_name.starts_with('[') => class_name.replace('.', "/"),
        None => format!("L{};", class_name.replace('.', "/")),
    }
}

fn bound(method: &NativeMethod) -> Method {
    // Safety: NativeMethod is a repr(transparent) JNINativeMethod; native_method! writes its name and
    // signature as MUTF-8 C strings that live as long as the program.
    let raw = unsafe { &*(method as *const NativeMethod as *const JNINativeMethod) };
    let text = |ptr| unsafe { JNIStr::from_ptr(ptr) }.to_str().into_owned();
    Method {
        name: text(raw.name),
        descriptor: text(raw.signature),
        is_static: true,
    }
}

/// One line per method that Rust.java declares and BINDINGS binds differently, or that only one of them has.
fn disagreements(declared: &[Method], bound: &[Method]) -> Vec<String> {
    let mut problems = Vec::new();
    let same = |a: &Method, b: &Method| a.name == b.name && a.descriptor == b.descriptor;
    for (i, method) in bound.iter().enumerate() {
        if bound[..i].iter().any(|earlier| same(earlier, method)) {
            let java = java(method);
            problems.push(format!(
                "{}: BINDINGS binds `{java}` twice. Remove one entry.",
                method.name
            ));
        }
    }
    let bound_only = |method: &&Method| !declared.iter().any(|d| same(d, method));
    for method in declared {
        let (name, java, jni) = (&method.name, java(method), &method.descriptor);
        let namesakes: Vec<&Method> = bound
            .iter()
            .filter(bound_only)
            .filter(|b| &b.name == name)
            .collect();
        if bound.iter().any(|b| same(b, method)) {
            if !method.is_static {
                problems.push(format!("{name}: Rust.java declares `{java}` without static, but every binding is a static method. Declare it static."));
            }
        } else if namesakes.is_empty() {
            let unknown =
                |b: &&Method| b.descriptor == *jni && !declared.iter().any(|d| d.name == b.name);
            let twin = bound.iter().filter(bound_only).find(unknown);
            let hint = twin.map_or(String::new(), |twin| {
                format!(
                    " BINDINGS binds {} with these types: is one name misspelt?",
                    twin.name
                )
            });
            problems.push(format!("{name}: Rust.java declares `{java}` (JNI {jni}), which BINDINGS does not bind.{hint} Add its native_method! to BINDINGS, or remove the declaration."));
        }
        for other in namesakes {
            let (rust, rust_jni) = (self::java(other), &other.descriptor);
            problems.push(format!("{name}: Rust.java declares `{java}` (JNI {jni}), but BINDINGS binds `{rust}` (JNI {rust_jni}). Make the types agree: change Rust.java, or the native_method! and its function."));
        }
    }
    for method in bound
        .iter()
        .filter(bound_only)
        .filter(|b| !declared.iter().any(|d| d.name == b.name))
    {
        let (name, java, jni) = (&method.name, java(method), &method.descriptor);
        problems.push(format!("{name}: BINDINGS binds `{java}` (JNI {jni}), which Rust.java does not declare. Declare it, or correct the name in its native_method! (name = \"javaName\" when the Rust name differs)."));
    }
    problems
}

/// A method in Java's words: `static native long fib(int)`.
fn java(method: &Method) -> String {
    let mut rest = method
        .descriptor
        .strip_prefix('(')
        .unwrap_or(&method.descriptor);
    let mut parameters = Vec::new();
    while !rest.is_empty() && !rest.starts_with(')') {
        parameters.push(java_type(&mut rest));
    }
    let returns = java_type(&mut rest.trim_start_matches(')'));
    let modifiers = if method.is_static {
        "static native"
    } else {
        "native"
    };
    format!(
        "{modifiers} {returns} {}({})",
        method.name,
        parameters.join(", ")
    )
}

/// Takes one type off the front of a descriptor: `[Ljava/lang/String;I` gives `java.lang.String[]`.
fn java_type(descriptor: &mut &str) -> String {
    let element = descriptor.trim_start_matches('[');
    let dimensions = descriptor.len() - element.len();
    let (name, rest) = match element.chars().next() {
        Some('L') => {
            let (class, rest) = element[1..].split_once(';').unwrap_or((&element[1..], ""));
            (class.replace('/', "."), rest)
        }
        Some(letter) => {
            let primitive = PRIMITIVES
                .iter()
                .find(|(_, l)| *l == letter)
                .map_or("?", |(name, _)| name);
            (primitive.to_string(), &element[letter.len_utf8()..])
        }
        None => (String::new(), ""),
    };
    *descriptor = rest;
    name + &"[]".repeat(dimensions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method(name: &str, descriptor: &str, is_static: bool) -> Method {
        Method {
            name: name.into(),
            descriptor: descriptor.into(),
            is_static,
        }
    }

    #[test]
    fn agreeing_methods_have_no_disagreements() {
        let fib = [method("fib", "(I)J", true)];
        assert!(disagreements(&fib, &fib).is_empty());
    }

    #[test]
    fn a_wrong_type_names_both_signatures() {
        let problems = disagreements(
            &[method("fib", "(J)J", true)],
            &[method("fib", "(I)J", true)],
        );
        assert_eq!(
            problems,
            [
                "fib: Rust.java declares `static native long fib(long)` (JNI (J)J), but BINDINGS binds `static native long fib(int)` (JNI (I)J). Make the types agree: change Rust.java, or the native_method! and its function."
            ]
        );
    }

    #[test]
    fn a_wrong_name_shows_both_methods() {
        let problems = disagreements(
            &[method("fib", "(I)J", true)],
            &[method("fibb", "(I)J", true)],
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("fib: Rust.java declares `static native long fib(int)` (JNI (I)J), which BINDINGS does not bind. BINDINGS binds fibb with these types: is one name misspelt?"));
        assert!(problems[1].starts_with("fibb: BINDINGS binds `static native long fibb(int)` (JNI (I)J), which Rust.java does not declare."));
    }

    #[test]
    fn an_instance_method_and_a_duplicate_are_named() {
        let bound = [method("sum", "([D)D", true), method("sum", "([D)D", true)];
        let problems = disagreements(&[method("sum", "([D)D", false)], &bound);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0]
                .starts_with("sum: BINDINGS binds `static native double sum(double[])` twice.")
        );
        assert!(
            problems[1].starts_with(
                "sum: Rust.java declares `native double sum(double[])` without static"
            )
        );
    }

    #[test]
    fn types_read_as_java_and_as_jni() {
        let method = method("m", "([[Ljava/lang/String;ZLjava/nio/ByteBuffer;)[I", true);
        assert_eq!(
            java(&method),
            "static native int[] m(java.lang.String[][], boolean, java.nio.ByteBuffer)"
        );
        assert_eq!(type_descriptor("long"), "J");
        assert_eq!(
            type_descriptor("[Ljava.lang.String;"),
            "[Ljava/lang/String;"
        );
        assert_eq!(
            type_descriptor("java.nio.ByteBuffer"),
            "Ljava/nio/ByteBuffer;"
        );
    }
}
