//! The `treelint` binary.

/// mimalloc instead of the system allocator: analysis makes many small, short-lived
/// allocations on every core at once; with mimalloc a `check` ran in 12 % fewer
/// instructions (1,000 trees, callgrind) and about a fifth less CPU time (10,000 trees)
/// (book/src/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    treelint::main()
}
