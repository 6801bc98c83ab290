//! Writes `dist/prerendered/<page>.html`: trunk's index.html with the first view of a page already
//! in the body, rendered natively by the same components. The browser paints it at once; when the
//! WebAssembly has started, `main.rs` replaces it with the live app. Only pages whose first view
//! does not depend on who is logged in are listed: everything that does is still loading then.

use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::path::PathBuf;
use tilslut::{App, PRERENDERED_ID};

/// (path, file name under dist/prerendered/)
const PAGES: &[(&str, &str)] = &[("/", "index"), ("/tilslut", "tilslut"), ("/tilgaengelighed", "tilgaengelighed")];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    any_spawner::Executor::init_futures_executor()?;
    let dist = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "dist".into()));
    let index = std::fs::read_to_string(dist.join("index.html"))?;
    let body = index.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    std::fs::create_dir_all(dist.join("prerendered"))?;
    for (path, name) in PAGES {
        let owner = Owner::new();
        let html = owner.with(|| {
            provide_context(RequestUrl::new(path));
            view! { <App /> }.to_html()
        });
        let page = format!("{}<div id=\"{PRERENDERED_ID}\">{html}</div>{}", &index[..body], &index[body..]);
        std::fs::write(dist.join("prerendered").join(format!("{name}.html")), page)?;
        println!("pre-rendered {path} → prerendered/{name}.html ({} bytes)", html.len());
    }
    Ok(())
}
