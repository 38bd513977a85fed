//! The `plate-permits` binary: parse the command line, then serve, migrate, print the OpenAPI
//! document, create an administrator, or back up, restore and verify an archive.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;
use plate_permits::clock::Clock;
use plate_permits::config::{Cli, Command, Config};
use plate_permits::startup::{self, Application, StartupError};

/// mimalloc returns freed memory to the system sooner than glibc's per-thread arenas, which keeps
/// resident memory flat under load (see docs/BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, which libmimalloc-sys does not export: in both the v2
/// and v3 `mi_option_t` enums it comes right before `mi_option_use_numa_nodes` (16).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t =
    libmimalloc_sys::mi_option_use_numa_nodes - 1;

fn main() -> ExitCode {
    // Return freed pages to the system at once instead of after a delay: idle worker threads
    // otherwise keep the garbage of their start-up (building the route table and API document)
    // resident. Measured: peak RSS under load 145 → 88 MiB, see docs/BENCHMARKS.md.
    // SAFETY: sets a process-wide allocator option before any other thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    plate_permits::telemetry::init(cli.config.log_format);
    let config = cli.config;
    // The one place the service takes the system's time; everything else is handed this clock.
    let clock = config.system_clock();
    match dispatch(cli.command.unwrap_or(Command::Serve), config, clock) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plate-permits: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The command line, or the exit code when it was help, the version or a mistake (one clear
/// line naming the setting, not the whole usage text).
fn parse() -> Result<Cli, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) => {
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return Err(ExitCode::SUCCESS);
            }
            let text = e.to_string();
            let line = text.lines().next().unwrap_or("invalid configuration");
            eprintln!("plate-permits: {}", line.trim_start_matches("error: "));
            Err(ExitCode::from(2))
        }
    }
}

/// Serves until stopped.
fn serve(config: Config, clock: Clock) -> Result<(), StartupError> {
    actix_web::rt::System::new().block_on(async move {
        let started = std::time::Instant::now();
        let app = Application::build(config.clone(), clock).await?;
        tracing::info!(
            address = %config.http.listen_addr.ip(),
            port = app.port(),
            database = app.state().backend.name(),
            startup_ms = started.elapsed().as_millis() as u64,
            "plate-permits is serving; API reference at /docs"
        );
        app.run_until_stopped()
            .await
            .map_err(|e| StartupError(format!("server: {e}")))
    })
}

/// Runs one subcommand.
fn dispatch(command: Command, config: Config, clock: Clock) -> Result<(), StartupError> {
    match command {
        Command::Serve => serve(config, clock),
        Command::Migrate => startup::prepare_database(&config, &clock).map(|_| {
            tracing::info!("database is up to date");
        }),
        Command::Openapi => {
            print!("{}", plate_permits::router::openapi_json());
            Ok(())
        }
        Command::CreateAdmin(args) => {
            startup::create_admin(&config, &args.username, args.password.as_ref(), &clock)
        }
        Command::Seed(args) => startup::seed(&config, &args, &clock),
        Command::MigrateDocuments => startup::migrate_documents(&config, &clock),
        Command::Backup(args) => plate_permits::backup::run_backup(&config, &args.file, &clock)
            .map_err(|e| StartupError(e.to_string())),
        Command::Restore(args) => plate_permits::backup::run_restore(&config, &args.file)
            .map_err(|e| StartupError(e.to_string())),
        Command::VerifyBackup(args) => plate_permits::backup::run_verify(&config, &args.file)
            .map_err(|e| StartupError(e.to_string())),
        Command::RotateSigningKey => plate_permits::permits::signing::rotate(&config, &clock)
            .map(|(id, retired)| {
                println!("new permit-signing key: {id}");
                for old in retired {
                    println!("retired (still verifying): {old}");
                }
            })
            .map_err(|e| StartupError(format!("permit-signing key: {e}"))),
        Command::Docs(args) => match plate_permits::guide::generate::page(&args.page) {
            Some(text) => {
                print!("{text}");
                Ok(())
            }
            None => Err(StartupError(format!("no generated page '{}'", args.page))),
        },
        Command::Holidays(args) => {
            println!(
                "{}",
                plate_permits::sla::official::to_json(args.year, args.to_year.unwrap_or(args.year))
            );
            Ok(())
        }
    }
}
