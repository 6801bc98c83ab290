//! PostgreSQL going away while the server runs, and coming back: the server answers 503 problems
//! meanwhile (alive, not ready), loses nothing, and goes on by itself. Runs where `make test` gives the suite a
//! PostgreSQL cluster it may stop (`TILSLUT_TEST_POSTGRES_CTL`); a SQLite file does not go away.

#[path = "api/common/mod.rs"]
mod common;

use common::{admin, create, start, Tab};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;
use tilslut_api::Case;

/// Stops or starts the suite's PostgreSQL cluster.
fn cluster(ctl: &str, action: &str) {
    let status = std::process::Command::new(ctl).arg(action).stdout(std::process::Stdio::null()).status().unwrap();
    assert!(status.success(), "{ctl} {action}");
}

#[tokio::test]
async fn a_lost_database_gives_503_problems_and_the_server_recovers_by_itself() {
    let Ok(ctl) = std::env::var("TILSLUT_TEST_POSTGRES_CTL") else {
        eprintln!("on SQLite: nothing to stop (make test runs this on PostgreSQL)");
        return;
    };
    let server = start().await;
    let mut mette = Tab::new(&server);
    mette.login("mette").await;
    let case = create(&mette, "Jensens Tømrerforretning", "representative").await;
    let change = json!({ "version": case.version, "administrators": [admin("Bent Revisor", "bent@revision.dk")] });
    let path = format!("/api/cases/{}/administrators", case.id);

    cluster(&ctl, "stop");
    // Alive, and not ready: a supervisor leaves it running, a load balancer sends no one.
    assert_eq!(mette.get("/api/health/live").await.status, StatusCode::OK);
    for reply in
        [mette.get("/api/health").await, mette.get(&format!("/api/cases/{}", case.id)).await, mette.put(&path, change.clone()).await]
    {
        assert_eq!((reply.status, reply.code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"), "{}", reply.body);
    }
    // A login meanwhile is told the same, once: a known person is not audited as an unknown one.
    let asked = std::time::Instant::now();
    let login = Tab::new(&server).post("/api/dev/login", json!({ "person_id": "lars" })).await;
    eprintln!("a login during the outage answered {} in {:.1} s", login.status, asked.elapsed().as_secs_f64());
    assert_eq!((login.status, login.code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"), "{}", login.body);
    cluster(&ctl, "start");

    // Healthy again without a restart; the session and the case as they were, and the change
    // that failed goes through when sent again.
    tokio::time::timeout(Duration::from_secs(60), async {
        while mette.get("/api/health").await.status != StatusCode::OK {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the server healthy again");
    let reply = mette.put(&path, change).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let changed: Case = reply.json();
    assert_eq!(changed.version, case.version + 1);
    assert_eq!(changed.administrators.len(), 1);
}
