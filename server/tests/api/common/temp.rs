//! A test's own folder under the system's temporary folder, removed when the test is done.
//!
//! Not the `tempfile` crate: as a dev-dependency it turns on `bitflags/std` for the test build
//! only, so `sqlx`, `governor` and their dependents would compile twice in `make test` (once for
//! the tests, once for the server binary, about two minutes on two cores).

use std::path::{Path, PathBuf};

pub struct TempDir(PathBuf);

pub fn tempdir() -> TempDir {
    let path = std::env::temp_dir().join(format!("tilslut-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir(&path).unwrap();
    TempDir(path)
}

impl TempDir {
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The folder, kept after the test (for a process that outlives it).
    pub fn keep(self) -> PathBuf {
        let path = self.0.clone();
        std::mem::forget(self);
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Best effort: a folder left behind is only disk space in /tmp.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
