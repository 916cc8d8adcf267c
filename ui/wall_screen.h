#pragma once
// The wall screen (View > Wall screen, F11, or `cxone-console --wall`): full
// screen, dark, no menus or toolbars, type large enough to read across a room.
// First the problems, counted worst first ("2 down · 1 failed over · 3 alarms
// unacknowledged") or "All 1,000 channels up"; then when the monitor last read
// the tenant; then the status grid of every channel, grouped by status. It
// shows the dashboard's own tile model, so it costs no second monitor.
// Esc or F11 leaves it.

#include <QWidget>

class QLabel;

namespace cc::ui {

class ChannelTileModel;
class StatusGridView;

class WallScreen final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallScreen)

public:
    explicit WallScreen(ChannelTileModel *model, QWidget *parent = nullptr);

    // The count of unacknowledged alarms, for the headline (0: not shown).
    void setAlarmsUnacknowledged(int count);
    // Who acts on failures, when not this console ("automatic failover by the service on noc-1").
    void setActingNote(const QString &note);
    QString headline() const;
    StatusGridView *grid() const { return m_grid; }

signals:
    void historyRequested(const QString &channelId);
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void refresh();

    ChannelTileModel *m_model;
    StatusGridView *m_grid;
    QLabel *m_headline;
    QLabel *m_subline;
    int m_alarms = 0;
    QString m_acting;
};

} // namespace cc::ui
