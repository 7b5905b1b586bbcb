package PACKAGE;

/** A native method bound by hand and deliberately wrong, so glue-checks can see -Xcheck:jni complain. */
final class BadJni {
    private BadJni() {}

    /** Pins the array, then calls GetArrayLength while it is pinned, which -Xcheck:jni reports. */
    private static native int pinnedLength(byte[] data);

    public static void run() {
        NativeLoader.load();
        if (pinnedLength(new byte[3]) != 3) {
            throw new AssertionError("pinnedLength");
        }
    }
}
