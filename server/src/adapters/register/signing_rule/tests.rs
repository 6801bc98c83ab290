//! Real signing rules as CVR and public guidance write them, each read for five people: a
//! director of a two-person direction (D), the only director (D1), a board member of a board of
//! three (B), the chair of that board (C), and the only member of a board (B1). `A` signs alone,
//! `-` does not, `?` the rule is not read (nobody alone, and the person is told why).
//!
//! Where each text came from:
//! - ERST: Erhvervsstyrelsen, "Hvem er tegningsberettiget?" (erhvervsstyrelsen.dk/hvem-er-tegningsberettigede)
//!   and "Vejledning om tegningsregler" (erhvervsstyrelsen.dk/vejledning-tegningsregler).
//! - BILLIG: help.billigselskab.dk/da/articles/915562-tegningsregel (the rules its formation form offers).
//! - DANSK: danskselskab.dk/ydelser/selskabsdokumenter/ny-tegningsregel ("oftest anvendes").
//! - CVR: rules of real companies as public CVR clients' tests assert them (CVR 30276582 and
//!   38696769), and CVR documents in public fixtures.
//! - CODE: texts in public code that registers or generates them: articles-of-association
//!   generators, company-data services, and associations' statutes (foreninger, whose rules CVR
//!   holds the same way). Found by exact-phrase search of public GitHub code.

use super::*;

fn standing(roles: &[Signer], directors: usize, board_members: usize) -> Standing {
    Standing { roles: roles.to_vec(), directors, board_members }
}

/// D, D1, B, C, B1.
fn people() -> [Standing; 5] {
    [
        standing(&[Signer::Director], 2, 3),
        standing(&[Signer::Director], 1, 3),
        standing(&[Signer::BoardMember], 2, 3),
        standing(&[Signer::Chair], 2, 3),
        standing(&[Signer::BoardMember], 2, 1),
    ]
}

#[rustfmt::skip]
const RULES: &[(&str, &str, &str)] = &[
    ("ERST", "Selskabet tegnes af bestyrelsens medlemmer hver for sig eller af en direktør alene", "AAAAA"),
    ("ERST", "Selskabets tegnes af bestyrelsens medlemmer hver for sig eller af en direktør alene", "AAAAA"),
    ("ERST", "Selskabet tegnes af en direktør alene", "AA---"),
    ("ERST", "Virksomheden tegnes af en direktør eller af den samlede bestyrelse", "AA--A"),
    ("ERST", "Virksomheden tegnes af ledelsen", "?????"),
    ("BILLIG", "Selskabet tegnes af direktionen i forening", "-A---"),
    ("DANSK", "Selskabet tegnes af en direktør og bestyrelsesformand i forening (eller den samlede bestyrelse).", "----A"),
    ("DANSK", "Selskabet tegnes af to direktører i forening.", "-----"),
    ("DANSK", "Selskabet tegnes af én direktør.", "AA---"),
    ("CVR", "Selskabet tegnes af tre bestyrelsesmedlemmer i forening eller af selskabets administrerende direktør i forening med én direktør eller ét bestyrelsesmedlem", "-----"),
    ("CVR", "Selskabet tegnes af direktionen alene.", "-A---"),
    ("CVR", "Hovedselskabet tegnes af en direktør", "AA---"),
    ("CVR", "Selskabet tegnes af en direktør i forening med et medlem af bestyrelsen eller af den samlede bestyrelse", "----A"),
    ("CODE", "Selskabet tegnes af en direktør.", "AA---"),
    ("CODE", "Selskabet tegnes af en direktør alene.", "AA---"),
    ("CODE", "Selskabet tegnes af direktøren alene.", "AA---"),
    ("CODE", "Selskabet tegnes af direktionen.", "-A---"),
    ("CODE", "Selskabet tegnes af en direktør alene eller af den samlede bestyrelse.", "AA--A"),
    ("CODE", "Selskabet tegnes af to direktører i forening, af en direktør i forening med en prokurist, eller af den samlede bestyrelse.", "----A"),
    ("CODE", "Selskabet tegnes af bestyrelsens formand i forening med en direktør eller den samlede bestyrelse.", "----A"),
    ("CODE", "Selskabet tegnes af bestyrelsens formand i forening med en direktør eller den samlede bestyrelse..", "----A"),
    ("CODE", "Selskabet tegnes af bestyrelsens formand i forening med en direktør.", "-----"),
    ("CODE", "Selskabet tegnes af 2 direktører i forening.", "-----"),
    ("CODE", "Selskabet tegnes af den samlede direktion.", "-A---"),
    ("CODE", "Selskabet tegnes af to bestyrelsesmedlemmer i forening.", "-----"),
    ("CODE", "Selskabet tegnes af den samlede bestyrelse.", "----A"),
    ("CODE", "Selskabet tegnes af direktør Fixture Person alene. Kontakt fixture@example.test", "?????"),
    ("CODE", "Selskabet tegnes af en direktør i forening med bestyrelsesformanden eller af den samlede bestyrelse.", "----A"),
    ("CODE", "Virksomheden tegnes af ejeren personligt.", "-----"),
    ("CODE", "Selskabet tegnes af direktøren", "AA---"),
    ("CODE", "Selskabet tegnes af direktøren i forening med bestyrelsesformanden eller af den samlede bestyrelse.", "----A"),
    ("CODE", "Foreningen tegnes af Forpersonen sammen med Kassereren.", "-----"),
    ("CODE", "Foreningen tegnes af hel bestyrelsen.", "?????"),
    ("CODE", "Direktionen tegner selskabet hver for sig", "?????"),
    ("CODE", "Foreningen tegnes af formanden i forening med ét bestyrelsesmedlem. Ved formandens forfald udøves tegningsretten af næstformanden i forening med ét bestyrelsesmedlem.", "-----"),
    ("CODE", "Foreningen tegnes af formanden i forening med kassereren, eller af formanden i forening med to øvrige bestyrelsesmedlemmer.", "-----"),
    ("CODE", "Foreningen tegnes af formanden og kassereren i foreningen.", "-----"),
    ("CODE", "Foreningen tegnes af formanden og kassereren i forening.", "-----"),
    ("CODE", "Foreningen tegnes af formanden i forening med enten næstformand eller kasserer.", "-----"),
    ("CODE", "Foreningen tegnes af formanden og i dennes fravær af næstformanden, i forening med mindst 2 øvrige medlemmer af bestyrelsen.", "-----"),
];

#[test]
fn every_real_rule_reads_as_the_register_means_it() {
    let mut wrong = Vec::new();
    for (source, rule, expected) in RULES {
        let read: String = people()
            .iter()
            .map(|person| match signs_alone(rule, person) {
                SoleSigning::Alone => 'A',
                SoleSigning::NotAlone => '-',
                SoleSigning::Unreadable(_) => '?',
            })
            .collect();
        if read != *expected {
            wrong.push(format!("{source}: {rule:?}: read {read}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_rules_are_distinct_and_from_a_named_source() {
    let mut texts: Vec<&str> = RULES.iter().map(|(_, rule, _)| *rule).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), RULES.len());
    assert!(RULES.iter().all(|(source, _, _)| ["ERST", "BILLIG", "DANSK", "CVR", "CODE"].contains(source)));
}

#[test]
fn a_chair_who_signs_alone() {
    let chair = standing(&[Signer::Chair], 1, 5);
    assert_eq!(
        signs_alone("Selskabet tegnes af bestyrelsens formand alene eller af to direktører i forening.", &chair),
        SoleSigning::Alone
    );
    let member = standing(&[Signer::BoardMember], 1, 5);
    assert_eq!(
        signs_alone("Selskabet tegnes af bestyrelsens formand alene eller af to direktører i forening.", &member),
        SoleSigning::NotAlone
    );
}

#[test]
fn an_unreadable_rule_says_why() {
    let director = standing(&[Signer::Director], 1, 0);
    let SoleSigning::Unreadable(why) = signs_alone("Selskabet tegnes af ledelsen.", &director) else { panic!("read") };
    assert!(why.contains("ledelsen"), "{why}");
    let SoleSigning::Unreadable(why) = signs_alone("Vedtægterne gælder.", &director) else { panic!("read") };
    assert!(why.contains("tegnes af"), "{why}");
}
