#pragma once
// The cc.audit logging category, shared by the store, the log, the outbox and CSV.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAudit)
