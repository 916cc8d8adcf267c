#include "channels_page.h"

#include "channel_table_model.h"
#include "row_table.h"
#include "client/api_client.h"
#include "status_presentation.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace cc::ui {

ChannelsPage::ChannelsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ChannelTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("channelsPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ChannelTableModel::RawValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // any column: name, id, trunk, status word...
    // Live updates re-sort and re-filter only the rows that changed.
    m_proxy->setDynamicSortFilter(true);

    m_filter->setObjectName(QStringLiteral("channelFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, id, status, trunk, codec…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateSummary();
    });

    m_view->setObjectName(QStringLiteral("channelTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ChannelTableModel::column(ChannelTableModel::Column::Name), Qt::AscendingOrder);
    setUpRowTable(m_view, QAbstractItemView::SingleSelection, 10);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setSectionsMovable(true);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    using C = ChannelTableModel::Column;
    m_view->setColumnWidth(ChannelTableModel::column(C::Name), em * 14);
    m_view->setColumnWidth(ChannelTableModel::column(C::Id), em * 7);
    m_view->setColumnWidth(ChannelTableModel::column(C::Status), em * 10);
    m_view->setColumnWidth(ChannelTableModel::column(C::Trunk), em * 14);
    m_view->setColumnWidth(ChannelTableModel::column(C::Codecs), em * 10);
    m_view->setColumnWidth(ChannelTableModel::column(C::FailoverTargets), em * 13);
    m_view->setColumnWidth(ChannelTableModel::column(C::RoutedVia), em * 9);

    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit editRequested(index.data(ChannelTableModel::ChannelIdRole).toString());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid())
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (m_contextMenu)
            m_contextMenu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChannelsPage::currentChannelChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ChannelsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ChannelsPage::updateSummary);
    // The proxy drops its rows before the model has (Qt removes them in
    // rowsAboutToBeRemoved), so the count is taken again once the model is done.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChannelsPage::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChannelsPage::updateSummary);

    m_summary->setObjectName(QStringLiteral("channelSummary"));
    m_error->setObjectName(QStringLiteral("channelError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #7f1414; border: 1px solid #e57373; padding: 6px; }"));
    m_error->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    updateSummary();
}

ChannelsPage::~ChannelsPage()
{
    if (m_pending)
        m_pending->cancel();
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
        m_error->setText(tr("Not connected: choose a connection profile (File > Connect…) to load the channels."));
        m_error->show();
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
            m_error->setText(tr("Could not load the channels: %1").arg(result.error->text()));
            m_error->show();
            updateSummary();
            emit loadFailed(result.error->text());
            return;
        }
        m_error->hide();
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
    const QModelIndex index = m_view->selectionModel()->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    const Channel *channel = m_model->channelById(index.data(ChannelTableModel::ChannelIdRole).toString());
    return channel ? std::optional<Channel>(*channel) : std::nullopt;
}

void ChannelsPage::selectChannel(const QString &id)
{
    selectSourceRow(m_view, m_proxy, m_model->rowOf(id));
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
    QHeaderView *header = m_view->horizontalHeader();
    header->setResizeContentsPrecision(200);
    header->setStretchLastSection(false);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const QFontMetrics headerMetrics(header->font());
    const int nameColumn = ChannelTableModel::column(ChannelTableModel::Column::Name);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        // Room for the sort arrow and the section's margins besides the words.
        const int headerWidth = headerMetrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + em * 2;
        if (column == nameColumn)
            continue;
        m_view->resizeColumnToContents(column);
        // Lists of names can be long: a tooltip shows them whole.
        const bool list = column == ChannelTableModel::column(ChannelTableModel::Column::FailoverTargets)
            || column == ChannelTableModel::column(ChannelTableModel::Column::Codecs);
        m_view->setColumnWidth(column, qMax(headerWidth, qMin(m_view->columnWidth(column) + 8, list ? em * 14 : em * 20)));
    }
    // Wide enough for every status word, not only those seen at the first load.
    int statusWidth = 0;
    for (const QString &name : channelStatusNames()) {
        if (const auto status = channelStatusFromName(name))
            statusWidth = qMax(statusWidth, m_view->fontMetrics().horizontalAdvance(statusText(*status)));
    }
    const int statusColumn = ChannelTableModel::column(ChannelTableModel::Column::Status);
    m_view->setColumnWidth(statusColumn, qMax(m_view->columnWidth(statusColumn), statusWidth + 16 + 24));
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
    m_summary->setText(text);
}

} // namespace cc::ui
