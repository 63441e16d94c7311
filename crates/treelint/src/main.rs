//! The `treelint` binary.

fn main() -> std::process::ExitCode {
    treelint::main()
}
