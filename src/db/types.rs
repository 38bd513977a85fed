//! SQL type support through the multi-backend connection.
//!
//! Domain enums are stored as `Text` with one generic `ToSql`/`FromSql` pair made by
//! [`text_enum!`](crate::text_enum).

/// Declares a vocabulary once: the enum with the derives every vocabulary shares (serde, the
/// OpenAPI schema, diesel `Text`), each variant's one text form (its serde name, `as_str`,
/// `FromStr`, the stored value) and, through [`text_enum!`](crate::text_enum), `ALL`,
/// `Display` and the diesel mapping. Attributes before `enum` (docs, an extra
/// `#[derive(PartialOrd, Ord)]`, `#[schema(as = …)]`) and on variants (docs, `#[default]`)
/// are kept. (`$text` is a `tt`, not a `literal`: a `literal` fragment reaches the derives
/// wrapped in an invisible group, which utoipa does not read as a name.)
///
/// ```ignore
/// crate::vocabulary! {
///     /// What an event is about.
///     pub enum SubjectKind {
///         Request => "request",
///         /// A working rule.
///         WorkingRule => "working_rule",
///     }
/// }
/// ```
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident {
            $($(#[$vmeta:meta])* $variant:ident => $text:tt),+ $(,)?
        }
    ) => {
        #[derive(
            Clone,
            Copy,
            Debug,
            PartialEq,
            Eq,
            Hash,
            ::serde::Serialize,
            ::serde::Deserialize,
            ::utoipa::ToSchema,
            ::diesel::expression::AsExpression,
            ::diesel::deserialize::FromSqlRow,
        )]
        $(#[$meta])*
        #[diesel(sql_type = ::diesel::sql_types::Text)]
        $vis enum $ty {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        $crate::text_enum!($ty { $($variant => $text),+ });
    };
}

/// Declares a string-valued enum: `as_str`, `FromStr`, `Display`, `ALL`, and diesel `Text`
/// mapping for every backend. Serde/utoipa derives go on the enum itself.
#[macro_export]
macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($ty::$variant),)+
                    other => Err(format!("unknown {} '{}'", stringify!($ty), other)),
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB> ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB> for $ty
        where
            DB: ::diesel::backend::Backend,
            str: ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, DB>,
            ) -> ::diesel::serialize::Result {
                <str as ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        impl<DB> ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB> for $ty
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> ::diesel::deserialize::Result<Self> {
                let s = <String as ::diesel::deserialize::FromSql<
                    ::diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                s.parse::<$ty>().map_err(Into::into)
            }
        }
    };
}
