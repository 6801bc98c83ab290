//! What each MitID broker calls things, how it is asked for an assurance level, and how it is
//! given the short text MitID shows when a person signs. `TILSLUT_OIDC_BROKER` picks a profile;
//! the separate `TILSLUT_OIDC_…` variables override its parts. The values come from the brokers'
//! public documentation (docs/operating.md names them); only the generic profile has been tried
//! against a running provider here (npm `oidc-provider`, in the tests), the others by the shape of
//! the requests they are sent.

use base64::Engine as _;
use serde_json::Value;

/// The brokers tilslut knows the ways of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broker {
    /// Any OpenID Connect provider with NemLog-in's claim names: no signing text is sent.
    Generic,
    /// Signaturgruppen's MitID broker (formerly Nets eID Broker).
    Signaturgruppen,
    /// Criipto (Idura) Verify.
    Criipto,
    /// NemLog-in's OpenID Connect, for public service providers.
    NemLogIn,
}

/// How a broker is told the text MitID shows when the person signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceTextParameter {
    /// It is not: the person sees the broker's own words.
    NotSent,
    /// Signaturgruppen: `idp_params={"mitid":{"reference_text":<base64>,"action_text":"SIGN"}}`.
    IdpParams,
    /// Criipto: `login_hint=message:<base64> action:sign`.
    LoginHint,
}

/// A broker's defaults, each overridable by its own variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    /// `TILSLUT_OIDC_SCOPES`: asked for besides `openid`.
    pub scopes: &'static str,
    /// `TILSLUT_OIDC_CPR_CLAIM`.
    pub cpr_claim: &'static str,
    /// `TILSLUT_OIDC_NAME_CLAIM`.
    pub name_claim: &'static str,
    /// `TILSLUT_OIDC_ACR_VALUES`: the assurance level asked for.
    pub acr_values: Option<&'static str>,
    pub reference_text: ReferenceTextParameter,
    /// The claim in which the broker gives back the reference text it showed, if it does.
    pub echo_claim: Option<&'static str>,
}

/// NemLog-in's names (OIOSAML 3's attributes, as its OpenID Connect tokens carry them).
pub const NEMLOGIN_CPR_CLAIM: &str = "https://data.gov.dk/model/core/eid/cprNumber";
pub const NEMLOGIN_NAME_CLAIM: &str = "https://data.gov.dk/model/core/eid/fullName";
pub const NEMLOGIN_LOA_CLAIM: &str = "https://data.gov.dk/concept/core/nsis/loa";
const NSIS_SUBSTANTIAL: &str = "https://data.gov.dk/concept/core/nsis/loa/Substantial";

impl Broker {
    pub fn parse(name: &str) -> Option<Broker> {
        Some(match name {
            "generic" => Broker::Generic,
            "signaturgruppen" => Broker::Signaturgruppen,
            "criipto" => Broker::Criipto,
            "nemlogin" => Broker::NemLogIn,
            _ => return None,
        })
    }

    pub fn profile(self) -> Profile {
        match self {
            Broker::Generic => Profile {
                scopes: "profile",
                cpr_claim: NEMLOGIN_CPR_CLAIM,
                name_claim: "name",
                acr_values: None,
                reference_text: ReferenceTextParameter::NotSent,
                echo_claim: None,
            },
            Broker::Signaturgruppen => Profile {
                scopes: "mitid ssn",
                cpr_claim: "dk.cpr",
                name_claim: "mitid.identity_name",
                acr_values: Some(NSIS_SUBSTANTIAL),
                reference_text: ReferenceTextParameter::IdpParams,
                echo_claim: Some("mitid.reference_text"),
            },
            Broker::Criipto => Profile {
                scopes: "ssn",
                cpr_claim: "cprNumberIdentifier",
                name_claim: "name",
                acr_values: Some("urn:grn:authn:dk:mitid:substantial"),
                reference_text: ReferenceTextParameter::LoginHint,
                echo_claim: None,
            },
            Broker::NemLogIn => Profile {
                scopes: "profile",
                cpr_claim: NEMLOGIN_CPR_CLAIM,
                name_claim: NEMLOGIN_NAME_CLAIM,
                acr_values: Some(NSIS_SUBSTANTIAL),
                reference_text: ReferenceTextParameter::NotSent,
                echo_claim: None,
            },
        }
    }
}

/// The eIDAS / NSIS assurance levels, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Assurance {
    Low,
    Substantial,
    High,
}

/// What a login must reach to count, for a login and for a signature alike.
pub const REQUIRED_ASSURANCE: Assurance = Assurance::Substantial;

/// The claims a level may come in, by the brokers' names: the standard `acr`
/// (`urn:grn:authn:dk:mitid:substantial`, `…/nsis/loa/Substantial`), `loa`, and NemLog-in's.
const ASSURANCE_CLAIMS: [&str; 3] = ["acr", "loa", NEMLOGIN_LOA_CLAIM];

/// The highest level the claims state, read from the last word of each value; none when no
/// claim states one this knows.
pub fn assurance_of(claims: &Value) -> Option<Assurance> {
    ASSURANCE_CLAIMS
        .iter()
        .filter_map(|name| claims.get(name)?.as_str())
        .filter_map(|value| match value.rsplit(['/', ':']).next()?.to_ascii_lowercase().as_str() {
            "low" => Some(Assurance::Low),
            "substantial" => Some(Assurance::Substantial),
            "high" => Some(Assurance::High),
            _ => None,
        })
        .max()
}

/// The longest reference text MitID shows (characters, before encoding).
pub const MAX_REFERENCE_TEXT: usize = 130;

/// The authorization request's parameters that carry `text` to the broker with the signing
/// action, as `how` says; `text` is at most [`MAX_REFERENCE_TEXT`] characters.
pub fn reference_parameters(how: ReferenceTextParameter, text: &str) -> Vec<(&'static str, String)> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    match how {
        ReferenceTextParameter::NotSent => vec![],
        ReferenceTextParameter::IdpParams => {
            let params = serde_json::json!({ "mitid": { "reference_text": encoded, "action_text": "SIGN" } });
            vec![("idp_params", params.to_string())]
        }
        ReferenceTextParameter::LoginHint => vec![("login_hint", format!("message:{encoded} action:sign"))],
    }
}

/// Whether the text a broker says it showed is the one sent: as sent (base64) or decoded.
pub fn echo_matches(sent: &str, echoed: &str) -> bool {
    let decoded = base64::engine::general_purpose::STANDARD.decode(echoed).ok().and_then(|bytes| String::from_utf8(bytes).ok());
    echoed == sent || decoded.as_deref() == Some(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_broker_is_named_as_the_setting_writes_it() {
        for (name, broker) in [
            ("generic", Broker::Generic),
            ("signaturgruppen", Broker::Signaturgruppen),
            ("criipto", Broker::Criipto),
            ("nemlogin", Broker::NemLogIn),
        ] {
            assert_eq!(Broker::parse(name), Some(broker));
        }
        assert_eq!(Broker::parse("Criipto"), None);
    }

    #[test]
    fn the_level_is_read_from_whichever_claim_states_it() {
        assert_eq!(assurance_of(&json!({ "acr": "urn:grn:authn:dk:mitid:substantial" })), Some(Assurance::Substantial));
        assert_eq!(assurance_of(&json!({ "loa": "https://data.gov.dk/concept/core/nsis/loa/High" })), Some(Assurance::High));
        assert_eq!(assurance_of(&json!({ NEMLOGIN_LOA_CLAIM: "Low" })), Some(Assurance::Low));
        assert_eq!(assurance_of(&json!({ "acr": "1", "loa": "Substantial" })), Some(Assurance::Substantial));
        for none in [json!({}), json!({ "acr": "0" }), json!({ "acr": 2 }), json!({ "acr": "urn:grn:authn:dk:mitid:business" })] {
            assert_eq!(assurance_of(&none), None, "{none}");
        }
        assert!(Assurance::Low < REQUIRED_ASSURANCE && REQUIRED_ASSURANCE < Assurance::High);
    }

    #[test]
    fn the_reference_text_goes_base64_with_the_signing_action() {
        let text = "Tilslut Nielsen Rådgivning ApS (CVR 12345678) til MitID Erhverv";
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let [(name, value)] = reference_parameters(ReferenceTextParameter::IdpParams, text).try_into().unwrap();
        assert_eq!(name, "idp_params");
        let value: Value = serde_json::from_str(&value).unwrap();
        assert_eq!(value, json!({ "mitid": { "reference_text": encoded, "action_text": "SIGN" } }));
        let hint = reference_parameters(ReferenceTextParameter::LoginHint, text);
        assert_eq!(hint, vec![("login_hint", format!("message:{encoded} action:sign"))]);
        assert!(reference_parameters(ReferenceTextParameter::NotSent, text).is_empty());
    }

    #[test]
    fn an_echo_matches_only_the_text_sent() {
        let sent = "Tilslut Nielsen Rådgivning ApS (CVR 12345678) til MitID Erhverv";
        assert!(echo_matches(sent, &base64::engine::general_purpose::STANDARD.encode(sent)));
        assert!(echo_matches(sent, sent));
        assert!(!echo_matches(sent, &base64::engine::general_purpose::STANDARD.encode("Tilslut Anden ApS")));
        assert!(!echo_matches(sent, ""));
    }
}
