// The peers' first loads, timed like LoadTiming; bench/loader-peers.sh compiles this file only when it runs a peer.

/** zstd-jni: Native.load(), which extracts the library to a new temporary file and loads it. */
final class ZstdJniTiming {
    public static void main(String[] args) {
        long start = System.nanoTime();
        com.github.luben.zstd.util.Native.load();
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(com.github.luben.zstd.util.Native.isLoaded());
    }
}

/** snappy-java: its first native call, which loads the library first. */
final class SnappyJavaTiming {
    public static void main(String[] args) {
        long start = System.nanoTime();
        int bound = org.xerial.snappy.Snappy.maxCompressedLength(100);
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(bound);
    }
}

/** sqlite-jdbc: SQLiteJDBCLoader.initialize(), which extracts and loads the library. */
final class SqliteJdbcTiming {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        boolean loaded = org.sqlite.SQLiteJDBCLoader.initialize();
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(loaded);
    }
}
