#pragma once
// The Channels page: every channel of the tenant in a sortable, filterable
// table that updates in place (selection and scroll survive a refresh), with a
// filter box and a line that says what is shown and when it was loaded.

#include "model/channel.h"
#include "monitor/monitor_snapshot.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QMenu;
class QSortFilterProxyModel;
class QTableView;

namespace cc {
class ApiClient;
class ApiCall;
}

namespace cc::ui {

class ChannelTableModel;

namespace Ui {
class ChannelsPage;
}

class ChannelsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelsPage)

public:
    explicit ChannelsPage(QWidget *parent = nullptr);
    ~ChannelsPage() override;

    // The client to load with (may be null: not connected). The page never
    // owns it.
    void setClient(ApiClient *client);
    // Loads every channel asynchronously; a refresh already running is replaced.
    void refresh();
    bool isLoading() const;
    // A list from elsewhere (the monitor's cycle, a save): applied in place.
    void applyChannels(const QList<Channel> &channels);
    // A monitor cycle: statuses and routing in place; a full list when the
    // tenant's set of channels changed.
    void applyHealth(const QList<ChannelHealth> &health);

    ChannelTableModel *model() const { return m_model; }
    QTableView *view() const;
    // The channel under the current row, if any.
    std::optional<Channel> currentChannel() const;
    void selectChannel(const QString &id);
    // The menu shown on right click (the window's channel actions).
    void setContextMenu(QMenu *menu);

signals:
    void editRequested(const QString &channelId);
    void currentChannelChanged();
    // After each load: the number of channels, or the error text.
    void loaded(int count);
    void loadFailed(const QString &message);

private:
    void updateSummary();
    void fitColumns();

    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_pending;
    ChannelTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    std::unique_ptr<Ui::ChannelsPage> m_ui;
    QPointer<QMenu> m_contextMenu;
    QString m_lastLoaded;
};

} // namespace cc::ui
