// ChannelTableModel on its own: the diff keeps rows stable, signals are the
// smallest honest set, and the model stays valid under QAbstractItemModelTester.

#include "channel_table_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

#include <gtest/gtest.h>

using cc::Channel;
using cc::ChannelStatus;
using cc::ui::ChannelTableModel;

namespace {

Channel makeChannel(const QString &id, const QString &name, ChannelStatus status = ChannelStatus::Healthy)
{
    Channel channel;
    channel.id = id;
    channel.name = name;
    channel.status = status;
    channel.configuration.sipServer = QStringLiteral("sip.example.net");
    channel.configuration.sipPort = 5060;
    channel.configuration.username = QStringLiteral("user");
    channel.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("PCMU"), 2}};
    channel.version = 1;
    channel.updatedAt = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    return channel;
}

QList<Channel> makeChannels(int count)
{
    QList<Channel> list;
    for (int i = 0; i < count; ++i)
        list.append(makeChannel(QStringLiteral("ch_%1").arg(i), QStringLiteral("trunk-%1").arg(i)));
    return list;
}

QString cell(const ChannelTableModel &model, int row, ChannelTableModel::Column column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, ChannelTableModel::column(column)), role).toString();
}

// Each test's model runs under QAbstractItemModelTester, fatal at the first fault.
class ChannelTableModelTest : public ::testing::Test
{
protected:
    // `count` numbered channels, applied: the list for the test to change and apply again.
    QList<Channel> applyNumbered(int count)
    {
        QList<Channel> channels = makeChannels(count);
        model.applyChannels(channels);
        return channels;
    }

    ChannelTableModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

} // namespace

TEST_F(ChannelTableModelTest, ShowsEveryColumnOfAChannel)
{
    Channel primary = makeChannel(QStringLiteral("ch_a"), QStringLiteral("primary-east"), ChannelStatus::Active);
    primary.routing.failoverChannels = {QStringLiteral("ch_b"), QStringLiteral("ch_gone")};
    primary.routing.primaryChannelId = QStringLiteral("ch_b");
    model.applyChannels({primary, makeChannel(QStringLiteral("ch_b"), QStringLiteral("backup-east-2"))});

    using C = ChannelTableModel::Column;
    EXPECT_EQ(cell(model, 0, C::Name), QStringLiteral("primary-east"));
    EXPECT_EQ(cell(model, 0, C::Id), QStringLiteral("ch_a"));
    EXPECT_EQ(cell(model, 0, C::Status), QStringLiteral("Active (failed over)"));
    EXPECT_FALSE(model.data(model.index(0, ChannelTableModel::column(C::Status)), Qt::DecorationRole).value<QIcon>().isNull());
    EXPECT_EQ(cell(model, 0, C::Trunk), QStringLiteral("sip.example.net:5060"));
    EXPECT_EQ(cell(model, 0, C::Codecs), QStringLiteral("OPUS, PCMU"));
    // Known targets by name, an unknown id as itself rather than hidden.
    EXPECT_EQ(cell(model, 0, C::FailoverTargets), QStringLiteral("backup-east-2 → ch_gone"));
    EXPECT_EQ(cell(model, 0, C::RoutedVia), QStringLiteral("backup-east-2"));
    EXPECT_EQ(cell(model, 1, C::RoutedVia), QStringLiteral("(itself)"));
    EXPECT_FALSE(cell(model, 0, C::Updated).isEmpty());
    EXPECT_EQ(model.data(model.index(0, 0), ChannelTableModel::ChannelIdRole).toString(), QStringLiteral("ch_a"));
}

TEST_F(ChannelTableModelTest, SortsUpdatedTimesAndStatusByRawValue)
{
    Channel older = makeChannel(QStringLiteral("ch_1"), QStringLiteral("older"), ChannelStatus::Unhealthy);
    older.updatedAt = QDateTime::fromSecsSinceEpoch(1'000, Qt::UTC);
    Channel newer = makeChannel(QStringLiteral("ch_2"), QStringLiteral("newer"), ChannelStatus::Healthy);
    newer.updatedAt = QDateTime::fromSecsSinceEpoch(2'000'000'000, Qt::UTC);
    Channel middle = makeChannel(QStringLiteral("ch_3"), QStringLiteral("middle"), ChannelStatus::Degraded);
    middle.updatedAt = QDateTime::fromSecsSinceEpoch(90'000, Qt::UTC);
    model.applyChannels({newer, older, middle});

    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    proxy.setSortRole(ChannelTableModel::RawValueRole);
    proxy.sort(ChannelTableModel::column(ChannelTableModel::Column::Updated), Qt::AscendingOrder);
    auto nameAt = [&proxy](int row) { return proxy.index(row, 0).data().toString(); };
    EXPECT_EQ(nameAt(0), QStringLiteral("older"));
    EXPECT_EQ(nameAt(1), QStringLiteral("middle"));
    EXPECT_EQ(nameAt(2), QStringLiteral("newer"));

    proxy.sort(ChannelTableModel::column(ChannelTableModel::Column::Status), Qt::DescendingOrder);
    EXPECT_EQ(nameAt(0), QStringLiteral("older"));   // unhealthy first
    EXPECT_EQ(nameAt(1), QStringLiteral("middle"));  // then degraded
    EXPECT_EQ(nameAt(2), QStringLiteral("newer"));
}

TEST_F(ChannelTableModelTest, UpdatesChangedRowsInPlaceWithoutResetting)
{
    QList<Channel> channels = applyNumbered(10);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    channels[3].status = ChannelStatus::Degraded;
    channels[4].status = ChannelStatus::Degraded;
    channels[8].version = 2;
    model.applyChannels(channels);

    EXPECT_EQ(reset.count(), 0);
    EXPECT_EQ(removed.count(), 0);
    EXPECT_EQ(inserted.count(), 0);
    // One signal per contiguous run: rows 3..4 and row 8.
    ASSERT_EQ(changed.count(), 2);
    EXPECT_EQ(changed.at(0).at(0).toModelIndex().row(), 3);
    EXPECT_EQ(changed.at(0).at(1).toModelIndex().row(), 4);
    EXPECT_EQ(changed.at(1).at(0).toModelIndex().row(), 8);
    EXPECT_EQ(cell(model, 3, ChannelTableModel::Column::Status), QStringLiteral("Degraded"));

    changed.clear();
    model.applyChannels(channels);
    EXPECT_EQ(changed.count(), 0) << "an identical list changes nothing";
}

TEST_F(ChannelTableModelTest, SendsOneWholeRangeSignalWhenMostRowsChanged)
{
    QList<Channel> channels = applyNumbered(20);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 20; i += 2)
        channels[i].status = ChannelStatus::Unhealthy;
    channels[1].status = ChannelStatus::Unhealthy;
    model.applyChannels(channels);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).toModelIndex(), model.index(0, 0));
    EXPECT_EQ(changed.at(0).at(1).toModelIndex(), model.index(19, model.columnCount() - 1));
}

TEST_F(ChannelTableModelTest, InsertsAndRemovesRowsKeepingOthersStable)
{
    QList<Channel> channels = applyNumbered(6);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // Drop 1, 2 (one run) and 4, add two new ones.
    QList<Channel> next{channels[0], channels[3], channels[5],
                        makeChannel(QStringLiteral("ch_new1"), QStringLiteral("new-1")),
                        makeChannel(QStringLiteral("ch_new2"), QStringLiteral("new-2"))};
    model.applyChannels(next);

    ASSERT_EQ(removed.count(), 2);
    ASSERT_EQ(inserted.count(), 1);
    EXPECT_EQ(inserted.at(0).at(1).toInt(), 3);
    EXPECT_EQ(inserted.at(0).at(2).toInt(), 4) << "the last inserted index is inclusive";
    ASSERT_EQ(model.rowCount(), 5);
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(cell(model, row, ChannelTableModel::Column::Id));
    EXPECT_EQ(ids, (QStringList{QStringLiteral("ch_0"), QStringLiteral("ch_3"), QStringLiteral("ch_5"),
                                QStringLiteral("ch_new1"), QStringLiteral("ch_new2")}));
    EXPECT_EQ(model.rowOf(QStringLiteral("ch_5")), 2);
    EXPECT_EQ(model.rowOf(QStringLiteral("ch_1")), -1);
}

TEST(ChannelTableModel, KeepsSelectionThroughAnUpdate)
{
    ChannelTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ChannelTableModel::RawValueRole);
    proxy.sort(0);
    QList<Channel> channels = makeChannels(50);
    model.applyChannels(channels);
    QItemSelectionModel selection(&proxy);
    const QModelIndex chosen = proxy.mapFromSource(model.index(model.rowOf(QStringLiteral("ch_17")), 0));
    selection.setCurrentIndex(chosen, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    channels.removeAt(3);
    for (Channel &channel : channels)
        channel.status = ChannelStatus::Degraded;
    channels.append(makeChannel(QStringLiteral("ch_999"), QStringLiteral("aaa-first")));
    model.applyChannels(channels);

    ASSERT_TRUE(selection.currentIndex().isValid());
    EXPECT_EQ(selection.currentIndex().data(ChannelTableModel::ChannelIdRole).toString(), QStringLiteral("ch_17"));
    EXPECT_EQ(selection.selectedRows().size(), 1);
}

TEST_F(ChannelTableModelTest, RenamingABackupUpdatesTheNamesShownByItsPrimaries)
{
    Channel primary = makeChannel(QStringLiteral("ch_a"), QStringLiteral("primary"));
    primary.routing.failoverChannels = {QStringLiteral("ch_b")};
    Channel backup = makeChannel(QStringLiteral("ch_b"), QStringLiteral("backup-old"));
    model.applyChannels({primary, backup});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    backup.name = QStringLiteral("backup-new");
    model.applyChannels({primary, backup});
    EXPECT_EQ(cell(model, 0, ChannelTableModel::Column::FailoverTargets), QStringLiteral("backup-new"));
    bool coversPrimary = false;
    for (const auto &args : changed) {
        const QModelIndex tl = args.at(0).toModelIndex();
        const QModelIndex br = args.at(1).toModelIndex();
        const int col = ChannelTableModel::column(ChannelTableModel::Column::FailoverTargets);
        coversPrimary |= tl.row() <= 0 && br.row() >= 0 && tl.column() <= col && br.column() >= col;
    }
    EXPECT_TRUE(coversPrimary);
}

TEST_F(ChannelTableModelTest, AppliesMonitorVerdictsInPlaceAndAsksForAListOnlyWhenNeeded)
{
    const QList<Channel> channels = applyNumbered(4);
    auto healthOf = [](const Channel &channel) {
        cc::ChannelHealth health;
        health.id = channel.id;
        health.name = channel.name;
        health.tenantStatus = channel.status;
        return health;
    };
    QList<cc::ChannelHealth> health;
    for (const Channel &channel : channels)
        health.append(healthOf(channel));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    health[2].tenantStatus = ChannelStatus::Unhealthy;
    EXPECT_FALSE(model.applyHealth(health)) << "a status change needs no new list";
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).toModelIndex().row(), 2);
    EXPECT_EQ(cell(model, 2, ChannelTableModel::Column::Status), QStringLiteral("Unhealthy"));

    health[2].routedVia = channels.at(3).id;
    EXPECT_TRUE(model.applyHealth(health)) << "a routing change brings a new version: list again";
    EXPECT_EQ(cell(model, 2, ChannelTableModel::Column::RoutedVia), channels.at(3).name);

    health.append(healthOf(makeChannel(QStringLiteral("ch_new"), QStringLiteral("new"))));
    EXPECT_TRUE(model.applyHealth(health)) << "a channel the table does not have";
    EXPECT_EQ(model.rowCount(), 4) << "rows come from lists, not from verdicts";
}

// The Channels page on the simulated tenant: what a person sees of the table.
#include "channels_page.h"
#include "widget_test_support.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace {

struct ChannelsPageOnTenant
{
    cc::test::SimFixture sim{cc::ui::test::simOptions(14)};
    cc::ApiClient client{cc::ui::test::simProfile(sim)};
    cc::ui::ChannelsPage page;

    bool load()
    {
        page.resize(1280, 700);
        page.show();
        QSignalSpy loaded(&page, &cc::ui::ChannelsPage::loaded);
        page.setClient(&client);
        page.refresh();
        return loaded.wait(30000);
    }
};

} // namespace

TEST(ChannelsPage, ColumnsShowWholeNamesAndWholeHeaders)
{
    ChannelsPageOnTenant fixture;
    ASSERT_TRUE(fixture.load());
    auto *view = fixture.page.findChild<QTableView *>(QStringLiteral("channelTable"));
    ASSERT_NE(view, nullptr);
    QApplication::processEvents();
    const int nameColumn = ChannelTableModel::column(ChannelTableModel::Column::Name);
    int longestName = 0;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        longestName = std::max(longestName, view->fontMetrics().horizontalAdvance(view->model()->index(row, nameColumn).data().toString()));
    EXPECT_GE(view->columnWidth(nameColumn), longestName + 8) << "names are not cut";
    const int updated = ChannelTableModel::column(ChannelTableModel::Column::Updated);
    EXPECT_LT(view->columnWidth(updated), view->viewport()->width() / 4) << "the timestamp does not take the room";
    QHeaderView *header = view->horizontalHeader();
    for (int column = 0; column < view->model()->columnCount(); ++column) {
        const QString title = view->model()->headerData(column, Qt::Horizontal).toString();
        EXPECT_GE(header->sectionSize(column), QFontMetrics(header->font()).horizontalAdvance(title) + 16) << title.toStdString();
    }
}

TEST(ChannelsPage, TheCountFollowsADeleteAtOnce)
{
    ChannelsPageOnTenant fixture;
    ASSERT_TRUE(fixture.load());
    auto *summary = fixture.page.findChild<QLabel *>(QStringLiteral("channelSummary"));
    ASSERT_TRUE(summary->text().startsWith(QStringLiteral("14 channels"))) << summary->text().toStdString();
    fixture.page.model()->removeChannel(fixture.page.model()->channelAt(3)->id);
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("13 channels"))) << summary->text().toStdString();
}
