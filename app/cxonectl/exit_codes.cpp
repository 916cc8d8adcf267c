#include "exit_codes.h"

namespace cc::cli {

ExitCode exitCodeFor(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Validation: return ExitCode::Validation;
    case ApiError::Kind::Auth:
    case ApiError::Kind::Forbidden: return ExitCode::Auth;
    case ApiError::Kind::NotFound: return ExitCode::NotFound;
    case ApiError::Kind::Conflict: return ExitCode::Conflict;
    case ApiError::Kind::RateLimited: return ExitCode::RateLimited;
    case ApiError::Kind::Configuration: return ExitCode::Usage;
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Server:
    case ApiError::Kind::Cancelled:
    case ApiError::Kind::BadResponse: return ExitCode::Failure;
    }
    return ExitCode::Failure;
}

} // namespace cc::cli
