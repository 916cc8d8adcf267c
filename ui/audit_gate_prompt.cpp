#include "audit_gate_prompt.h"

#include "audit/audit_gate.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace cc::ui {

bool refuseWithoutAuditTrail(QWidget *parent, const std::shared_ptr<AuditGate> &gate, const QString &what)
{
    if (!gate)
        return false;
    const QString message = gate->refusalFor(what);
    if (message.isEmpty())
        return false;
    auto *box = new QMessageBox(QMessageBox::Warning,
                                QCoreApplication::translate("cc::ui::AuditGatePrompt", "Not done: the audit trail is away"),
                                message, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("auditRefusedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return true;
}

} // namespace cc::ui
