//! File types judged by their bytes, and safe file names.

crate::vocabulary! {
    /// The accepted file types, stored as their content type.
    pub enum FileKind {
        Pdf => "application/pdf",
        Jpeg => "image/jpeg",
        Png => "image/png",
    }
}

impl FileKind {
    /// The content type the file is stored and served with.
    pub fn content_type(self) -> &'static str {
        self.as_str()
    }

    /// The extension of the server-made download name.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
        }
    }

    /// Whether a declared content type names this kind (`image/jpg` is a common alias).
    pub fn matches_declared(self, declared: &str) -> bool {
        let d = declared
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        d.is_empty()
            || d == "application/octet-stream"
            || d == self.content_type()
            || (self == FileKind::Jpeg && (d == "image/jpg" || d == "image/pjpeg"))
    }
}

/// Decides the type from the first bytes.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(FileKind::Png)
    } else {
        None
    }
}

/// Keeps an uploaded file name only as harmless metadata: the last path component, no control
/// or path characters, at most 150 characters. Persian names are kept.
pub fn sanitize_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control()
                && !crate::domain::text::is_invisible_format(*c)
                && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*')
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    let mut out: String = trimmed.chars().take(150).collect();
    if out.is_empty() {
        out = "document".to_owned();
    }
    out
}

/// The name a download is offered under (`filename*`): the stored name, sanitised again (rows
/// stored before a rule changed are covered too), always ending in the stored type's extension.
/// A name that already ends in it (any case; `.jpeg` for JPEG too) is kept; otherwise the
/// extension is appended, so `scan.hta` stored as a PDF is offered as `scan.hta.pdf` and a
/// browser can never save it as something it would run.
pub fn download_name(stored: &str, kind: FileKind) -> String {
    let name = sanitize_filename(stored);
    let name = name.trim_end_matches(['.', ' ']);
    let lower = name.to_lowercase();
    let has_own = match kind {
        FileKind::Pdf => lower.ends_with(".pdf"),
        FileKind::Jpeg => lower.ends_with(".jpg") || lower.ends_with(".jpeg"),
        FileKind::Png => lower.ends_with(".png"),
    };
    if has_own {
        name.to_owned()
    } else if name.is_empty() {
        format!("document.{}", kind.extension())
    } else {
        format!("{name}.{}", kind.extension())
    }
}

/// RFC 5987 encoding for `filename*=UTF-8''…`.
pub fn rfc5987(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileKind::Jpeg));
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some(FileKind::Png)
        );
        assert_eq!(sniff(b"hello world"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b""), None);
        assert!(FileKind::Pdf.matches_declared("application/pdf"));
        assert!(FileKind::Pdf.matches_declared(""));
        assert!(!FileKind::Pdf.matches_declared("image/png"));
        assert!(FileKind::Jpeg.matches_declared("image/jpg"));
    }

    #[test]
    fn filenames() {
        assert_eq!(sanitize_filename("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_filename("C:\\x\\سند خودرو.pdf"), "سند خودرو.pdf");
        assert_eq!(sanitize_filename("a\u{0000}b\nc.pdf"), "abc.pdf");
        assert_eq!(sanitize_filename("..."), "document");
        assert_eq!(sanitize_filename(&"x".repeat(500)).chars().count(), 150);
        assert_eq!(rfc5987("سند a.pdf"), "%D8%B3%D9%86%D8%AF%20a.pdf");
        assert_eq!(sanitize_filename("\u{202E}fdp.exe\u{200B}"), "fdp.exe");
    }

    #[test]
    fn download_names_end_in_the_stored_type() {
        assert_eq!(download_name("scan.hta", FileKind::Pdf), "scan.hta.pdf");
        assert_eq!(download_name("scan.PDF", FileKind::Pdf), "scan.PDF");
        assert_eq!(download_name("scan.pdf. .", FileKind::Pdf), "scan.pdf");
        assert_eq!(download_name("a.png", FileKind::Pdf), "a.png.pdf");
        assert_eq!(download_name("photo.jpeg", FileKind::Jpeg), "photo.jpeg");
        assert_eq!(download_name("photo", FileKind::Jpeg), "photo.jpg");
        assert_eq!(
            download_name("..\\x/evil\u{0000}.exe", FileKind::Png),
            "evil.exe.png"
        );
        assert_eq!(download_name("...", FileKind::Png), "document.png");
    }
}
