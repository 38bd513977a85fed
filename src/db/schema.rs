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
    }
}

diesel::joinable!(users -> organisations (organisation_id));

diesel::allow_tables_to_appear_in_same_query!(organisations, users);
