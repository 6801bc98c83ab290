//! The two decisions on small companies written as CVR writes them: each case the issue names
//! (a resigned director, a ceased company, a beneficial owner only, a board member of a
//! two-signature A/S, a chair who signs alone, a one-member board, an unreadable rule).

use super::*;
use crate::adapters::register::model::Source;
use serde_json::{json, Value};

const TODAY: &str = "2026-12-07";

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

fn period(from: &str, until: Option<&str>) -> Value {
    json!({ "gyldigFra": from, "gyldigTil": until })
}

/// A participant with `functions` as (hovedtype, organisation, FUNKTION, until).
fn participant(number: u64, name: &str, functions: &[(&str, &str, &str, Option<&str>)]) -> Value {
    let organisations: Vec<Value> = functions
        .iter()
        .map(|(hovedtype, organisation, function, until)| {
            json!({
                "hovedtype": hovedtype,
                "organisationsNavn": [{ "navn": organisation, "periode": period("2015-01-01", None) }],
                "medlemsData": [{ "attributter": [{ "type": "FUNKTION", "vaerdier": [{ "vaerdi": function, "periode": period("2015-01-01", *until) }] }] }]
            })
        })
        .collect();
    json!({
        "deltager": { "enhedsNummer": number, "enhedstype": "PERSON", "navne": [{ "navn": name, "periode": period("1990-01-01", None) }] },
        "organisationer": organisations
    })
}

fn company(form: u16, status: &str, rule: Option<&str>, participants: Vec<Value>) -> Vrvirksomhed {
    let rules: Vec<Value> = rule.map(|rule| json!({ "vaerdi": rule, "periode": period("2015-01-01", None) })).into_iter().collect();
    let source: Source = serde_json::from_value(json!({ "Vrvirksomhed": {
        "cvrNummer": 13748136,
        "virksomhedMetadata": {
            "nyesteNavn": { "navn": "Prøve ApS", "periode": period("2015-01-01", None) },
            "nyesteVirksomhedsform": { "virksomhedsformkode": form },
            "sammensatStatus": status
        },
        "livsforloeb": [{ "periode": period("2015-01-01", None) }],
        "virksomhedsstatus": [{ "status": status.to_uppercase(), "periode": period("2015-01-01", None) }],
        "attributter": [{ "type": "TEGNINGSREGEL", "vaerdier": rules }],
        "deltagerRelation": participants
    }}))
    .unwrap();
    source.virksomhed
}

const DIRECTION: (&str, &str) = ("LEDELSESORGAN", "Direktion");
const BOARD: (&str, &str) = ("LEDELSESORGAN", "Bestyrelse");

fn director(number: u64, until: Option<&'static str>) -> Value {
    participant(number, "Direktør", &[(DIRECTION.0, DIRECTION.1, "DIREKTØR", until)])
}

fn board(number: u64, function: &str) -> Value {
    participant(number, "Bestyrelse", &[(BOARD.0, BOARD.1, function, None)])
}

/// (is representative, may act privately) for participant `number`.
fn decisions(company: &Vrvirksomhed, number: u64) -> (bool, bool) {
    let members = members(company, today());
    let Some(member) = members.iter().find(|m| m.participant == number) else { return (false, false) };
    let form = form(company).unwrap();
    let alone = sole_signing(company, &members, member, today()) == SoleSigning::Alone;
    (is_representative(form, member), is_active(company, today()) && !form.is_association() && alone)
}

#[test]
fn a_director_who_resigned_last_year_is_no_longer_one() {
    let company =
        company(80, "Normal", Some("Selskabet tegnes af en direktør alene."), vec![director(1, Some("2025-06-30")), director(2, None)]);
    assert_eq!(decisions(&company, 1), (false, false));
    assert_eq!(decisions(&company, 2), (true, true));
}

#[test]
fn a_ceased_company_is_no_one_to_act_for() {
    for status in ["OPLØST EFTER KONKURS", "TVANGSOPLØST", "UNDER KONKURS", "UNDER FRIVILLIG LIKVIDATION"] {
        let company = company(80, status, Some("Selskabet tegnes af en direktør alene."), vec![director(1, None)]);
        assert!(!is_active(&company, today()), "{status}");
        assert_eq!(decisions(&company, 1), (true, false), "{status}");
    }
    let mut ended = company(80, "Normal", Some("Selskabet tegnes af en direktør alene."), vec![director(1, None)]);
    ended.livsforloeb[0].periode.gyldig_til = Some("2024-12-31".parse().unwrap());
    assert!(!is_active(&ended, today()));
}

#[test]
fn a_beneficial_owner_only_is_neither_representative_nor_signatory() {
    let owner = participant(3, "Ejer", &[("REGISTER", "Reelle ejere", "REEL EJER", None)]);
    let company = company(80, "Normal", Some("Selskabet tegnes af en direktør alene."), vec![director(1, None), owner]);
    assert_eq!(decisions(&company, 3), (false, false));
}

#[test]
fn a_board_member_of_a_two_signature_a_s_represents_it_but_does_not_sign_alone() {
    let rule = "Selskabet tegnes af to bestyrelsesmedlemmer i forening.";
    let company = company(60, "Normal", Some(rule), vec![board(1, "FORMAND"), board(2, "BESTYRELSESMEDLEM"), director(3, None)]);
    assert_eq!(decisions(&company, 2), (true, false));
    assert_eq!(decisions(&company, 1), (true, false));
}

#[test]
fn a_chair_who_signs_alone() {
    let rule = "Selskabet tegnes af bestyrelsens formand alene eller af to bestyrelsesmedlemmer i forening.";
    let company = company(60, "Normal", Some(rule), vec![board(1, "FORMAND"), board(2, "BESTYRELSESMEDLEM"), board(3, "NÆSTFORMAND")]);
    assert_eq!(decisions(&company, 1), (true, true));
    assert_eq!(decisions(&company, 3), (true, false));
}

#[test]
fn a_one_member_board_signs_as_the_whole_board() {
    let rule = "Selskabet tegnes af en direktør i forening med et medlem af bestyrelsen eller af den samlede bestyrelse";
    let alone = company(60, "Normal", Some(rule), vec![board(1, "BESTYRELSESMEDLEM"), director(2, None)]);
    assert_eq!(decisions(&alone, 1), (true, true));
    let two = company(60, "Normal", Some(rule), vec![board(1, "FORMAND"), board(4, "BESTYRELSESMEDLEM"), director(2, None)]);
    assert_eq!(decisions(&two, 1), (true, false));
}

#[test]
fn an_unreadable_rule_lets_nobody_act_alone_and_says_why() {
    let company = company(80, "Normal", Some("Selskabet tegnes af ledelsen."), vec![director(1, None)]);
    let members = members(&company, today());
    let SoleSigning::Unreadable(why) = sole_signing(&company, &members, &members[0], today()) else { panic!("read") };
    assert!(why.contains("ledelsen"), "{why}");
    assert_eq!(decisions(&company, 1), (true, false));
}

#[test]
fn owners_and_partners_sign_alone_whatever_the_rule() {
    let owner =
        participant(5, "Indehaver", &[("FULDT_ANSVARLIG_DELTAGERE", "Fuldt ansvarlige deltagere", "FULDT ANSVARLIG DELTAGER", None)]);
    let sole = company(10, "Aktiv", None, vec![owner.clone()]);
    assert_eq!(decisions(&sole, 5), (true, true));
    let partnership = company(30, "Aktiv", None, vec![owner]);
    assert_eq!(decisions(&partnership, 5), (true, true));
}

#[test]
fn associations_have_representatives_but_are_never_a_context() {
    let chair = participant(6, "Formand", &[("LEDELSESORGAN", "Bestyrelse", "FORMAND", None)]);
    let club = company(110, "Normal", Some("Foreningen tegnes af formanden alene."), vec![chair]);
    assert_eq!(decisions(&club, 6), (true, false));
}

#[test]
fn foundations_have_no_representative_the_register_confirms() {
    let fund = company(90, "Normal", Some("Fonden tegnes af den samlede bestyrelse."), vec![board(7, "FORMAND")]);
    assert!(!decisions(&fund, 7).0);
}

#[test]
fn roles_are_named_in_words() {
    let company = company(60, "Normal", None, vec![board(1, "FORMAND"), director(2, None), board(3, "SUPPLEANT")]);
    let titles: Vec<String> = members(&company, today()).iter().flat_map(|m| m.roles.iter().map(|r| r.title.clone())).collect();
    assert_eq!(titles, ["Formand", "Direktør", "Suppleant"]);
}
