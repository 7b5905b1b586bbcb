package ${package};

import java.nio.ByteBuffer;

/**
 * The native methods, each bound in BINDINGS of rust/src/lib.rs; the first call loads the library. Loading checks
 * every declaration here against its binding (name, types, static) and throws a LinkageError naming each one that
 * differs. Declare new methods static, with the Java types of their native_method!.
 */
final class Rust {
    static {
        NativeLoader.load();
    }

    private Rust() {}

    static native String sumAsString(long a, long b);

    static native long count(byte[] data, byte value);

    static native String reverse(String text);

    /** XORs the bytes from index {@code from} to {@code to} of a direct, writable buffer with {@code key}. */
    static native void xor(ByteBuffer buffer, int from, int to, byte key);

    static native int[] histogram(byte[] data);

    // A Rust hasher behind a handle, owned by Hasher.java, which serialises the calls and frees it once.

    static native long hasherNew();

    static native void hasherUpdate(long handle, byte[] data);

    static native long hasherDigest(long handle);

    static native void hasherFree(long handle);

    /** Panics in Rust with {@code id} in the message, through call_env or call, for RustPanicTest. */
    static native void panicForTest(int id, boolean withEnv);
}
