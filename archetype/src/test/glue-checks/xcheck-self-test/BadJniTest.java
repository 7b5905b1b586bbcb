package PACKAGE;

import org.junit.jupiter.api.Test;

/** Calls the deliberately wrong native method in a test, so glue-checks sees whether surefire's output shows -Xcheck:jni. */
class BadJniTest {
    @Test
    void pinnedLength() {
        BadJni.run();
    }
}
