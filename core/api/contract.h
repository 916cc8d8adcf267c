#pragma once
// Every path, JSON key, header and value of the CXone channel API the product
// speaks (its wire contract), in one place: a tenant whose API differs is
// served by changing this file only. Client, simulated tenant and model all
// read from here.

#include <QLatin1String>

namespace cc::api {

// Paths, relative to the tenant's base URL.
inline constexpr QLatin1String kTokenPath("/api/v2/oauth/token");
inline constexpr QLatin1String kChannelsPath("/api/v2/channels");
inline constexpr QLatin1String kTelemetryPath("/api/v2/telemetry/metrics");
inline constexpr QLatin1String kMetricsBulkSuffix("/metrics/bulk");

// Section 6: CXone sign-in with an access key and discovery.
inline constexpr QLatin1String kOpenIdConfigurationPath("/.well-known/openid-configuration");
inline constexpr QLatin1String kCxoneConfigurationPath("/.well-known/cxone-configuration");
inline constexpr QLatin1String kDefaultDiscoveryHost("https://cxone.niceincontact.com");

// Query parameters.
inline constexpr QLatin1String kQueryPage("page");
inline constexpr QLatin1String kQueryPageSize("page_size");
inline constexpr QLatin1String kQueryTenantId("tenantId");
inline constexpr int kMaxPageSize = 500;

// Headers.
inline constexpr char kHeaderAuthorization[] = "Authorization";
inline constexpr char kHeaderIdempotencyKey[] = "Idempotency-Key";
inline constexpr char kHeaderIfMatch[] = "If-Match";
inline constexpr char kHeaderETag[] = "ETag";
inline constexpr char kHeaderLocation[] = "Location";
inline constexpr char kHeaderRetryAfter[] = "Retry-After";
inline constexpr char kHeaderRateLimitLimit[] = "X-RateLimit-Limit";
inline constexpr char kHeaderRateLimitRemaining[] = "X-RateLimit-Remaining";
inline constexpr char kHeaderRateLimitReset[] = "X-RateLimit-Reset";
inline constexpr char kHeaderRequestId[] = "X-Request-Id";

// OAuth (section 1 and 6).
inline constexpr QLatin1String kFormClientId("client_id");
inline constexpr QLatin1String kFormClientSecret("client_secret");
inline constexpr QLatin1String kFormGrantType("grant_type");
inline constexpr QLatin1String kFormScope("scope");
inline constexpr QLatin1String kFormUsername("username");
inline constexpr QLatin1String kFormPassword("password");
inline constexpr QLatin1String kGrantClientCredentials("client_credentials");
inline constexpr QLatin1String kGrantPassword("password");
inline constexpr QLatin1String kScopeChannelRead("channel:read");
inline constexpr QLatin1String kScopeChannelWrite("channel:write");
inline constexpr QLatin1String kScopeTelemetryRead("telemetry:read");
inline constexpr QLatin1String kScopeAnalyticsRead("analytics:read");
inline constexpr QLatin1String kAllScopes("channel:read channel:write telemetry:read analytics:read");
inline constexpr QLatin1String kKeyAccessToken("access_token");
inline constexpr QLatin1String kKeyTokenType("token_type");
inline constexpr QLatin1String kKeyExpiresIn("expires_in");
inline constexpr QLatin1String kKeyIdToken("id_token");
inline constexpr QLatin1String kKeyTokenEndpoint("token_endpoint");
inline constexpr QLatin1String kKeyIssuer("issuer");
inline constexpr QLatin1String kKeyTenantIdClaim("tenantId");
inline constexpr QLatin1String kKeyArea("area");
inline constexpr QLatin1String kKeyApiEndpoint("api_endpoint");
inline constexpr QLatin1String kTokenTypeBearer("Bearer");

// Errors (section 1, 2, 4).
inline constexpr QLatin1String kKeyError("error");
inline constexpr QLatin1String kKeyMessage("message");
inline constexpr QLatin1String kKeyRequestId("request_id");
inline constexpr QLatin1String kKeyDetails("details");
inline constexpr QLatin1String kKeyField("field");
inline constexpr QLatin1String kKeyRequiredScope("required_scope");
inline constexpr QLatin1String kKeyReferencedBy("referenced_by");
inline constexpr QLatin1String kErrorValidationFailed("validation_failed");
inline constexpr QLatin1String kErrorInvalidClient("invalid_client");
inline constexpr QLatin1String kErrorInvalidGrant("invalid_grant");
inline constexpr QLatin1String kErrorInvalidRequest("invalid_request");
inline constexpr QLatin1String kErrorInvalidScope("invalid_scope");
inline constexpr QLatin1String kErrorUnsupportedGrantType("unsupported_grant_type");
inline constexpr QLatin1String kErrorInvalidToken("invalid_token");
inline constexpr QLatin1String kErrorInsufficientScope("insufficient_scope");
inline constexpr QLatin1String kErrorNotFound("not_found");
inline constexpr QLatin1String kErrorInUse("in_use");
inline constexpr QLatin1String kErrorPreconditionFailed("precondition_failed");
inline constexpr QLatin1String kErrorRateLimited("rate_limited");
inline constexpr QLatin1String kErrorInternal("internal_error");
inline constexpr QLatin1String kErrorServiceUnavailable("service_unavailable");
inline constexpr QLatin1String kErrorMalformedJson("malformed_json");
inline constexpr QLatin1String kErrorPayloadTooLarge("payload_too_large");
inline constexpr QLatin1String kErrorMethodNotAllowed("method_not_allowed");
inline constexpr QLatin1String kErrorQueryTooLarge("query_too_large");

// Channels (section 2).
inline constexpr QLatin1String kKeyChannels("channels");
inline constexpr QLatin1String kKeyPage("page");
inline constexpr QLatin1String kKeyPageSize("page_size");
inline constexpr QLatin1String kKeyTotal("total");
inline constexpr QLatin1String kKeyId("id");
inline constexpr QLatin1String kKeyName("name");
inline constexpr QLatin1String kKeyType("type");
inline constexpr QLatin1String kKeyStatus("status");
inline constexpr QLatin1String kKeyConfiguration("configuration");
inline constexpr QLatin1String kKeySipServer("sip_server");
inline constexpr QLatin1String kKeySipPort("sip_port");
inline constexpr QLatin1String kKeyAuthentication("authentication");
inline constexpr QLatin1String kKeyUsername("username");
inline constexpr QLatin1String kKeyPassword("password");
inline constexpr QLatin1String kKeyCodecs("codecs");
inline constexpr QLatin1String kKeyPriority("priority");
inline constexpr QLatin1String kKeyDtmfMode("dtmf_mode");
inline constexpr QLatin1String kKeyRtpPayloadType("rtp_payload_type");
inline constexpr QLatin1String kKeyRouting("routing");
inline constexpr QLatin1String kKeyFailoverChannels("failover_channels");
inline constexpr QLatin1String kKeyPrimaryChannelId("primary_channel_id");
inline constexpr QLatin1String kKeyHealthCheck("health_check");
inline constexpr QLatin1String kKeyIntervalSeconds("interval_seconds");
inline constexpr QLatin1String kKeyTimeoutSeconds("timeout_seconds");
inline constexpr QLatin1String kKeyVersion("version");
inline constexpr QLatin1String kKeyCreatedAt("created_at");
inline constexpr QLatin1String kKeyUpdatedAt("updated_at");
inline constexpr QLatin1String kTypeSip("sip");
inline constexpr QLatin1String kDtmfRfc2833("RFC2833");
inline constexpr QLatin1String kRtpPayloadDynamic("dynamic");

// Telemetry (section 3).
inline constexpr QLatin1String kKeyInterval("interval");
inline constexpr QLatin1String kKeyMetrics("metrics");
inline constexpr QLatin1String kKeyDimension("dimension");
inline constexpr QLatin1String kKeyFilter("filter");
inline constexpr QLatin1String kKeyClauses("clauses");
inline constexpr QLatin1String kKeySelector("selector");
inline constexpr QLatin1String kKeyValues("values");
inline constexpr QLatin1String kKeyFrom("from");
inline constexpr QLatin1String kKeyTo("to");
inline constexpr QLatin1String kKeyTimestamp("timestamp");
inline constexpr QLatin1String kKeyChannelIdDimension("channelId");
inline constexpr QLatin1String kKeyConversationType("conversationType");
inline constexpr QLatin1String kKeyLatencyMs("latency_ms");
inline constexpr QLatin1String kKeyJitterMs("jitter_ms");
inline constexpr QLatin1String kKeyPacketLossPct("packet_loss_pct");
inline constexpr QLatin1String kKeyCalls("calls");
inline constexpr QLatin1String kFilterAnd("and");
inline constexpr QLatin1String kSelectorEq("eq");
inline constexpr QLatin1String kSelectorIn("in");
inline constexpr QLatin1String kConversationVoice("voice");
inline constexpr int kTelemetryMaxRows = 10000;

// The customer's export endpoint (section 5).
inline constexpr QLatin1String kKeyEventType("event_type");
inline constexpr QLatin1String kKeyChannelId("channel_id");
inline constexpr QLatin1String kKeyComplianceTag("compliance_tag");
inline constexpr QLatin1String kComplianceTag("telephony_channel_audit");
inline constexpr QLatin1String kKeyExportType("export_type");
inline constexpr QLatin1String kKeyGeneratedAt("generated_at");
inline constexpr QLatin1String kExportTypeQualityMetrics("channel_quality_metrics");

} // namespace cc::api
