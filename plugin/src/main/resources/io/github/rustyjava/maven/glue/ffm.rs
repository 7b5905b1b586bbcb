// ---- FFM: how an exported function reads Java's arrays and hands back what a return value cannot hold. ----


thread_local! {
    /// This thread's last result that Java copies: text, an array, or a failure's class and message.
    static OUT: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    /// This thread's last text for Java to copy, as UTF-16: written in place, with no second copy into `OUT`.
    static UNITS: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

/// The `len` values at `data`, read in place.
///
/// # Safety
/// `data` points at `len` readable values (a Java array Rust.java passed with its length) that no other thread
/// writes during the call (the contract in the README).
#[inline(always)]
unsafe fn slice<'a, T>(data: *const T, len: usize) -> &'a [T] {
    if len == 0 {
        return &[];
    }
    // Safety: as the caller promises.
    unsafe { std::slice::from_raw_parts(data, len) }
}

/// Keeps a copy of the values for Java, valid until this thread's next call, and tells Java where it is:
/// `status[1]` its address, `status[2]` its length in bytes.
///
/// # Safety
/// `status` points at the calling thread's status, three `i64`s.
unsafe fn publish<T: Copy>(status: *mut i64, values: &[T]) {
    let bytes = std::mem::size_of_val(values);
    OUT.with_borrow_mut(|out| {
        reuse(out); // Java copied the previous result when its call returned
        out.resize(bytes.div_ceil(8), 0);
        // Safety: `out` holds `bytes` bytes, 8-aligned (as every Java array element type needs), apart from `values`.
        unsafe {
            std::ptr::copy_nonoverlapping(values.as_ptr().cast::<u8>(), out.as_mut_ptr().cast::<u8>(), bytes);
            status.add(1).write(out.as_ptr() as i64);
            status.add(2).write(bytes as i64);
        }
    });
}

/// Hands the text to Java as UTF-16, valid until this thread's next call: `status[1]` its address, `status[2]` its
/// length in bytes.
///
/// # Safety
/// As for `publish`.
unsafe fn publish_text(status: *mut i64, text: &str) {
    UNITS.with_borrow_mut(|units| {
        reuse(units); // Java copied the previous result when its call returned
        utf8_to_utf16(text, units);
        // Safety: as the caller promises.
        unsafe { publish_units(status, units) }
    });
}

/// Hands the strings to Java, as `text_list_to_utf16` lays them out (Rust.java unpacks them).
///
/// # Safety
/// As for `publish`.
unsafe fn publish_strings<S: AsRef<str>>(status: *mut i64, strings: &[S]) {
    UNITS.with_borrow_mut(|units| {
        reuse(units); // Java copied the previous result when its call returned
        text_list_to_utf16(strings, units);
        // Safety: as the caller promises.
        unsafe { publish_units(status, units) }
    });
}

/// Tells Java where the units are (2-aligned, as a `char` needs).
///
/// # Safety
/// As for `publish`; `units` stays untouched until this thread's next call.
unsafe fn publish_units(status: *mut i64, units: &[u16]) {
    // Safety: as the caller promises.
    unsafe {
        status.add(1).write(units.as_ptr() as i64);
        status.add(2).write(std::mem::size_of_val(units) as i64);
    }
}

/// Reports the failure: `status[0]` becomes 1 and the published text is the class, a newline and the message.
///
/// # Safety
/// As for `publish`.
#[cold]
unsafe fn fail(status: *mut i64, failure: Failure) {
    let (class, message) = failure.exception();
    // Safety: as the caller promises.
    unsafe {
        publish_text(status, &format!("{class}\n{message}"));
        status.write(1);
    }
}
