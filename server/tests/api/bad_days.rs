//! Bad days for the server itself, as the abuse tests found them (issue 20's points 7 and 8):
//! slow and many connections, a shutdown with a slow client, a damaged database.

use crate::common::{self, database, start, start_configured, Tab};
use reqwest::StatusCode;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Fails a test that would otherwise wait for ever on a server that never answers or stops.
async fn within_a_minute<T>(what: &str, future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), future).await.unwrap_or_else(|_| panic!("{what} never happened"))
}

// 7. Connections and shutdown.

fn quick_limits(config: &mut tilslut_server::Config) {
    config.limits.header_read_timeout = Duration::from_secs(1);
    config.limits.max_connections = 3;
}

#[tokio::test]
async fn a_request_header_that_never_ends_is_closed() {
    let server = start_configured(quick_limits).await;
    let mut slow = tokio::net::TcpStream::connect(server.base.trim_start_matches("http://")).await.unwrap();
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: tilslut\r\n").await.unwrap();
    let mut rest = Vec::new();
    within_a_minute("closing the slow connection", slow.read_to_end(&mut rest)).await.ok();
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
}

#[tokio::test]
async fn connections_beyond_the_limit_are_closed_and_the_rest_served() {
    let server = start_configured(|config| {
        quick_limits(config);
        config.limits.header_read_timeout = Duration::from_secs(60);
    })
    .await;
    let address = server.base.trim_start_matches("http://").to_string();
    let mut idle = Vec::new();
    for _ in 0..3 {
        let mut connection = tokio::net::TcpStream::connect(&address).await.unwrap();
        connection.write_all(b"GET /api/health HTTP/1.1\r\n").await.unwrap();
        idle.push(connection);
    }
    let mut fourth = tokio::net::TcpStream::connect(&address).await.unwrap();
    fourth.write_all(b"GET /api/health HTTP/1.1\r\nHost: tilslut\r\n\r\n").await.ok();
    let mut answer = Vec::new();
    within_a_minute("closing the connection over the limit", fourth.read_to_end(&mut answer)).await.ok();
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    drop(idle);
    let served = within_a_minute("serving once connections closed", async {
        loop {
            if let Ok(reply) = reqwest::get(format!("{}/api/health", server.base)).await {
                break reply.status();
            }
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert_eq!(served, StatusCode::OK);
}

#[tokio::test]
async fn a_shutdown_does_not_wait_for_ever_for_a_slow_client() {
    let dir = crate::common::temp::tempdir();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), "<html></html>").unwrap();
    let config = tilslut_server::Config {
        database: common::test_database(dir.path()).await,
        register: tilslut_server::adapters::register::Sources::demo(),
        dist: dir.path().join("dist"),
        dev_login: false,
        secure_cookies: false,
        login_per_minute: 30,
        saves_per_minute: std::num::NonZeroU32::new(30).unwrap(),
        trusted_proxies: 0,
        public_url: "http://127.0.0.1".into(),
        setup_url: "https://erhvervsadministration.example/".into(),
        oidc: None,
        allowed_origins: Vec::new(),
        cross_site_cookie: false,
        clock: tilslut_server::Clock::default(),
        limits: tilslut_server::serve::Limits {
            header_read_timeout: Duration::from_secs(3600),
            shutdown_grace: Duration::from_millis(200),
            ..Default::default()
        },
    };
    let pools = tilslut_server::open_database(&config.database).await.unwrap();
    let router = tilslut_server::app(&config, pools).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(tilslut_server::serve::serve(listener, router, config.limits, async {
        stopped.await.ok();
    }));
    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET /api/health HTTP/1.1\r\n").await.unwrap();
    // The connection is accepted once the server answers another.
    assert_eq!(reqwest::get(format!("http://{address}/api/health")).await.unwrap().status(), StatusCode::OK);
    stop.send(()).unwrap();
    within_a_minute("the server stopping", serving).await.unwrap();
}

// 8. A damaged database.

#[tokio::test]
async fn a_damaged_database_is_not_healthy() {
    let server = start().await;
    let anyone = Tab::new(&server);
    assert_eq!(anyone.get("/api/health").await.status, StatusCode::OK);
    sqlx::query("DROP TABLE document_contents").execute(&database(&server).await).await.unwrap();
    let health = anyone.get("/api/health").await;
    assert_eq!((health.status, health.code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"));
    assert_eq!(anyone.get("/api/health/live").await.status, StatusCode::OK, "alive, if not ready");
    // Nor does it start.
    let restarted = tilslut_server::open_database(&server.database).await;
    assert!(matches!(restarted, Err(tilslut_server::StartupError::Damaged { .. })));
}

#[tokio::test]
async fn one_client_cannot_take_every_connection() {
    let server = start_configured(|config| {
        config.limits.max_connections = 10;
        config.limits.max_connections_per_client = 3;
    })
    .await;
    let address: std::net::SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    // A connection from `client`, another loopback address of this machine.
    let connect_from = |client: [u8; 4]| async move {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind((std::net::Ipv4Addr::from(client), 0).into()).unwrap();
        socket.connect(address).await.unwrap()
    };
    let mut idle = Vec::new();
    for _ in 0..3 {
        let mut connection = connect_from([127, 0, 0, 1]).await;
        connection.write_all(b"GET /api/health HTTP/1.1\r\n").await.unwrap();
        idle.push(connection);
    }
    let answer_to = |mut connection: tokio::net::TcpStream| async move {
        connection.write_all(b"GET /api/health HTTP/1.1\r\nHost: tilslut\r\nConnection: close\r\n\r\n").await.ok();
        let mut answer = Vec::new();
        within_a_minute("an answer or a close", connection.read_to_end(&mut answer)).await.ok();
        String::from_utf8_lossy(&answer).to_string()
    };
    assert_eq!(answer_to(connect_from([127, 0, 0, 1]).await).await, "", "a fourth from the same client is closed");
    assert!(answer_to(connect_from([127, 0, 0, 2]).await).await.starts_with("HTTP/1.1 200"), "another client is served");
    drop(idle);
}

// Uploads (issue 32, point 3).

/// `person`'s session cookie and context header, from a login of their own.
async fn credentials(server: &common::TestServer, person: &str) -> (String, String) {
    let login = reqwest::Client::new().post(format!("{}/api/dev/login", server.base)).header("x-tilslut-context", "none");
    let login = login.json(&serde_json::json!({ "person_id": person })).send().await.unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let session: tilslut_api::Session = login.json().await.unwrap();
    (cookie, session.context.map(|c| c.key().header_value()).unwrap_or_else(|| "none".into()))
}

/// An upload of a 10 MB file to case `id` begun on a connection of its own: the head and the
/// first kilobyte, the rest never sent.
async fn upload_begun(server: &common::TestServer, (cookie, context): &(String, String), id: &str) -> tokio::net::TcpStream {
    let mut connection = tokio::net::TcpStream::connect(server.base.trim_start_matches("http://")).await.unwrap();
    let head = format!(
        "POST /api/cases/{id}/documents HTTP/1.1\r\nHost: tilslut\r\nCookie: {cookie}\r\nX-Tilslut-Context: {context}\r\n\
         Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 10000000\r\n\r\n"
    );
    connection.write_all(head.as_bytes()).await.unwrap();
    connection.write_all(&[b'x'; 1024]).await.unwrap();
    connection
}

/// The status line of the answer on `connection`, whenever it comes.
async fn status_line(connection: &mut tokio::net::TcpStream) -> String {
    let mut answer = vec![0; 256];
    let read = within_a_minute("an answer", connection.read(&mut answer)).await.unwrap();
    String::from_utf8_lossy(&answer[..read]).lines().next().unwrap_or_default().to_string()
}

/// A server that waits ten minutes for a body (so an upload's never-ending body is never timed
/// out in a test), and Ida's documentation case on it.
async fn ida_with_a_documentation_case() -> (common::TestServer, tilslut_api::Case) {
    let server = start_configured(|config| config.limits.body_read_timeout = Duration::from_secs(600)).await;
    let mut ida = Tab::new(&server);
    ida.login("ida").await;
    let case = common::create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    (server, case)
}

#[tokio::test]
async fn an_upload_to_a_case_not_ones_own_is_refused_before_its_body_is_read() {
    let (server, case) = ida_with_a_documentation_case().await;
    let emil = credentials(&server, "emil").await;
    for id in [case.id.as_str(), "no-such-case"] {
        let mut upload = upload_begun(&server, &emil, id).await;
        assert!(status_line(&mut upload).await.starts_with("HTTP/1.1 404"), "{id}");
    }
}

#[tokio::test]
async fn a_person_has_two_uploads_in_flight_at_most() {
    let (server, case) = ida_with_a_documentation_case().await;
    let credentials = credentials(&server, "ida").await;
    // Three begun at once: whichever come first are admitted and wait for their bodies, which never
    // come; the one left over is answered at once.
    let mut uploads = Vec::new();
    for _ in 0..3 {
        uploads.push(upload_begun(&server, &credentials, &case.id).await);
    }
    let [first, second, third] = &mut uploads[..] else { unreachable!() };
    let answered = tokio::select! {
        line = status_line(first) => line,
        line = status_line(second) => line,
        line = status_line(third) => line,
    };
    assert!(answered.starts_with("HTTP/1.1 429"), "{answered}");
}
