//! A full disk (issue 32, point 1): every refused write is a 503 in words, and the server writes
//! again by itself once space is back; under SQLite, readiness says so meanwhile. The disk is a
//! small tmpfs the test mounts, which needs root; elsewhere the test says it is skipped. Under
//! PostgreSQL the full disk is the database server's: its tables are moved to a tablespace there.

use crate::common::{act, admin, create, database, postgres_server, start_configured, temp, terms_version, Tab};
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

#[tokio::test]
async fn a_full_disk_at_postgresql_is_refused_in_words_and_writing_resumes_by_itself() {
    if postgres_server().is_none() {
        eprintln!("on SQLite: the test above is its full disk");
        return;
    }
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    let owned = std::process::Command::new("chown").arg("postgres").arg(&disk.folder).status();
    assert!(owned.is_ok_and(|status| status.success()), "the database server's own folder");
    let server = start_configured(|config| config.saves_per_minute = std::num::NonZeroU32::new(1000).unwrap()).await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    // Every table and index of the test's database onto the small disk (a tablespace is the
    // cluster's: named for this database).
    let pool = database(&server).await;
    let space = format!("small_{}", uuid::Uuid::new_v4().simple());
    for statement in [
        format!("CREATE TABLESPACE {space} LOCATION '{}'", disk.folder.display()),
        format!("ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE {space}"),
        format!("ALTER INDEX ALL IN TABLESPACE pg_default SET TABLESPACE {space}"),
    ] {
        sqlx::query(&statement).execute(&pool).await.unwrap();
    }

    let filler = disk.fill();
    // Saves that take turns each add to the history: new rows, new pages, until none can be had.
    let terms = json!({ "terms_version": terms_version(&lars).await });
    let (mut case, mut refused) = (case, 0);
    for i in 0..500 {
        let (action, body) = if i % 2 == 0 { ("administrators", administrators(i)) } else { ("terms", terms.clone()) };
        let reply = act(&lars, &case, action, body).await;
        match reply.status {
            StatusCode::OK => case = reply.json(),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(reply.code(), "unavailable", "{}", reply.body);
                refused += 1;
                if refused == 5 {
                    break;
                }
            }
            other => panic!("a full disk answered {other}: {}", reply.body),
        }
    }
    assert_eq!(refused, 5, "the disk filled up");

    std::fs::remove_file(filler).unwrap();
    let again = Tab::new(&server).post("/api/dev/login", json!({ "person_id": "mette" })).await;
    assert_eq!(again.status, StatusCode::OK, "a login once space is back, without a restart: {}", again.body);
    let saved = act(&lars, &case, "administrators", administrators(1)).await;
    assert_eq!(saved.status, StatusCode::OK, "and a save: {}", saved.body);

    // The cluster is shared: its next checkpoint must not meet the test's pages on a disk that
    // is gone. The database and the tablespace go before the disk does.
    pool.close().await;
    let Database::Postgres(url) = &server.database else { unreachable!("on PostgreSQL") };
    let name = url.rsplit('/').next().unwrap();
    let admin = sqlx::AnyPool::connect(&format!("{}/postgres", postgres_server().unwrap())).await.unwrap();
    for statement in [format!("DROP DATABASE {name} WITH (FORCE)"), format!("DROP TABLESPACE {space}")] {
        sqlx::query(&statement).execute(&admin).await.unwrap();
    }
}
