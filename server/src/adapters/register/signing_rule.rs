//! Who signs alone, read from a company's signing rule (`TEGNINGSREGEL`), which CVR holds only as
//! free text. The standard phrasings are read ("tegnes af en direktør alene", "af bestyrelsens
//! formand i forening med …", "af den samlede bestyrelse", "hver for sig", alternatives joined by
//! "eller"); a text or a part of one that is not read counts as nobody alone, with the reason.
//! Alternatives are alternatives: one that lets the person sign alone is enough.

/// A role that a signing rule names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer {
    /// A member of the executive board (direktion).
    Director,
    /// The managing director (administrerende direktør).
    ManagingDirector,
    /// A member of the board of directors (bestyrelse), the chair included.
    BoardMember,
    /// The chair of the board.
    Chair,
    /// The owner of a sole proprietorship, a partner of an I/S, the komplementar of a K/S.
    FullyLiable,
}

/// The body a rule may name as a whole ("den samlede bestyrelse", "direktionen").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    Board,
    Direction,
}

/// How the person stands, for reading a rule: their current roles and the size of each body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub roles: Vec<Signer>,
    pub board_members: usize,
    pub directors: usize,
}

/// What a signing rule says of one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SoleSigning {
    Alone,
    NotAlone,
    /// Not read: nobody alone, and this is why (said to the person, in Danish as the rule is).
    Unreadable(String),
}

/// What one alternative of a rule lets sign.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Alternative {
    /// One person in this role, by themself.
    One(Signer),
    /// The body as a whole: alone only where it has one member.
    Whole(Body),
    /// Two or more together.
    Joint,
}

/// Reads `rule` for the person standing as `standing`.
pub fn signs_alone(rule: &str, standing: &Standing) -> SoleSigning {
    let alternatives = match read(rule) {
        Ok(alternatives) => alternatives,
        Err(why) => return SoleSigning::Unreadable(why),
    };
    let mut unread = None;
    for alternative in alternatives {
        match alternative {
            Ok(Alternative::One(signer)) if holds(signer, standing) => return SoleSigning::Alone,
            Ok(Alternative::Whole(body)) if is_sole_member(body, standing) => return SoleSigning::Alone,
            Ok(_) => {}
            Err(part) => unread = unread.or(Some(part)),
        }
    }
    match unread {
        Some(part) => SoleSigning::Unreadable(format!("tegningsreglen kan ikke læses automatisk: »{part}«")),
        None => SoleSigning::NotAlone,
    }
}

fn holds(signer: Signer, standing: &Standing) -> bool {
    standing.roles.iter().any(|role| match signer {
        Signer::BoardMember => matches!(role, Signer::BoardMember | Signer::Chair),
        Signer::Director => matches!(role, Signer::Director | Signer::ManagingDirector),
        other => *role == other,
    })
}

fn is_sole_member(body: Body, standing: &Standing) -> bool {
    match body {
        Body::Board => standing.board_members == 1 && holds(Signer::BoardMember, standing),
        Body::Direction => standing.directors == 1 && holds(Signer::Director, standing),
    }
}

/// The rule's alternatives, each read or the text that was not; `Err` when the rule as a whole
/// is not one (no "tegnes af", or words that could widen it).
fn read(rule: &str) -> Result<Vec<Result<Alternative, String>>, String> {
    let text = normalise(rule);
    let mut sentences = text.split(". ").map(str::trim).filter(|s| !s.is_empty());
    let first = sentences.next().unwrap_or_default();
    let Some((_, signers)) = first.split_once("tegnes af ") else {
        return Err(format!("tegningsreglen siger ikke, hvem virksomheden tegnes af: »{}«", rule.trim()));
    };
    // A further sentence may only narrow the rule (who stands in for whom, jointly); one that
    // could let someone sign alone is not guessed at.
    if let Some(further) = sentences.find(|sentence| !sentence.contains("i forening")) {
        return Err(format!("tegningsreglen har en betingelse, der ikke kan læses automatisk: »{further}«"));
    }
    Ok(split_alternatives(signers).into_iter().map(|part| alternative(&part).ok_or(part)).collect())
}

/// Lower case, one space between words, no full stop at the end, brackets and accents on
/// "én"/"ét" gone: the same rule however it was typed.
fn normalise(rule: &str) -> String {
    let lower = rule.to_lowercase().replace(['(', ')'], " ").replace("én ", "en ").replace("ét ", "et ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").trim_end_matches('.').trim().to_string()
}

/// The words an alternative can begin with, after "eller".
const SIGNER_STARTS: &[&str] = &[
    "af ",
    "en ",
    "et ",
    "to ",
    "tre ",
    "2 ",
    "3 ",
    "den ",
    "det ",
    "direkt",
    "bestyrelse",
    "formand",
    "næstformand",
    "selskabets ",
    "hver ",
    "ejeren",
    "indehaveren",
    "komplementar",
    "interessent",
];

/// "A, af B, eller af C" → [A, B, C]; an "eller" inside one alternative ("i forening med enten X
/// eller Y") stays in it.
fn split_alternatives(signers: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let words: Vec<&str> = signers.split(' ').collect();
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        let rest = words[index + 1..].join(" ");
        let is_joiner = word.trim_end_matches(',') == "eller" || (word == "af" && parts.last().is_some_and(|p| p.ends_with(',')));
        let current = parts.last_mut().expect("one part");
        // Inside "X i forening med Y eller Z", "eller" names X's partners, not another way to
        // sign; only "eller af …" and "eller den samlede …" begin one. Splitting there would let
        // a partner sign alone, so when in doubt it does not.
        let within_joint = current.contains("i forening med") && !rest.starts_with("af ") && !rest.starts_with("den samlede");
        if is_joiner && !within_joint && SIGNER_STARTS.iter().any(|start| format!("{rest} ").starts_with(start)) {
            parts.push(String::new());
            index += 1;
            // "eller af X": the "af" belongs to the joiner.
            if words.get(index) == Some(&"af") {
                index += 1;
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        index += 1;
    }
    parts.into_iter().map(|part| part.trim().trim_end_matches(',').trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// One alternative read, if it is one of the standard phrasings.
fn alternative(part: &str) -> Option<Alternative> {
    let part = part.strip_prefix("af ").unwrap_or(part).trim_end_matches(" alene").trim_end_matches(" personligt").trim();
    if part.contains(" i forening") || part.contains(" sammen med ") || part.contains(" og ") {
        return Some(match part {
            "direktionen i forening" | "den samlede direktion i forening" => Alternative::Whole(Body::Direction),
            "bestyrelsen i forening" | "den samlede bestyrelse i forening" => Alternative::Whole(Body::Board),
            _ => Alternative::Joint,
        });
    }
    if let Some(each) = part.strip_suffix(" hver for sig") {
        return one_of(each, true);
    }
    let counted = ["to ", "tre ", "fire ", "2 ", "3 ", "4 ", "flere ", "mindst "];
    if counted.iter().any(|count| part.starts_with(count)) {
        return Some(Alternative::Joint);
    }
    match part {
        "den samlede bestyrelse" | "bestyrelsen" | "bestyrelsens medlemmer i forening" => Some(Alternative::Whole(Body::Board)),
        "den samlede direktion" | "direktionen" => Some(Alternative::Whole(Body::Direction)),
        _ => one_of(part, false),
    }
}

/// A single signer: "en direktør", "bestyrelsens formand", "hver interessent", "ejeren" …; with
/// `each` ("… hver for sig"), also the plural that names every member.
fn one_of(part: &str, each: bool) -> Option<Alternative> {
    let signer = match (part, each) {
        ("en direktør" | "et medlem af direktionen" | "direktøren" | "en af direktørerne", _)
        | ("direktørerne" | "direktionens medlemmer", true) => Signer::Director,
        ("selskabets administrerende direktør" | "den administrerende direktør" | "administrerende direktør", _) => {
            Signer::ManagingDirector
        }
        ("et bestyrelsesmedlem" | "et medlem af bestyrelsen" | "hvert bestyrelsesmedlem" | "hvert medlem af bestyrelsen", _)
        | ("bestyrelsens medlemmer" | "bestyrelsesmedlemmerne", true) => Signer::BoardMember,
        ("bestyrelsens formand" | "formanden" | "bestyrelsesformanden" | "formanden for bestyrelsen", _) => Signer::Chair,
        ("ejeren" | "indehaveren" | "hver interessent" | "hver af interessenterne" | "komplementaren" | "hver komplementar", _)
        | ("interessenterne" | "komplementarerne" | "de fuldt ansvarlige deltagere", true) => Signer::FullyLiable,
        _ => return None,
    };
    Some(Alternative::One(signer))
}

#[cfg(test)]
mod tests;
