// Diesel table definitions; kept equivalent to both migration sets (a test checks the
// databases against each other and against these tables).

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        name_key -> Text,
        kind -> Text,
        national_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        username_key -> Text,
        full_name -> Text,
        role -> Text,
        organisation_id -> Text,
        mobile -> Nullable<Text>,
        password_hash -> Text,
        must_change_password -> Bool,
        disabled -> Bool,
        password_changed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        position -> Nullable<Text>,
    }
}

diesel::joinable!(users -> organisations (organisation_id));

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_used_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        client_ip -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        username_key -> Text,
        client_ip -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        action -> Text,
        subject_kind -> Text,
        subject_id -> Nullable<Text>,
        client_ip -> Nullable<Text>,
        detail -> Nullable<Text>,
        actor_kind -> Text,
        actor_role -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        http_request_id -> Nullable<Text>,
        about_request_id -> Nullable<Text>,
    }
}

diesel::table! {
    audit_retention (id) {
        id -> Integer,
        purge_before -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));

diesel::table! {
    tracking_codes (code) {
        code -> Text,
        kind -> Text,
        subject_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    requests (id) {
        id -> Text,
        tracking_code -> Text,
        organisation_id -> Text,
        created_by -> Text,
        status -> Text,
        plate -> Text,
        vin -> Nullable<Text>,
        engine_number -> Text,
        make -> Text,
        model -> Text,
        model_year -> Integer,
        vehicle_type -> Text,
        reason -> Text,
        reason_details -> Nullable<Text>,
        letter_number -> Text,
        letter_date -> Date,
        contact_name -> Text,
        contact_mobile -> Text,
        description -> Nullable<Text>,
        reviewer_id -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        status_changed_at -> Timestamp,
        chassis_number -> Nullable<Text>,
        rejection_reason -> Nullable<Text>,
        vehicle_colour -> Nullable<Text>,
        representative_full_name -> Nullable<Text>,
        representative_national_code -> Nullable<Text>,
        representative_mobile -> Nullable<Text>,
    }
}

diesel::table! {
    request_history (id) {
        id -> Text,
        request_id -> Text,
        seq -> Integer,
        from_status -> Nullable<Text>,
        to_status -> Text,
        action -> Text,
        at -> Timestamp,
        actor_id -> Text,
        actor_name -> Text,
        actor_role -> Text,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (user_id, idem_key) {
        user_id -> Text,
        idem_key -> Text,
        endpoint -> Text,
        request_hash -> Text,
        state -> Text,
        response_status -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        response_location -> Nullable<Text>,
        response_etag -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(requests -> organisations (organisation_id));
diesel::joinable!(request_history -> requests (request_id));

diesel::table! {
    document_requests (id) {
        id -> Text,
        request_id -> Text,
        message -> Text,
        due_date -> Nullable<Date>,
        created_at -> Timestamp,
        created_by -> Text,
        reminded_at -> Nullable<Timestamp>,
        overdue_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(document_requests -> requests (request_id));

diesel::table! {
    document_request_items (id) {
        id -> Text,
        document_request_id -> Text,
        position -> Integer,
        document_type -> Text,
        description -> Nullable<Text>,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        request_id -> Text,
        document_type -> Text,
        filename -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_at -> Timestamp,
        uploaded_by -> Text,
        blob_store -> Text,
    }
}

diesel::table! {
    document_chunks (document_id, seq) {
        document_id -> Text,
        seq -> Integer,
        data -> Binary,
    }
}

diesel::joinable!(document_chunks -> documents (document_id));
diesel::joinable!(document_request_items -> document_requests (document_request_id));
diesel::joinable!(documents -> requests (request_id));

diesel::table! {
    permits (id) {
        id -> Text,
        permit_number -> Text,
        national_permit_number -> Text,
        request_id -> Text,
        tracking_code -> Text,
        plate -> Text,
        vin -> Nullable<Text>,
        issued_at -> Timestamp,
        issued_by -> Text,
        valid_until -> Timestamp,
        notes -> Nullable<Text>,
        status -> Text,
        queue_rank -> Integer,
        version -> BigInt,
        updated_at -> Timestamp,
        chassis_number -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
        revoked_by -> Nullable<Text>,
        revocation_reason -> Nullable<Text>,
        revocation_notes -> Nullable<Text>,
        signatory_name -> Nullable<Text>,
        signatory_position -> Nullable<Text>,
        police_organisation_id -> Nullable<Text>,
    }
}

diesel::table! {
    receipts (id) {
        id -> Text,
        permit_id -> Text,
        request_id -> Text,
        outcome -> Text,
        receipt_number -> Text,
        occurred_at -> Timestamp,
        plates_count -> Nullable<Integer>,
        officer_name -> Nullable<Text>,
        unit -> Nullable<Text>,
        notes -> Nullable<Text>,
        recorded_at -> Timestamp,
        recorded_by -> Text,
        refusal_reason -> Nullable<Text>,
    }
}

diesel::table! {
    registrations (request_id) {
        request_id -> Text,
        national_registration_number -> Text,
        registered_at -> Timestamp,
        recorded_at -> Timestamp,
        recorded_by -> Text,
    }
}

diesel::joinable!(permits -> requests (request_id));
diesel::joinable!(receipts -> permits (permit_id));

diesel::table! {
    removal_records (receipt_id) {
        receipt_id -> Text,
        permit_id -> Text,
        document_id -> Text,
        police_organisation_id -> Text,
        version -> Integer,
        attached_at -> Timestamp,
        attached_by -> Text,
    }
}

diesel::joinable!(removal_records -> receipts (receipt_id));
diesel::joinable!(removal_records -> documents (document_id));

diesel::table! {
    complaints (id) {
        id -> Text,
        tracking_code -> Text,
        organisation_id -> Text,
        created_by -> Text,
        subject -> Text,
        body -> Text,
        category -> Text,
        request_id -> Nullable<Text>,
        status -> Text,
        queue_rank -> Integer,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    complaint_events (id) {
        id -> Text,
        complaint_id -> Text,
        seq -> Integer,
        kind -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        at -> Timestamp,
        actor_id -> Text,
        actor_name -> Text,
        actor_role -> Text,
        body -> Nullable<Text>,
    }
}

diesel::table! {
    feedback (request_id) {
        request_id -> Text,
        organisation_id -> Text,
        rating -> Integer,
        comment -> Nullable<Text>,
        created_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    notices (id) {
        id -> Text,
        kind -> Text,
        title -> Text,
        body -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        read_only -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::joinable!(complaint_events -> complaints (complaint_id));

diesel::table! {
    events (id) {
        id -> Text,
        position -> Nullable<BigInt>,
        event_type -> Text,
        occurred_at -> Timestamp,
        subject_kind -> Text,
        subject_id -> Text,
        tracking_code -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        data -> Text,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        url -> Text,
        types -> Text,
        organisation_id -> Nullable<Text>,
        secret_enc -> Text,
        previous_secret_enc -> Nullable<Text>,
        previous_valid_until -> Nullable<Timestamp>,
        fanout_position -> BigInt,
        created_by -> Text,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event_position -> BigInt,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        give_up_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));

diesel::table! {
    holidays (id) {
        id -> Text,
        date -> Date,
        title -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        source -> Text,
        builtin_id -> Nullable<Text>,
    }
}

diesel::table! {
    request_sla (request_id) {
        request_id -> Text,
        organisation_id -> Text,
        status -> Text,
        created_at -> Timestamp,
        stage -> Nullable<Text>,
        clock -> Text,
        clock_since -> Nullable<Timestamp>,
        used_days -> BigInt,
        due_at -> Nullable<Timestamp>,
        decision_cd -> Nullable<BigInt>,
        police_cd -> Nullable<BigInt>,
        registration_cd -> Nullable<BigInt>,
        computed_at -> Timestamp,
    }
}

diesel::table! {
    service_settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::joinable!(request_sla -> requests (request_id));

diesel::table! {
    working_rules (id) {
        id -> Text,
        kind -> Text,
        title -> Text,
        effective_from -> Date,
        effective_to -> Nullable<Date>,
        weekdays -> Nullable<Text>,
        opens -> Nullable<Text>,
        closes -> Nullable<Text>,
        from_time -> Nullable<Text>,
        to_time -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        applies_to -> Text,
    }
}

diesel::table! {
    sms_messages (id) {
        id -> Text,
        dedupe_key -> Text,
        event -> Text,
        request_id -> Nullable<Text>,
        notice_id -> Nullable<Text>,
        recipient -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    print_templates (name) {
        name -> Text,
        body -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sms_templates (event) {
        event -> Text,
        body -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    service_accounts (id) {
        id -> Text,
        client_id -> Text,
        secret_hash -> Text,
        previous_secret_hash -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamp>,
        secret_rotated_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    client_auth_failures (id) {
        id -> Text,
        client_id -> Text,
        client_ip -> Text,
        at -> Timestamp,
    }
}

diesel::joinable!(service_accounts -> users (id));

diesel::table! {
    vehicle_conflicts (id) {
        id -> Text,
        request_id -> Text,
        organisation_id -> Text,
        filed_by -> Text,
        plate -> Text,
        vin -> Nullable<Text>,
        chassis_number -> Nullable<Text>,
        attempts -> Integer,
        status -> Text,
        queue_rank -> Integer,
        created_at -> Timestamp,
        last_attempt_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<Text>,
        resolution_note -> Nullable<Text>,
        request_status_at_resolution -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::joinable!(vehicle_conflicts -> requests (request_id));

diesel::table! {
    request_batches (id) {
        id -> Text,
        tracking_code -> Text,
        organisation_id -> Text,
        created_by -> Text,
        letter_number -> Text,
        letter_date -> Date,
        reason -> Text,
        contact_mobile -> Text,
        vehicle_count -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    request_batch_items (request_id) {
        request_id -> Text,
        batch_id -> Text,
        position -> Integer,
    }
}

diesel::joinable!(request_batch_items -> request_batches (batch_id));
diesel::joinable!(request_batch_items -> requests (request_id));

diesel::table! {
    request_field_changes (id) {
        id -> Text,
        request_id -> Text,
        history_id -> Text,
        request_version -> BigInt,
        field -> Text,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}

diesel::joinable!(request_field_changes -> requests (request_id));

diesel::table! {
    request_marks (request_id) {
        request_id -> Text,
        corrected_fields -> Nullable<Text>,
        corrected_at -> Nullable<Timestamp>,
        documents_overdue_since -> Nullable<Timestamp>,
    }
}

diesel::joinable!(request_marks -> requests (request_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    sessions,
    refresh_tokens,
    login_failures,
    audit_log,
    audit_retention,
    tracking_codes,
    requests,
    request_history,
    idempotency_keys,
    document_requests,
    document_request_items,
    documents,
    document_chunks,
    permits,
    receipts,
    removal_records,
    registrations,
    complaints,
    complaint_events,
    feedback,
    notices,
    events,
    webhooks,
    webhook_deliveries,
    holidays,
    request_sla,
    service_settings,
    working_rules,
    sms_messages,
    sms_templates,
    print_templates,
    service_accounts,
    client_auth_failures,
    vehicle_conflicts,
    request_batches,
    request_batch_items,
    request_field_changes,
    request_marks,
);
