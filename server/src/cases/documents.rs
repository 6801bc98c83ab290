//! Uploaded documentation: reading the multipart form, the limits both sides apply, and the files
//! on disk.

use crate::http::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use tilslut_api::{DocumentKind, FieldCode, ProblemCode, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES};

/// The upload form, as the OpenAPI description shows it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The case version the upload was made against.
    version: i64,
    /// What the document shows.
    kind: DocumentKind,
    /// A PDF, JPEG or PNG file of at most 10 MiB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// One upload, as read from the form: fields `version`, `kind` and `file`.
pub struct Upload {
    pub version: i64,
    pub kind: DocumentKind,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Upload, ApiError> {
        let multipart = Multipart::from_request(request, state)
            .await
            .map_err(|rejection| ApiError::bad_request(ProblemCode::InvalidUpload, rejection.body_text()))?;
        read_upload(multipart).await
    }
}

/// A whole number, as a form field's text: `3`, or `3.0` as JSON Schema's `integer` allows.
fn whole_number(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().or_else(|| tilslut_api::model::whole_number(text.trim().parse().ok()?))
}

/// Reads the form and checks the file against the limits the app applies too.
async fn read_upload(mut multipart: Multipart) -> Result<Upload, ApiError> {
    let bad = |detail: String| ApiError::bad_request(ProblemCode::InvalidUpload, detail);
    let (mut version, mut kind, mut file) = (None, None, None);
    while let Some(field) = multipart.next_field().await.map_err(|e| bad(e.body_text()))? {
        match field.name().unwrap_or_default() {
            "version" => version = whole_number(&field.text().await.map_err(|e| bad(e.body_text()))?),
            "kind" => {
                let text = field.text().await.map_err(|e| bad(e.body_text()))?;
                kind = Some(DocumentKind::parse(&text).ok_or_else(|| ApiError::field("kind", FieldCode::DocumentKindInvalid))?);
            }
            "file" => {
                let file_name = field.file_name().unwrap_or("dokument").chars().take(200).collect::<String>();
                let content_type = field.content_type().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        ApiError::PayloadTooLarge
                    } else {
                        bad(e.body_text())
                    }
                })?;
                file = Some((file_name, content_type, bytes));
            }
            other => return Err(bad(format!("unknown field {other:?}"))),
        }
    }
    let version = version.ok_or_else(|| ApiError::field("version", FieldCode::VersionRequired))?;
    let kind = kind.ok_or_else(|| ApiError::field("kind", FieldCode::DocumentKindInvalid))?;
    let (file_name, content_type, bytes) = file.ok_or_else(|| ApiError::field("file", FieldCode::FileRequired))?;
    if !DOCUMENT_TYPES.contains(&content_type.as_str()) {
        return Err(ApiError::field("file", FieldCode::FileType));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.is_empty() {
        return Err(ApiError::field("file", FieldCode::FileEmpty));
    }
    if !is_of_type(&bytes, &content_type) {
        return Err(ApiError::field("file", FieldCode::FileContent));
    }
    Ok(Upload { version, kind, file_name, content_type, bytes })
}

/// Whether `bytes` begin as a file of `content_type` does: the client's word for the type is not
/// enough (an executable declared as a PDF is no PDF).
fn is_of_type(bytes: &[u8], content_type: &str) -> bool {
    let signature: &[u8] = match content_type {
        "application/pdf" => b"%PDF-",
        "image/png" => b"\x89PNG\r\n\x1a\n",
        "image/jpeg" => b"\xff\xd8\xff",
        _ => return false,
    };
    bytes.starts_with(signature)
}

#[cfg(test)]
mod tests {
    use super::is_of_type;

    #[test]
    fn a_file_is_what_its_content_says() {
        assert!(is_of_type(b"%PDF-1.7\n...", "application/pdf"));
        assert!(is_of_type(b"\x89PNG\r\n\x1a\n....", "image/png"));
        assert!(is_of_type(b"\xff\xd8\xff\xe0..", "image/jpeg"));
        assert!(!is_of_type(b"MZ\x90\x00 an executable", "application/pdf"));
        assert!(!is_of_type(b"%PDF-1.7", "image/png"));
    }
}
