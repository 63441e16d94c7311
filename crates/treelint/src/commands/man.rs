//! `treelint man`: the man page (roff), from the clap definition: `treelint.1` on standard
//! output, or one page per subcommand (`treelint-check.1`, …) in `--out-dir`.

use std::path::PathBuf;

use clap::{Args, CommandFactory};

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write treelint.1 and a page per subcommand into this folder instead.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

pub fn run(args: ManArgs) -> u8 {
    let command = crate::Cli::command();
    let Some(dir) = args.out_dir else {
        return match clap_mangen::Man::new(command).render(&mut std::io::stdout()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: cannot write the man page: {e}");
                2
            }
        };
    };
    let mut pages = vec![("treelint".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        pages.push((format!("treelint-{}", sub.get_name()), sub.clone()));
    }
    for (name, cmd) in pages {
        let mut buf = Vec::new();
        let written = clap_mangen::Man::new(cmd)
            .title(name.to_uppercase())
            .render(&mut buf)
            .and_then(|_| std::fs::write(dir.join(format!("{name}.1")), buf));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", dir.join(format!("{name}.1")).display());
            return 2;
        }
    }
    0
}
