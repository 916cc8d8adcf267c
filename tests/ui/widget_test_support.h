#pragma once
// Small helpers shared by the console's widget tests: readable QString output
// in GoogleTest failures, and typing into a widget as a user would.

#include <QString>
#include <QTest>
#include <QWidget>

#include <ostream>

inline void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.toStdString() << '"';
}

namespace cc::ui::test {

// Selects what is in the widget, erases it and types `text` key by key.
inline void retype(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Backspace);
    QTest::keyClicks(widget, text);
}

template <typename T>
T *child(const QObject &parent, const char *name)
{
    return parent.findChild<T *>(QLatin1String(name));
}

} // namespace cc::ui::test

#include "client/api_client.h"
#include "profile_store.h"
#include "sim_client.h"
#include "sim_fixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QUuid>

#include <gtest/gtest.h>

namespace cc::ui::test {

// Polls the event loop until `done()` or the timeout; true when done.
template <typename Predicate>
bool waitUntil(Predicate done, int timeoutMs = 10000)
{
    return QTest::qWaitFor(done, timeoutMs);
}

inline cc::sim::SimOptions simOptions(int channels = 6)
{
    cc::sim::SimOptions options;
    options.channels = channels;
    // High rather than 0: with 0 the tenant answers "X-RateLimit-Limit: 0" and the
    // client waits for a budget that never comes.
    options.rateLimitPerMinute = 10000;
    return options;
}

using cc::test::simProfile;

// Every channel through the client under test, waiting on the event loop.
inline QList<cc::Channel> listChannels(cc::ApiClient &client)
{
    QList<cc::Channel> channels;
    bool finished = false;
    QObject context;
    client.listChannels()->onFinished(&context, [&](const cc::ApiResult<QList<cc::Channel>> &result) {
        if (result.ok())
            channels = *result.value;
        finished = true;
    });
    waitUntil([&] { return finished; });
    return channels;
}

// The tenant's own view of one channel (GET through the sim's HTTP API).
inline QJsonObject tenantChannel(cc::test::SimFixture &sim, const QString &id)
{
    return sim.api("GET", QStringLiteral("/api/v2/channels/") + id, sim.fetchToken()).json;
}

inline QJsonObject tenantChannelNamed(cc::test::SimFixture &sim, const QString &name)
{
    const QJsonArray all = sim.api("GET", QStringLiteral("/api/v2/channels?page=1&page_size=500"), sim.fetchToken())
                               .json.value(QStringLiteral("channels")).toArray();
    for (const auto &value : all) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

// Creates a channel on the tenant directly; its id.
inline QString createOnTenant(cc::test::SimFixture &sim, const QString &name, const QStringList &failover = {})
{
    cc::ChannelDraft draft;
    draft.name = name;
    draft.configuration.sipServer = QStringLiteral("sip.arranged.example");
    draft.configuration.username = QStringLiteral("arranged");
    draft.configuration.password = QStringLiteral("arranged-pw");
    draft.configuration.codecs = {{QStringLiteral("PCMU"), 1}};
    draft.failoverChannels = failover;
    return sim.api("POST", QStringLiteral("/api/v2/channels"), sim.fetchToken(), cc::draftToCreateJson(draft))
        .json.value(QStringLiteral("id")).toString();
}

// A settings group of the test's own, so no test sees another's profiles.
inline QString testProfileGroup()
{
    return QStringLiteral("test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Removes every profile of `store` and waits for the keychain deletes, so no
// item outlives the test.
inline void removeAllProfiles(cc::ui::ProfileStore &store)
{
    QSignalSpy removed(&store, &cc::ui::ProfileStore::secretsRemoved);
    const QStringList names = store.profileNames();
    for (const QString &name : names)
        store.removeProfile(name);
    while (removed.count() < names.size() && removed.wait(20000)) {
    }
    EXPECT_EQ(removed.count(), names.size()) << "a keychain delete did not finish";
}

} // namespace cc::ui::test
