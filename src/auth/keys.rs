//! The token-signing secret: `JWT_SECRET`, or one generated at first start and kept in
//! `DATA_DIR/jwt-secret` (mode 0600) so that a restart does not sign everyone out.

use std::fs;
use std::io::Write;
use std::path::Path;

use base64::Engine;
use rand::RngCore;

use crate::config::{Config, Secret};

const SECRET_FILE: &str = "jwt-secret";

/// Returns the signing secret, creating and storing one when none is configured (then `true`:
/// tokens and sessions of any earlier secret must end).
pub fn load_or_create(config: &Config) -> Result<(Secret, bool), String> {
    if let Some(secret) = &config.auth.jwt_secret {
        if secret.expose().len() < 32 {
            return Err("JWT_SECRET: must be at least 32 bytes long".into());
        }
        return Ok((secret.clone(), false));
    }
    let path = config.data_path(SECRET_FILE);
    match fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= 32 => return Ok((Secret::new(s.trim()), false)),
        Ok(_) => {
            return Err(format!(
                "JWT_SECRET: {} is too short; delete it to generate a new one",
                path.display()
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("JWT_SECRET: cannot read {}: {e}", path.display())),
    }
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    write_private(&path, &secret)
        .map_err(|e| format!("JWT_SECRET: cannot write {}: {e}", path.display()))?;
    tracing::info!("generated a new token-signing secret in DATA_DIR");
    Ok((Secret::new(secret), true))
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        crate::private_fs::create_dir_all(dir)?;
    }
    let mut file = crate::private_fs::create_new(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::defaults();
        config.data_dir = dir.path().to_path_buf();
        config.auth.jwt_secret = None;
        let (a, new_a) = load_or_create(&config).unwrap();
        let (b, new_b) = load_or_create(&config).unwrap();
        assert!(new_a && !new_b);
        assert_eq!(a.expose(), b.expose());
        assert!(a.expose().len() >= 32);
    }

    #[test]
    fn short_configured_secret_is_refused() {
        let mut config = Config::defaults();
        config.auth.jwt_secret = Some(Secret::new("short"));
        assert!(load_or_create(&config)
            .unwrap_err()
            .starts_with("JWT_SECRET"));
    }
}
