//! Roles and organisation kinds.

crate::vocabulary! {
    /// What a user may do. Each role belongs to one kind of organisation.
    pub enum Role {
        /// Staff of an applicant government agency (دستگاه متقاضی).
        Agency => "agency",
        /// Staff of the Directorate General of Government Property and Securities.
        Directorate => "directorate",
        /// Traffic police (پلیس راهور) staff or their system's account.
        Police => "police",
        /// The national vehicle system's machine account (سامانه جامع خودرو).
        Registry => "registry",
        /// Site administrator (مسئول سایت).
        Admin => "admin",
    }
}

impl Role {
    /// The role as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            Role::Agency => "کاربر دستگاه متقاضی",
            Role::Directorate => "کارشناس اداره کل",
            Role::Police => "پلیس راهور",
            Role::Registry => "سامانه جامع خودرو",
            Role::Admin => "مدیر سامانه",
        }
    }
}

crate::vocabulary! {
    /// The kind of an organisation.
    pub enum OrgKind {
        Agency => "agency",
        Directorate => "directorate",
        Police => "police",
    }
}

impl OrgKind {
    /// The kind of organisation as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            OrgKind::Agency => "دستگاه متقاضی",
            OrgKind::Directorate => "اداره کل اموال و اوراق بهادار دولتی",
            OrgKind::Police => "پلیس راهور",
        }
    }
}

impl Role {
    /// The organisation kind a user of this role must belong to.
    pub fn org_kind(self) -> OrgKind {
        match self {
            Role::Agency => OrgKind::Agency,
            Role::Police => OrgKind::Police,
            Role::Directorate | Role::Registry | Role::Admin => OrgKind::Directorate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_fit_their_kind() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(*r));
        }
        assert_eq!(Role::Registry.org_kind(), OrgKind::Directorate);
        assert_eq!(Role::Agency.org_kind(), OrgKind::Agency);
        assert!("root".parse::<Role>().is_err());
    }
}
