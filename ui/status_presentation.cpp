#include "status_presentation.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

// Outside any namespace, as Q_INIT_RESOURCE requires: cc_ui is a static library,
// so its resources must be registered explicitly or the linker drops them.
static void initConsoleResources()
{
    Q_INIT_RESOURCE(console);
}

namespace cc::ui {

namespace {

QIcon iconFromPngs(const QString &base)
{
    static const bool initialised = [] {
        initConsoleResources();
        return true;
    }();
    Q_UNUSED(initialised)
    QIcon icon;
    for (int size : {16, 32, 64})
        icon.addFile(QStringLiteral(":/cc/icons/%1-%2.png").arg(base).arg(size), QSize(size, size));
    return icon;
}

} // namespace

QString gridStateText(GridState state)
{
    switch (state) {
    case GridState::Up: return QCoreApplication::translate("cc::ui", "Up");
    case GridState::Degraded: return QCoreApplication::translate("cc::ui", "Degraded");
    case GridState::Down: return QCoreApplication::translate("cc::ui", "Down");
    case GridState::FailedOver: return QCoreApplication::translate("cc::ui", "Failed over");
    case GridState::NoData: return QCoreApplication::translate("cc::ui", "No data");
    case GridState::Paused: return QCoreApplication::translate("cc::ui", "Paused");
    }
    return {};
}

QString statusText(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::Provisioning: return QCoreApplication::translate("cc::ui", "Provisioning");
    case ChannelStatus::Healthy: return QCoreApplication::translate("cc::ui", "Healthy");
    case ChannelStatus::Degraded: return QCoreApplication::translate("cc::ui", "Degraded");
    case ChannelStatus::Unhealthy: return QCoreApplication::translate("cc::ui", "Unhealthy");
    case ChannelStatus::Active: return QCoreApplication::translate("cc::ui", "Active (failed over)");
    case ChannelStatus::Disabled: return QCoreApplication::translate("cc::ui", "Disabled");
    }
    return {};
}

QString statusDescription(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::Provisioning: return QCoreApplication::translate("cc::ui", "New channel: the tenant has not checked it yet");
    case ChannelStatus::Healthy: return QCoreApplication::translate("cc::ui", "The tenant's last health check passed");
    case ChannelStatus::Degraded: return QCoreApplication::translate("cc::ui", "The trunk answers but its quality is poor");
    case ChannelStatus::Unhealthy: return QCoreApplication::translate("cc::ui", "The trunk fails its health checks");
    case ChannelStatus::Active: return QCoreApplication::translate("cc::ui", "Traffic has been failed over to a backup");
    case ChannelStatus::Disabled: return QCoreApplication::translate("cc::ui", "The channel is switched off");
    }
    return {};
}

QIcon statusIcon(ChannelStatus status)
{
    static const QHash<int, QIcon> icons = [] {
        QHash<int, QIcon> all;
        for (const QString &name : channelStatusNames()) {
            if (const auto s = channelStatusFromName(name))
                all.insert(static_cast<int>(*s), iconFromPngs(QStringLiteral("status-") + name));
        }
        return all;
    }();
    return icons.value(static_cast<int>(status));
}

int statusRank(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::Healthy: return 0;
    case ChannelStatus::Disabled: return 1;
    case ChannelStatus::Provisioning: return 2;
    case ChannelStatus::Active: return 3;
    case ChannelStatus::Degraded: return 4;
    case ChannelStatus::Unhealthy: return 5;
    }
    return 0;
}

QIcon applicationIcon()
{
    return iconFromPngs(QStringLiteral("cxone-console"));
}

QString figureText(const std::optional<double> &value, int decimals, const QString &unit)
{
    if (!value)
        return QCoreApplication::translate("cc::ui", "no data");
    return QLocale().toString(*value, 'f', decimals) + unit;
}

} // namespace cc::ui
