#pragma once
// Shows what SharedTrailSession knows of a monitor service on the tenant: a
// strip at the top of the dashboard ("Automatic failover by the service on
// noc-1 (leader since 10:42)") and the same sentence in a status-bar label.
// When the service's lease lapsed, the strip offers "Let this console fail
// over", which resumes the console's own automatic failover (after asking, and
// only when the audit trail can record it). Hidden when no service is concerned.

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace cc::ui {

class SharedTrailSession;

class ServiceLeaseBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceLeaseBanner)

public:
    explicit ServiceLeaseBanner(QWidget *parent = nullptr);

    // Null: nothing to show.
    void setSession(SharedTrailSession *session);
    // The status bar's copy (owned by this banner's parent chain once added there).
    QLabel *statusLabel() const { return m_status; }

private:
    void refresh();
    void askToResume();

    QPointer<SharedTrailSession> m_session;
    QLabel *m_text;
    QPushButton *m_resume;
    QLabel *m_status;
};

} // namespace cc::ui
