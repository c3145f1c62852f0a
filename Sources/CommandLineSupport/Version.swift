/// The version every program prints with `--version` and records in the files it writes.
public enum NLPipeVersion {
    public static let string = "0.1.0"
}
