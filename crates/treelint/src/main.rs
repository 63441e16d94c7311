//! The `treelint` binary.

/// mimalloc instead of the system allocator: analysis makes many small, short-lived
/// allocations on every core at once, where glibc's allocator cost about a seventh of a
/// `check` run (book/src/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    treelint::main()
}
