#pragma once
// The confirmation before a person changes routing by hand (fail over, fail
// back): says in plain words what will happen to the channel's traffic, warns
// when the channel or the chosen backup is not healthy, and has Cancel as the
// default button, so a stray double-click and Enter changes nothing.

#include <QDialog>
#include <QList>
#include <QString>

class QComboBox;
class QLabel;
class QPushButton;

namespace cc::ui {

class RoutingChangeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutingChangeDialog)

public:
    // A channel or backup as the dialog names it, with the monitor's verdict.
    struct Party
    {
        QString id;
        QString label;       // "name (id)"
        QString stateText;   // "up, tenant says healthy" / "no reading yet"
        bool healthy = false;
    };

    // Fail over `channel` to one of `targets` (in its failover order).
    static RoutingChangeDialog *failover(const Party &channel, const QList<Party> &targets, QWidget *parent);
    // Fail `channel` back from `backup` to itself.
    static RoutingChangeDialog *failback(const Party &channel, const Party &backup, QWidget *parent);

    // The backup chosen (failover), or the channel itself (failback).
    QString chosenTarget() const;
    QString warningText() const;

signals:
    // Only after the action button was clicked.
    void confirmed(const QString &targetId);

private:
    RoutingChangeDialog(const Party &channel, QWidget *parent);
    void build(const QString &what, const QString &actionText);
    void updateWarning();

    Party m_channel;
    QList<Party> m_targets;
    bool m_failback = false;
    QComboBox *m_targetBox = nullptr;
    QLabel *m_what = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_action = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace cc::ui
