//! Coded reasons, so the directorate can count why requests fail: the police's refusals to
//! remove plates, the directorate's rejections of requests and its revocations of permits.
//! Each is a closed set with one text form and a Persian label.

macro_rules! reason_enum {
    ($(#[$doc:meta])* $ty:ident { $($(#[$vdoc:meta])* $variant:ident => $text:tt, $fa:literal;)+ }) => {
        crate::vocabulary! {
            $(#[$doc])*
            #[derive(PartialOrd, Ord)]
            pub enum $ty {
                $($(#[$vdoc])* $variant => $text,)+
            }
        }

        impl $ty {
            /// The reason as people read it (Persian).
            pub fn label_fa(self) -> &'static str {
                match self { $($ty::$variant => $fa),+ }
            }

            /// `other` must be explained in `notes`.
            pub fn needs_notes(self) -> bool {
                self.as_str() == "other"
            }
        }
    };
}

reason_enum!(
    /// Why the traffic police did not remove the plates.
    RefusalReason {
        /// Unpaid traffic fines on the vehicle.
        UnpaidFines => "unpaid_fines", "خلافی پرداخت‌نشده";
        /// The vehicle was not brought to the police.
        VehicleNotPresented => "vehicle_not_presented", "عدم حضور خودرو";
        /// The vehicle does not match the permit (plate, chassis or engine number).
        IdentityMismatch => "identity_mismatch", "مغایرت مشخصات خودرو";
        /// The vehicle is under judicial seizure.
        JudicialSeizure => "judicial_seizure", "توقیف قضایی";
        /// Another reason, explained in `notes`.
        Other => "other", "سایر";
    }
);

reason_enum!(
    /// Why the directorate rejected a request.
    RejectionReason {
        /// The asked supplementary documents were not provided or are insufficient.
        IncompleteDocuments => "incomplete_documents", "نقص مدارک";
        /// The vehicle is not a government vehicle.
        NotGovernmentVehicle => "not_government_vehicle", "خودرو دولتی نیست";
        /// The vehicle's ownership is unclear.
        OwnershipUnclear => "ownership_unclear", "ابهام در مالکیت";
        /// Another request covers the same vehicle.
        DuplicateRequest => "duplicate_request", "درخواست تکراری";
        /// Another reason, explained in the text.
        Other => "other", "سایر";
    }
);

reason_enum!(
    /// Why the directorate revoked (ابطال) a permit.
    RevocationReason {
        /// The permit was issued in error.
        IssuedInError => "issued_in_error", "صدور اشتباه";
        /// The agency withdrew the request (the auction was cancelled, for example).
        RequestWithdrawn => "request_withdrawn", "انصراف دستگاه متقاضی";
        /// The vehicle's status changed.
        VehicleStatusChanged => "vehicle_status_changed", "تغییر وضعیت خودرو";
        /// Another reason, explained in `notes`.
        Other => "other", "سایر";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_text_form_each() {
        for r in RefusalReason::ALL {
            assert_eq!(r.as_str().parse::<RefusalReason>(), Ok(*r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
            assert!(!r.label_fa().is_empty());
        }
        assert!("unknown".parse::<RejectionReason>().is_err());
        assert!(RevocationReason::Other.needs_notes());
        assert!(!RejectionReason::OwnershipUnclear.needs_notes());
    }
}
