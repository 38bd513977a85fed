//! A process connected to PostgreSQL exits cleanly while other threads still talk to it.
//!
//! libpq encrypts its connections with OpenSSL (the local cluster offers TLS, and libpq's
//! default `sslmode=prefer` takes it). OpenSSL, unless told otherwise at its first
//! initialisation, registers an `atexit` handler that frees its global state. When a process
//! returns from `main` while a pool's thread is still connecting or reading, that thread then
//! uses freed locks and the process dies of SIGSEGV after all its work is done: the test binary
//! did so in CI, after its 371 tests had passed (diesel-rs/diesel#3441 reports the same). The
//! service starts OpenSSL without the handler before its first connection
//! (`db::prepare_postgres`).
//!
//! The test runs a child process (this test binary, filtered to [`exit_child`]) whose threads
//! open, use and drop connections in a loop while its main thread exits, several times, and
//! requires every child to exit normally.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use plate_permits::db::DbManager;

use crate::helpers::*;

/// Set in the child's environment: the database it connects to.
const CHILD_URL: &str = "PP_EXIT_CHILD_DATABASE_URL";
/// Children run; each exits while its threads are busy.
const ROUNDS: usize = 20;
/// Threads connecting in each child.
const THREADS: usize = 4;

/// Run only as the child of [`a_process_exits_cleanly_while_its_threads_use_postgresql`].
#[test]
#[ignore = "run as a child process by a_process_exits_cleanly_while_its_threads_use_postgresql"]
fn exit_child() {
    let Ok(url) = std::env::var(CHILD_URL) else {
        return;
    };
    for _ in 0..THREADS {
        let url = url.clone();
        std::thread::spawn(move || loop {
            let mut conn = DbManager::connect_url(&url);
            let _ = diesel::sql_query("SELECT 1").execute(&mut conn);
        });
    }
    std::thread::sleep(Duration::from_millis(300));
    // Runs the atexit handlers while the threads above are inside libpq.
    std::process::exit(0);
}

#[test]
fn a_process_exits_cleanly_while_its_threads_use_postgresql() {
    let Some(url) = test_database_url() else {
        eprintln!(
            "SKIPPED a_process_exits_cleanly_while_its_threads_use_postgresql: PostgreSQL only"
        );
        return;
    };
    let exe = std::env::current_exe().expect("the test binary's path");
    for round in 0..ROUNDS {
        let status = Command::new(&exe)
            .args([
                "--exact",
                "process_exit::exit_child",
                "--ignored",
                "--test-threads=1",
            ])
            .env(CHILD_URL, &url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run the child");
        assert!(
            status.success(),
            "child {round} exited with {status:?} (signal {:?})",
            status.signal()
        );
    }
}
