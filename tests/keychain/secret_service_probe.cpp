#include "secret_service_probe.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>

namespace cc::test {

namespace {

// The Secret Service API (freedesktop.org Secret Service specification 0.2).
const QString kService = QStringLiteral("org.freedesktop.secrets");
const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");
const QString kServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");
const QString kCollectionInterface = QStringLiteral("org.freedesktop.Secret.Collection");
const QString kItemInterface = QStringLiteral("org.freedesktop.Secret.Item");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");

QVariant property(const QString &path, const QString &interface, const QString &name, QString &error)
{
    QDBusInterface properties(kService, path, kProperties, QDBusConnection::sessionBus());
    const QDBusReply<QDBusVariant> reply = properties.call(QStringLiteral("Get"), interface, name);
    if (!reply.isValid()) {
        error = reply.error().message();
        return {};
    }
    return reply.value().variant();
}

} // namespace

QString SecretServiceProbe::defaultCollection()
{
    QDBusInterface service(kService, kServicePath, kServiceInterface, QDBusConnection::sessionBus());
    const QDBusReply<QDBusObjectPath> reply = service.call(QStringLiteral("ReadAlias"), QStringLiteral("default"));
    if (!reply.isValid()) {
        m_error = reply.error().message();
        return {};
    }
    const QString path = reply.value().path();
    if (path == QStringLiteral("/"))
        m_error = QStringLiteral("the Secret Service has no default collection");
    return path == QStringLiteral("/") ? QString() : path;
}

QStringList SecretServiceProbe::itemLabels()
{
    const QString collection = defaultCollection();
    if (collection.isEmpty())
        return {};
    const QVariant items = property(collection, kCollectionInterface, QStringLiteral("Items"), m_error);
    const auto paths = qdbus_cast<QList<QDBusObjectPath>>(items);
    QStringList labels;
    for (const QDBusObjectPath &item : paths)
        labels.append(property(item.path(), kItemInterface, QStringLiteral("Label"), m_error).toString());
    labels.sort();
    return labels;
}

bool SecretServiceProbe::isLocked()
{
    const QString collection = defaultCollection();
    return !collection.isEmpty()
        && property(collection, kCollectionInterface, QStringLiteral("Locked"), m_error).toBool();
}

bool SecretServiceProbe::lockDefaultCollection()
{
    const QString collection = defaultCollection();
    if (collection.isEmpty())
        return false;
    QDBusInterface service(kService, kServicePath, kServiceInterface, QDBusConnection::sessionBus());
    const QDBusMessage reply = service.call(QStringLiteral("Lock"),
                                            QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(collection)}));
    if (reply.type() == QDBusMessage::ErrorMessage) {
        m_error = reply.errorMessage();
        return false;
    }
    return isLocked();
}

} // namespace cc::test
