#pragma once
// The window's side of AuditGate (core/audit/audit_gate.h): before a person's
// action that the audit trail records (a failover or failback by hand, a
// pause), ask the gate; when the trail cannot take the entry, say so in a box
// and do nothing. Changes sent through the window's API client are refused by
// the client's writeGuard from the same gate.

#include <QString>

#include <memory>

class QWidget;

namespace cc {
class AuditGate;
}

namespace cc::ui {

// True (and a warning box, "auditRefusedBox", opened on `parent`) when the
// action `what` ("Failing trunk-3 over") must not go ahead. A null gate refuses nothing.
bool refuseWithoutAuditTrail(QWidget *parent, const std::shared_ptr<AuditGate> &gate, const QString &what);

} // namespace cc::ui
