//! A full disk under SQLite (issue 32, point 1): every refused write is a 503 in words, readiness
//! says so meanwhile, and the server writes again by itself once space is back. The disk is a
//! small tmpfs the test mounts, which needs root; elsewhere the test says it is skipped.

use crate::common::{admin, create, start_configured, temp, Tab};
use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use tilslut_server::Database;

/// A 4 MB filesystem at a folder of its own, unmounted when dropped.
struct SmallDisk {
    folder: PathBuf,
    _dir: temp::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = temp::tempdir();
        let folder = dir.path().join("disk");
        std::fs::create_dir(&folder).unwrap();
        let mounted = std::process::Command::new("mount").args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"]).arg(&folder).status();
        mounted.is_ok_and(|status| status.success()).then_some(SmallDisk { folder, _dir: dir })
    }

    /// Fills what is left with one file, and returns it.
    fn fill(&self) -> PathBuf {
        let filler = self.folder.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        while file.write_all(&[0; 64 * 1024]).is_ok() {}
        let _ = file.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.folder).status();
    }
}

async fn ready(server_base: &str) -> StatusCode {
    reqwest::get(format!("{server_base}/api/health")).await.unwrap().status()
}

fn administrators(i: usize) -> serde_json::Value {
    // Long enough that a few saves need new pages in the database.
    let many: Vec<_> = (0..20).map(|n| admin("Anna Berg", &format!("anna{i}-{n}-{}@firma.dk", "x".repeat(40)))).collect();
    json!({ "administrators": many })
}

#[tokio::test]
async fn a_full_disk_is_refused_in_words_and_writing_resumes_by_itself_when_space_is_back() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    let path: &Path = &disk.folder;
    let server = start_configured(|config| config.database = Database::Sqlite(path.join("tilslut.db"))).await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    let mut case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;

    let filler = disk.fill();
    let mut refused = 0;
    for i in 0..20 {
        let body = json!({ "version": case.version, "administrators": administrators(i)["administrators"] });
        let reply = lars.put(&format!("/api/cases/{}/administrators", case.id), body).await;
        match reply.status {
            StatusCode::OK => case = reply.json(),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(reply.code(), "unavailable", "{}", reply.body);
                refused += 1;
            }
            other => panic!("a full disk answered {other}: {}", reply.body),
        }
    }
    assert!(refused > 0, "the disk filled up");
    let mette = Tab::new(&server);
    let login = mette.post("/api/dev/login", json!({ "person_id": "mette" })).await;
    assert_eq!(login.status, StatusCode::SERVICE_UNAVAILABLE, "a login whose session is not stored is no success: {}", login.body);
    assert_eq!(ready(&server.base).await, StatusCode::SERVICE_UNAVAILABLE, "not ready while nothing can be written");

    std::fs::remove_file(filler).unwrap();
    assert_eq!(ready(&server.base).await, StatusCode::OK, "ready again once space is back");
    let body = json!({ "version": case.version, "administrators": administrators(99)["administrators"] });
    let saved = lars.put(&format!("/api/cases/{}/administrators", case.id), body).await;
    assert_eq!(saved.status, StatusCode::OK, "the next save goes through, without a restart: {}", saved.body);
}
