//! A company as Erhvervsstyrelsen's CVR distribution returns it (`hits.hits[]._source`, the
//! `Vrvirksomhed` object), reduced to the parts tilslut decides on. Field names are the
//! distribution's own; everything else in a document is ignored. Every value carries its period,
//! and only what holds on the day asked counts ([`Periode::holds_on`]).

use chrono::NaiveDate;
use serde::Deserialize;

/// One search hit's `_source`: `{"Vrvirksomhed": {…}}`.
#[derive(Clone, Debug, Deserialize)]
pub struct Source {
    #[serde(rename = "Vrvirksomhed")]
    pub virksomhed: Vrvirksomhed,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vrvirksomhed {
    /// A number in the distribution (a string in some exports).
    #[serde(deserialize_with = "number_or_text")]
    pub cvr_nummer: u64,
    pub virksomhed_metadata: Metadata,
    #[serde(default)]
    pub livsforloeb: Vec<Livsforloeb>,
    #[serde(default)]
    pub virksomhedsstatus: Vec<Status>,
    #[serde(default)]
    pub attributter: Vec<Attribut>,
    #[serde(default)]
    pub deltager_relation: Vec<DeltagerRelation>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub nyeste_navn: Option<Navn>,
    pub nyeste_virksomhedsform: Option<Virksomhedsform>,
    pub sammensat_status: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Navn {
    pub navn: String,
    #[serde(default)]
    pub periode: Periode,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Virksomhedsform {
    pub virksomhedsformkode: u16,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Livsforloeb {
    #[serde(default)]
    pub periode: Periode,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Status {
    pub status: String,
    #[serde(default)]
    pub periode: Periode,
}

/// An attribute with its values over time: `TEGNINGSREGEL` on a company, `FUNKTION` on a member.
#[derive(Clone, Debug, Deserialize)]
pub struct Attribut {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub vaerdier: Vec<Vaerdi>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Vaerdi {
    pub vaerdi: String,
    #[serde(default)]
    pub periode: Periode,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DeltagerRelation {
    pub deltager: Option<Deltager>,
    #[serde(default)]
    pub organisationer: Vec<Organisation>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deltager {
    pub enheds_nummer: u64,
    pub enhedstype: Option<String>,
    #[serde(default)]
    pub navne: Vec<Navn>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub hovedtype: String,
    #[serde(default)]
    pub organisations_navn: Vec<Navn>,
    #[serde(default)]
    pub medlems_data: Vec<MedlemsData>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct MedlemsData {
    #[serde(default)]
    pub attributter: Vec<Attribut>,
}

/// `{"gyldigFra": "2015-01-01", "gyldigTil": null}`: from a day, until a day or for now.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Periode {
    pub gyldig_fra: Option<NaiveDate>,
    pub gyldig_til: Option<NaiveDate>,
}

impl Periode {
    /// Whether the value holds on `day`: begun, and not ended before it.
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.gyldig_fra.is_none_or(|from| from <= day) && self.gyldig_til.is_none_or(|until| day <= until)
    }
}

/// The values of attribute `kind` that hold on `day`.
pub fn current_values<'a>(attributes: &'a [Attribut], kind: &'a str, day: NaiveDate) -> impl Iterator<Item = &'a str> {
    attributes
        .iter()
        .filter(move |attribute| attribute.kind == kind)
        .flat_map(|attribute| &attribute.vaerdier)
        .filter(move |value| value.periode.holds_on(day))
        .map(|value| value.vaerdi.as_str())
}

/// The name that holds on `day`, else the latest one.
pub fn name_on(names: &[Navn], day: NaiveDate) -> Option<&str> {
    names.iter().find(|name| name.periode.holds_on(day)).or(names.last()).map(|name| name.navn.as_str())
}

fn number_or_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrText {
        Number(u64),
        Text(String),
    }
    match NumberOrText::deserialize(deserializer)? {
        NumberOrText::Number(number) => Ok(number),
        NumberOrText::Text(text) => text.trim().parse().map_err(serde::de::Error::custom),
    }
}
