//! Errors as the page and API clients see them: a status, the kind of
//! failure, and a message that says what to do.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ferrox::error::ErrorKind;

/// A request the server answers with an error.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The kind, as ferrox's error kinds spell it (`invalid_input`, …), or
    /// the server's own (`busy`, `not_found`, `time_limit`, …).
    pub kind: &'static str,
    /// What went wrong and what to do, in words.
    pub message: String,
}

impl ApiError {
    /// An error of `kind` with `status`.
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    /// A request that cannot be read or does not fit its endpoint.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_input", message)
    }
}

/// Bad input is the client's to fix (400); a case too large to decide here
/// is well formed but cannot be processed (422); only a bug is a 500.
impl From<ferrox::Error> for ApiError {
    fn from(e: ferrox::Error) -> Self {
        let status = match e.kind() {
            ErrorKind::InvalidInput | ErrorKind::Unsupported | ErrorKind::Io => {
                StatusCode::BAD_REQUEST
            }
            ErrorKind::TooLarge | ErrorKind::IntegerOverflow | ErrorKind::Singular => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ErrorKind::Interrupted => StatusCode::CONFLICT,
            ErrorKind::OutOfMemory => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.kind().name(), e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message, "kind": self.kind });
        (self.status, Json(body)).into_response()
    }
}
