//! What the component tests in headless Chromium share (this crate's and `tilslut-elements`').

/// Lets the browser run pending tasks (a request's failure, a re-render) until `done` holds, at
/// most 200 turns of the event loop.
pub async fn until(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        let turn = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(turn).await.unwrap();
    }
    panic!("the condition never held");
}
