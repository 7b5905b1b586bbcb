// ---- JNI: the raw calls each binding makes, none of them while an array is pinned. ----

use std::ffi::c_void;
use std::ptr;

use jni::sys::{JNIEnv, jarray, jclass, jobject, jsize, jstring};

/// The JVM's function table behind `env`.
///
/// # Safety
/// `env` is the `JNIEnv` of the native call running on this thread.
#[inline(always)]
unsafe fn functions<'a>(env: *mut JNIEnv) -> &'a jni::sys::JNINativeInterface__1_6 {
    // Safety: as the caller promises; every JVM this runs on implements JNI 1.6 or later (JDK 17+).
    unsafe { &(**env).v1_6 }
}

/// A primitive array pinned with `GetPrimitiveArrayCritical`: no JNI call may run until `release`.
struct Pinned<T> {
    array: jarray,
    elements: *mut T,
    len: usize,
}

impl<T> Pinned<T> {
    /// The array, pinned; `None` when the JVM could not (an `OutOfMemoryError` is then pending).
    ///
    /// # Safety
    /// `array` is a live, non-null local reference to a Java array of `len` elements of type `T`.
    #[inline(always)]
    unsafe fn pin(env: *mut JNIEnv, array: jarray, len: usize) -> Option<Pinned<T>> {
        // Safety: as the caller promises.
        let elements = unsafe { (functions(env).GetPrimitiveArrayCritical)(env, array, ptr::null_mut()) }.cast::<T>();
        (!elements.is_null()).then_some(Pinned { array, elements, len })
    }

    /// The elements, read in place.
    #[inline(always)]
    fn slice(&self) -> &[T] {
        if self.len == 0 {
            return &[];
        }
        // Safety: pinned, `len` long, and (the contract in the README) no other thread writes it during the call.
        unsafe { std::slice::from_raw_parts(self.elements, self.len) }
    }

    /// Unpins the array without copying anything back: the elements were only read.
    ///
    /// # Safety
    /// `env` is the one that pinned it.
    #[inline(always)]
    unsafe fn release(self, env: *mut JNIEnv) {
        // Safety: as the caller promises; JNI_ABORT frees a copy, if the JVM made one, without writing it back.
        unsafe {
            (functions(env).ReleasePrimitiveArrayCritical)(env, self.array, self.elements.cast::<c_void>(), jni::sys::JNI_ABORT)
        };
    }
}

/// The length of a Java array; called for every array before the first is pinned.
///
/// # Safety
/// `array` is a live, non-null local reference to a Java array, and no array is pinned.
#[inline(always)]
unsafe fn array_length(env: *mut JNIEnv, array: jarray) -> usize {
    // Safety: as the caller promises.
    unsafe { (functions(env).GetArrayLength)(env, array) as usize }
}

/// A value that may borrow a pinned array, made independent of it before the array is released (a copy only then).
trait Detach {
    type Owned;
    fn detach(self) -> Self::Owned;
}

macro_rules! detached_as_is {
    ($($ty:ty),*) => {$(
        impl<T> Detach for $ty {
            type Owned = Self;
            #[inline(always)]
            fn detach(self) -> Self {
                self
            }
        }
    )*};
}
detached_as_is!(Vec<T>, Box<[T]>);

impl<T, const N: usize> Detach for [T; N] {
    type Owned = Self;
    #[inline(always)]
    fn detach(self) -> Self {
        self
    }
}

impl<T: Clone> Detach for &[T] {
    type Owned = Vec<T>;
    fn detach(self) -> Vec<T> {
        self.to_vec()
    }
}

impl Detach for String {
    type Owned = Self;
    #[inline(always)]
    fn detach(self) -> Self {
        self
    }
}

impl Detach for Box<str> {
    type Owned = Self;
    #[inline(always)]
    fn detach(self) -> Self {
        self
    }
}

impl Detach for &str {
    type Owned = String;
    fn detach(self) -> String {
        self.to_owned()
    }
}

/// Texts up to this many UTF-16 units are read into the stack, longer ones into the heap.
const STACK_UNITS: usize = 1024;

/// A Java string as a Rust `String`: one `GetStringRegion` copy, then one conversion to UTF-8.
///
/// # Safety
/// `text` is a live, non-null local reference to a `java.lang.String`.
unsafe fn string_in(env: *mut JNIEnv, text: jstring, parameter: &str) -> Result<String, Failure> {
    // Safety: as the caller promises.
    unsafe {
        let table = functions(env);
        let len = (table.GetStringLength)(env, text) as usize;
        if len <= STACK_UNITS {
            let mut units = [0u16; STACK_UNITS];
            (table.GetStringRegion)(env, text, 0, len as jsize, units.as_mut_ptr());
            text_from_utf16(&units[..len], parameter)
        } else {
            let mut units = Vec::<u16>::with_capacity(len);
            (table.GetStringRegion)(env, text, 0, len as jsize, units.as_mut_ptr());
            units.set_len(len);
            text_from_utf16(&units, parameter)
        }
    }
}

/// Where a direct buffer's bytes from its position start, and how many there are.
///
/// # Safety
/// `buffer` is a live, non-null local reference to a direct, writable `ByteBuffer` (Rust.java checked) with
/// `position + len` bytes at most, which no other thread uses during the call (the contract in the README).
unsafe fn buffer_range(env: *mut JNIEnv, buffer: jobject, position: i32, len: i32) -> (*mut u8, usize) {
    // Safety: as the caller promises.
    unsafe {
        let address = (functions(env).GetDirectBufferAddress)(env, buffer).cast::<u8>();
        if address.is_null() {
            return (ptr::null_mut(), 0);
        }
        (address.add(position as usize), len as usize)
    }
}

thread_local! {
    /// UTF-16 text on its way to Java, kept to spare an allocation per call.
    static UNITS: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A new Java string holding the text; null when the JVM could not make one (its exception is then pending).
///
/// # Safety
/// `env` is this native call's `JNIEnv`.
unsafe fn string_out(env: *mut JNIEnv, text: &str) -> jstring {
    UNITS.with_borrow_mut(|units| {
        utf8_to_utf16(text, units);
        // Safety: as the caller promises; NewString copies the units.
        let string = unsafe { (functions(env).NewString)(env, units.as_ptr(), units.len() as jsize) };
        reuse(units);
        string
    })
}

/// A new Java `char[]` of strings, as `text_list_to_utf16` lays them out (Rust.java unpacks it).
///
/// # Safety
/// `env` is this native call's `JNIEnv`.
unsafe fn strings_out<S: AsRef<str>>(env: *mut JNIEnv, strings: &[S]) -> jarray {
    UNITS.with_borrow_mut(|units| {
        text_list_to_utf16(strings, units);
        // Safety: as the caller promises.
        let array = unsafe { chars_out(env, units) };
        reuse(units);
        array
    })
}

macro_rules! array_out {
    ($($name:ident($ty:ty) = $new:ident, $set:ident;)*) => {$(
        /// A new Java array holding the values; null when the JVM could not make one (its exception is pending).
        ///
        /// # Safety
        /// `env` is this native call's `JNIEnv`.
        unsafe fn $name(env: *mut JNIEnv, values: &[$ty]) -> jarray {
            // Safety: as the caller promises; the Set...Region call copies `values`.
            unsafe {
                let table = functions(env);
                let array = (table.$new)(env, values.len() as jsize);
                if !array.is_null() && !values.is_empty() {
                    (table.$set)(env, array, 0, values.len() as jsize, values.as_ptr().cast());
                }
                array
            }
        }
    )*};
}
array_out! {
    bytes_out(u8) = NewByteArray, SetByteArrayRegion;
    chars_out(u16) = NewCharArray, SetCharArrayRegion;
    ints_out(i32) = NewIntArray, SetIntArrayRegion;
    longs_out(i64) = NewLongArray, SetLongArrayRegion;
    doubles_out(f64) = NewDoubleArray, SetDoubleArrayRegion;
}

/// Throws the failure as its Java exception, unless one is pending already (that one then propagates).
///
/// # Safety
/// `env` is this native call's `JNIEnv`, and no array is pinned.
#[cold]
unsafe fn throw(env: *mut JNIEnv, failure: Failure) {
    let (class, message) = failure.exception();
    // Safety: as the caller promises.
    unsafe {
        let table = functions(env);
        if (table.ExceptionCheck)(env) {
            return;
        }
        if !throw_new(env, class, &message) {
            (table.ExceptionClear)(env);
            let fallback = format!(
                "{message} (Rust named the exception class {class}, which cannot be thrown: it must be a Throwable \
                 with a String constructor that this class loader finds)"
            );
            throw_new(env, "java.lang.RuntimeException", &fallback);
        }
    }
}

/// Throws `new <class>(message)`; false when the class or its constructor is missing.
///
/// # Safety
/// As for `throw`, with no exception pending.
unsafe fn throw_new(env: *mut JNIEnv, class: &str, message: &str) -> bool {
    let name = std::ffi::CString::new(class.replace('.', "/")).unwrap_or_default();
    // Safety: as the caller promises; each result is checked before it is used.
    unsafe {
        let table = functions(env);
        let class: jclass = (table.FindClass)(env, name.as_ptr());
        if class.is_null() || !(table.IsAssignableFrom)(env, class, (table.FindClass)(env, c"java/lang/Throwable".as_ptr())) {
            return false;
        }
        let constructor = (table.GetMethodID)(env, class, c"<init>".as_ptr(), c"(Ljava/lang/String;)V".as_ptr());
        if constructor.is_null() {
            return false;
        }
        let text = string_out(env, message);
        if text.is_null() {
            return true; // an OutOfMemoryError is pending, and is what Java sees
        }
        let exception = (table.NewObjectA)(env, class, constructor, [jni::sys::jvalue { l: text }].as_ptr());
        if exception.is_null() {
            return true; // the constructor threw: that exception is pending
        }
        (table.Throw)(env, exception) == 0
    }
}
