//! What the brokers' profiles add to a login through a real provider (npm `oidc-provider`,
//! e2e/tools/oidc-provider.mjs): the assurance level checked, and a signing's reference text
//! sent as Signaturgruppen takes it, with the text the broker says MitID showed checked.

use crate::common::Tab;
use crate::oidc::{
    begin_signing, callback_from, case_now, ready_to_sign, refused_with, start_as, stopping_browser, told_on_the_page, CONFORMANT,
};
use base64::Engine as _;
use reqwest::StatusCode;
use tilslut_api::{Case, CaseStatus};
use tilslut_server::adapters::oidc::broker::{Broker, MAX_REFERENCE_TEXT};

#[tokio::test]
async fn a_login_below_substantial_assurance_is_refused_in_words() {
    let (server, _provider) = start_as(Broker::Generic, CONFORMANT, |_| {}).await;
    let browser = stopping_browser();
    let callback = callback_from(&browser, &format!("{}/api/login", server.base), "lav").await;
    refused_with(&browser.get(callback).send().await.unwrap(), "sikringsniveau");
    let session = browser.get(format!("{}/api/session", server.base)).send().await.unwrap();
    assert_eq!(session.status(), StatusCode::UNAUTHORIZED);
}

/// The reference text in the authorization request at `location`, decoded, and the action.
fn reference_text_in(location: &str) -> (String, String) {
    let url = reqwest::Url::parse(location).unwrap();
    let params = url.query_pairs().find(|(name, _)| name == "idp_params").expect("idp_params").1;
    let params: serde_json::Value = serde_json::from_str(&params).unwrap();
    let encoded = params["mitid"]["reference_text"].as_str().expect("base64 text");
    let text = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encoded).unwrap()).unwrap();
    (text, params["mitid"]["action_text"].as_str().unwrap().to_string())
}

async fn sign_at_provider(tab: &Tab, case: &Case) -> (String, reqwest::Response) {
    let location = begin_signing(tab, case).await;
    let callback = callback_from(&tab.http, &location, "lars").await;
    (location, tab.http.get(callback).send().await.unwrap())
}

#[tokio::test]
async fn signing_shows_mitid_the_reference_text_and_records_it_with_the_signature() {
    let (server, _provider) = start_as(Broker::Signaturgruppen, CONFORMANT, |_| {}).await;
    let (tab, case) = ready_to_sign(&server).await;
    let (location, landed) = sign_at_provider(&tab, &case).await;
    let (text, action) = reference_text_in(&location);
    assert_eq!(text, format!("Tilslut Nielsen Rådgivning ApS (CVR {}) til MitID Erhverv", case.organisation.cvr));
    assert!(text.chars().count() <= MAX_REFERENCE_TEXT);
    assert_eq!(action, "SIGN");
    assert!(location.contains("acr_values="), "the assurance level is asked for: {location}");
    assert_eq!(landed.headers()["location"].to_str().unwrap(), format!("/tilslut/{}/kvittering", case.id));
    let signature = case_now(&tab, &case).await.approval.unwrap().signature.unwrap();
    assert_eq!(signature.reference_text.as_deref(), Some(text.as_str()));
}

#[tokio::test]
async fn a_broker_that_showed_another_text_signs_nothing() {
    let (server, _provider) = start_as(Broker::Signaturgruppen, &["--altered-echo"], |_| {}).await;
    let (tab, case) = ready_to_sign(&server).await;
    let (_, landed) = sign_at_provider(&tab, &case).await;
    told_on_the_page(&landed, &case, "tekst-afviger");
    assert_eq!(case_now(&tab, &case).await.status, CaseStatus::Draft);
}
