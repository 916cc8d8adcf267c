#include "channels_page.h"

#include "channel_table_model.h"
#include "row_table.h"
#include "client/api_client.h"
#include "status_presentation.h"
#include "ui_channels_page.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTime>

namespace cc::ui {

ChannelsPage::ChannelsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ChannelTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_ui(std::make_unique<Ui::ChannelsPage>())
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ChannelTableModel::RawValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // any column: name, id, trunk, status word...
    // Live updates re-sort and re-filter only the rows that changed.
    m_proxy->setDynamicSortFilter(true);

    connect(m_ui->channelFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateSummary();
    });

    m_ui->channelTable->setModel(m_proxy);
    m_ui->channelTable->sortByColumn(ChannelTableModel::column(ChannelTableModel::Column::Name), Qt::AscendingOrder);
    setUpRowTable(m_ui->channelTable, QAbstractItemView::SingleSelection, 10);
    m_ui->channelTable->horizontalHeader()->setSectionsMovable(true);
    using C = ChannelTableModel::Column;
    const auto column = [](C c) { return ChannelTableModel::column(c); };
    setColumnWidths(m_ui->channelTable, m_ui->channelTable->fontMetrics().horizontalAdvance(QLatin1Char('M')),
                    {{column(C::Name), 14}, {column(C::Id), 7}, {column(C::Status), 10}, {column(C::Trunk), 14},
                     {column(C::Codecs), 10}, {column(C::FailoverTargets), 13}, {column(C::RoutedVia), 9}});

    connect(m_ui->channelTable, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit editRequested(index.data(ChannelTableModel::ChannelIdRole).toString());
    });
    connect(m_ui->channelTable, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_ui->channelTable->indexAt(pos);
        if (index.isValid())
            m_ui->channelTable->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (m_contextMenu)
            m_contextMenu->popup(m_ui->channelTable->viewport()->mapToGlobal(pos));
    });
    connect(m_ui->channelTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChannelsPage::currentChannelChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ChannelsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ChannelsPage::updateSummary);
    // The proxy drops its rows before the model has (Qt removes them in
    // rowsAboutToBeRemoved), so the count is taken again once the model is done.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChannelsPage::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChannelsPage::updateSummary);

    updateSummary();
}

ChannelsPage::~ChannelsPage()
{
    if (m_pending)
        m_pending->cancel();
}

QTableView *ChannelsPage::view() const
{
    return m_ui->channelTable;
}

void ChannelsPage::setClient(ApiClient *client)
{
    if (m_pending)
        m_pending->cancel();
    m_client = client;
    m_lastLoaded.clear();
    updateSummary();
}

void ChannelsPage::refresh()
{
    if (m_client.isNull()) {
        m_ui->channelError->setText(tr("Not connected: choose a connection profile (File > Connect…) to load the channels."));
        m_ui->channelError->show();
        return;
    }
    if (m_pending)
        m_pending->cancel();
    Reply<QList<Channel>> *reply = m_client->listChannels();
    m_pending = reply;
    updateSummary();
    reply->onFinished(this, [this, reply](const ApiResult<QList<Channel>> &result) {
        if (m_pending == reply)
            m_pending = nullptr;
        if (!result.ok()) {
            if (result.error->kind == ApiError::Kind::Cancelled)
                return;
            m_ui->channelError->setText(tr("Could not load the channels: %1").arg(result.error->text()));
            m_ui->channelError->show();
            updateSummary();
            emit loadFailed(result.error->text());
            return;
        }
        m_ui->channelError->hide();
        m_lastLoaded = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
        const bool first = m_model->rowCount() == 0;
        applyChannels(*result.value);
        if (first)
            fitColumns();
        emit loaded(static_cast<int>(result.value->size()));
    });
}

bool ChannelsPage::isLoading() const
{
    return !m_pending.isNull();
}

void ChannelsPage::applyChannels(const QList<Channel> &channels)
{
    m_model->applyChannels(channels);
    updateSummary();
}

void ChannelsPage::applyHealth(const QList<ChannelHealth> &health)
{
    const bool listDue = m_model->applyHealth(health);
    if (listDue && !isLoading() && !m_client.isNull())
        refresh();
}

std::optional<Channel> ChannelsPage::currentChannel() const
{
    const QModelIndex index = m_ui->channelTable->selectionModel()->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    const Channel *channel = m_model->channelById(index.data(ChannelTableModel::ChannelIdRole).toString());
    return channel ? std::optional<Channel>(*channel) : std::nullopt;
}

void ChannelsPage::selectChannel(const QString &id)
{
    selectSourceRow(m_ui->channelTable, m_proxy, m_model->rowOf(id));
}

void ChannelsPage::setContextMenu(QMenu *menu)
{
    m_contextMenu = menu;
}

void ChannelsPage::fitColumns()
{
    // Measured on a sample of rows (the header's precision), so 5,000 rows
    // cost no more than 200. The name takes whatever width is left (it is what
    // people read); every other column fits its contents and never gets
    // narrower than its own header, so no header is clipped.
    QHeaderView *header = m_ui->channelTable->horizontalHeader();
    header->setResizeContentsPrecision(200);
    header->setStretchLastSection(false);
    const int em = m_ui->channelTable->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const QFontMetrics headerMetrics(header->font());
    const int nameColumn = ChannelTableModel::column(ChannelTableModel::Column::Name);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        // Room for the sort arrow and the section's margins besides the words.
        const int headerWidth = headerMetrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + em * 2;
        if (column == nameColumn)
            continue;
        m_ui->channelTable->resizeColumnToContents(column);
        // Lists of names can be long: a tooltip shows them whole.
        const bool list = column == ChannelTableModel::column(ChannelTableModel::Column::FailoverTargets)
            || column == ChannelTableModel::column(ChannelTableModel::Column::Codecs);
        m_ui->channelTable->setColumnWidth(column, qMax(headerWidth, qMin(m_ui->channelTable->columnWidth(column) + 8, list ? em * 14 : em * 20)));
    }
    // Wide enough for every status word, not only those seen at the first load.
    int statusWidth = 0;
    for (const QString &name : channelStatusNames()) {
        if (const auto status = channelStatusFromName(name))
            statusWidth = qMax(statusWidth, m_ui->channelTable->fontMetrics().horizontalAdvance(statusText(*status)));
    }
    const int statusColumn = ChannelTableModel::column(ChannelTableModel::Column::Status);
    m_ui->channelTable->setColumnWidth(statusColumn, qMax(m_ui->channelTable->columnWidth(statusColumn), statusWidth + 16 + 24));
    header->setSectionResizeMode(nameColumn, QHeaderView::Stretch);
}

void ChannelsPage::updateSummary()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QString channels = total == 1 ? tr("1 channel") : tr("%1 channels").arg(total);
    QString text = shown == total ? channels : tr("%1 of %2 shown").arg(shown).arg(channels);
    if (isLoading())
        text += tr(" · loading…");
    else if (!m_lastLoaded.isEmpty())
        text += tr(" · loaded %1").arg(m_lastLoaded);
    m_ui->channelSummary->setText(text);
}

} // namespace cc::ui
