#include "service_lease_banner.h"

#include "audit_gate_prompt.h"
#include "shared_trail_session.h"

#include "audit/audit_log.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace cc::ui {

ServiceLeaseBanner::ServiceLeaseBanner(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_resume(new QPushButton(tr("Let this console fail over"), this))
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("serviceLeaseBanner"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("QWidget#serviceLeaseBanner { background: palette(alternate-base); "
                                 "border: 1px solid palette(mid); border-radius: 3px; }"));
    m_text->setObjectName(QStringLiteral("serviceLeaseText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resume->setObjectName(QStringLiteral("resumeHereButton"));
    m_resume->setToolTip(tr("Resume automatic failover in this console: it then fails channels over by itself until a "
                            "service leads again"));
    m_status->setObjectName(QStringLiteral("serviceLeaseStatus"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_resume);
    connect(m_resume, &QPushButton::clicked, this, &ServiceLeaseBanner::askToResume);
    refresh();
}

void ServiceLeaseBanner::setSession(SharedTrailSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &SharedTrailSession::leaseChanged, this, &ServiceLeaseBanner::refresh);
    refresh();
}

void ServiceLeaseBanner::refresh()
{
    const QString text = m_session ? m_session->statusText() : QString();
    m_text->setText(text);
    m_status->setText(text);
    m_status->setToolTip(text);
    m_status->setVisible(!text.isEmpty());
    setVisible(!text.isEmpty());
    m_resume->setVisible(m_session && m_session->defersToService() && !m_session->follower().serviceLeads());
}

void ServiceLeaseBanner::askToResume()
{
    if (!m_session)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Let this console fail over"),
                                tr("The monitor service does not lead this tenant now. Let this console fail channels "
                                   "over by itself? It stops again as soon as a service leads. This is recorded in the "
                                   "audit trail."),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmResumeHereBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Fail over from this console"));
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || !m_session || !m_session->log())
            return;
        if (refuseWithoutAuditTrail(this, m_session->log()->gate(), tr("Resuming automatic failover in this console")))
            return;
        m_session->resumeHere();
    });
    box->open();
}

} // namespace cc::ui
