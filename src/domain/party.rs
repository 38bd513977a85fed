//! Whose calendar counts: each stage's clock counts the working days of the party that owes
//! the step (the directorate for its decision and the registration, the agency while it
//! supplies documents, the police for the removal), and a working rule applies to one party's
//! calendar or to all of them.

crate::vocabulary! {
    /// A party whose working days a clock counts.
    #[derive(PartialOrd, Ord)]
    pub enum Party {
        /// The Directorate General (an executive body): its decision and the registration.
        Directorate => "directorate",
        /// The applicant agencies (executive bodies): supplying documents.
        Agencies => "agencies",
        /// The traffic police (a law-enforcement unit): the removal.
        Police => "police",
    }
}

impl Party {
    /// The calendar's name as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            Party::Directorate => "تقویم کاری اداره کل",
            Party::Agencies => "تقویم کاری دستگاه متقاضی",
            Party::Police => "تقویم کاری پلیس راهور",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Party::Directorate => 1,
            Party::Agencies => 2,
            Party::Police => 4,
        }
    }
}

crate::vocabulary! {
    /// Which calendars a working rule applies to (`all` by default).
    #[derive(Default)]
    pub enum AppliesTo {
        Directorate => "directorate",
        Agencies => "agencies",
        Police => "police",
        #[default]
        All => "all",
    }
}

impl AppliesTo {
    pub fn label_fa(self) -> &'static str {
        match self {
            AppliesTo::Directorate => "اداره کل",
            AppliesTo::Agencies => "دستگاه‌های متقاضی",
            AppliesTo::Police => "پلیس راهور",
            AppliesTo::All => "همه",
        }
    }

    pub fn parties(self) -> Parties {
        match self {
            AppliesTo::Directorate => Parties::of(&[Party::Directorate]),
            AppliesTo::Agencies => Parties::of(&[Party::Agencies]),
            AppliesTo::Police => Parties::of(&[Party::Police]),
            AppliesTo::All => Parties::ALL,
        }
    }
}

/// A set of parties (a built-in rule may apply to the executive bodies: the directorate and
/// the agencies, but not the police).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Parties(u8);

impl Parties {
    pub const ALL: Parties = Parties(7);

    pub const fn empty() -> Self {
        Parties(0)
    }

    pub fn of(parties: &[Party]) -> Self {
        Parties(parties.iter().fold(0, |acc, p| acc | p.bit()))
    }

    pub fn contains(self, p: Party) -> bool {
        self.0 & p.bit() != 0
    }

    /// The members, in [`Party::ALL`] order.
    pub fn list(self) -> Vec<Party> {
        Party::ALL
            .iter()
            .copied()
            .filter(|p| self.contains(*p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_to_names_its_parties() {
        assert_eq!(AppliesTo::All.parties().list(), Party::ALL);
        assert_eq!(AppliesTo::Police.parties().list(), [Party::Police]);
        let exec = Parties::of(&[Party::Directorate, Party::Agencies]);
        assert!(exec.contains(Party::Agencies) && !exec.contains(Party::Police));
        assert_eq!(AppliesTo::default(), AppliesTo::All);
        assert_eq!("agencies".parse::<AppliesTo>(), Ok(AppliesTo::Agencies));
    }
}
