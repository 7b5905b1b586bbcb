
    // ---- Every shape a declaration can take (glue-checks). ----

    boolean flip(boolean value);

    byte nextByte(byte value);

    short negateShort(short value);

    char upperChar(char value);

    int twice(int value);

    long square(long value);

    float half(float value);

    double hypot(double a, double b);

    /** Every primitive at once, in an order that a binding swapping two would get wrong. */
    double mix(boolean z, byte b, short s, char c, int i, long l, float f, double d);

    String greet(String name);

    /** Rust returns a &str borrowed from the argument. */
    String firstWord(String text);

    /** Rust returns a &'static str. */
    String greeting();

    String[] upperAll(String[] words);

    /** Rust returns Vec<&str> borrowed from the argument. */
    String[] splitWords(String text);

    long totalLength(String[] words);

    byte[] reverseBytes(byte[] data);

    /** Rust returns a &'static [u8]. */
    byte[] magic();

    int[] prefixSums(int[] values);

    /** Rust returns a slice of the argument: the glue copies it before the array is released. */
    byte[] header(byte[] data, int length);

    /** Rust returns a &str of the argument's bytes. */
    String asciiPrefix(byte[] data);

    /** Rust returns [i32; 2]. */
    int[] minMax(int[] values);

    /** Rust returns a &'static [i64]. */
    long[] powersOfTwo(int count);

    long[] squares(long[] values);

    double[] scale(double[] values, double factor);

    /** Rust returns [f64; 3]: min, max, mean. */
    double[] stats(double[] values);

    /** ROT13 of the letters from position to limit, in place; how many changed. */
    int rot13(ByteBuffer buffer);

    /** Copies the source's bytes into the target's; buffers that share memory are refused before Rust runs. */
    int copyInto(ByteBuffer target, ByteBuffer source);

    /** Result<i32, PercentError>: ShapeException, a class of this package, on a bad text. */
    int parsePercent(String text);

    /** Result<i64, Exception>: ArithmeticException on overflow. */
    long checkedSum(long[] values);

    /** Result<(), Exception>: IllegalArgumentException when negative. */
    void requireNonNegative(int value);

    /** Result<Vec<f64>, Exception>. */
    double[] sqrtAll(double[] values);

    /** Result<Tally, PercentError>: ShapeException when start is negative. */
    Tally tallyNew(long start);

    /** &mut Tally. */
    void tallyAdd(Tally tally, long amount);

    /** &Tally. */
    long tallyTotal(Tally tally);

    /** Two objects: &mut Tally and &Tally. */
    void tallyMerge(Tally into, Tally from);

    /** Everything in one call: strings, arrays, a buffer and an object. */
    long weave(String text, byte[] data, String[] words, ByteBuffer buffer, Tally tally, int[] ints, double scale);

    /** Rust's reserved words as names: r#move(r#fn, r#ref). */
    int move(int fn, int ref);

    /** An acronym: parse_http_version. */
    String parseHTTPVersion(String line);
